package eservice

// MaxRowBlock is the most municipalities Store.RowGrid reads at once: 200 rows of a
// large country's 600 services are 120,000 cells, some 40 MB, where all 10,800 rows are
// gigabytes. The matrix API and export walk a large country a block at a time.
const MaxRowBlock = 200
