package tabular

// MaxSheetRows is the most data rows a sheet holds below its header: a spreadsheet
// program opens no more than 1,048,576 rows. A larger table can only go out as CSV.
const MaxSheetRows = 1<<20 - 1

// each calls fn with every row of t: Rows first, then those Each yields. A table of a
// large country's matrix (6.5 million rows) gives them by Each, a block at a time, so
// that they are written as they are read and never held together.
func (t Table) each(fn func(row []any) error) error {
	for _, row := range t.Rows {
		if err := fn(row); err != nil {
			return err
		}
	}
	if t.Each == nil {
		return nil
	}
	return t.Each(fn)
}
