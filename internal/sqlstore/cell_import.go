package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// ImportCells implements eservice.Store: it saves checked rows of an imported matrix in
// one transaction, all or nothing. Each row is checked again against what the
// transaction sees, in case the catalogue changed since the file was checked. A row
// that would change nothing is skipped, so exporting and importing back adds no versions
// and no audit events; every other row is recorded like a save. A row whose cell was
// changed since the file's version of it is refused, as a form's save is, and so is a
// row without a version that would change a saved cell (of a cell named twice, the last
// row counts). The matrix is read once and the changed cells written together
// (saveCells), so a whole matrix takes a few dozen statements, not tens of thousands.
// It returns how many cells changed.
func (s *Store) ImportCells(ctx context.Context, rows []eservice.ImportRow) (int, error) {
	n := 0
	err := s.transact(ctx, func(tx *tx) error {
		scale, err := scaleFrom(ctx, tx)
		if err != nil {
			return err
		}
		known, err := tx.stringSet(ctx, `SELECT ehak FROM municipalities`)
		if err != nil {
			return err
		}
		services, err := tx.retiredByCode(ctx)
		if err != nil {
			return err
		}
		cells, err := cellsFrom(ctx, tx, eservice.CellFilter{})
		if err != nil {
			return err
		}
		grid := eservice.NewGrid(cells)
		// The last row of a cell is the one that counts, and a cell is written once.
		last := make(map[[2]string]int, len(rows))
		for i, r := range rows {
			last[[2]string{r.MunicipalityEHAK, r.ServiceCode}] = i
		}
		var problems tabular.ImportError
		for i, r := range rows {
			if !known[r.MunicipalityEHAK] {
				problems.Rows = append(problems.Rows, tabular.RowError{Row: r.Row, Column: "ehak", Key: "transfer.error.unknown_municipality"})
			}
			if retired, ok := services[r.ServiceCode]; !ok {
				problems.Rows = append(problems.Rows, tabular.RowError{Row: r.Row, Column: "service_code", Key: "transfer.error.unknown_service"})
			} else if retired {
				problems.Rows = append(problems.Rows, tabular.RowError{Row: r.Row, Column: "service_code", Key: "transfer.error.service_retired"})
			}
			if r.Input.Offering == eservice.Unknown {
				continue // says nothing, changes nothing
			}
			for _, f := range kovit.FieldsOf(r.Input.Validate(scale)) {
				problems.Rows = append(problems.Rows, tabular.RowError{Row: r.Row, Column: f.Field, Key: f.Key})
			}
			if key := versionProblem(grid, r); key != "" && last[[2]string{r.MunicipalityEHAK, r.ServiceCode}] == i {
				problems.Rows = append(problems.Rows, tabular.RowError{Row: r.Row, Column: "version", Key: key})
			}
		}
		if len(problems.Rows) > 0 {
			return &problems
		}
		var saves []cellSave
		for i, r := range rows {
			if last[[2]string{r.MunicipalityEHAK, r.ServiceCode}] != i || r.Input.Offering == eservice.Unknown {
				continue
			}
			before, ok := grid[r.MunicipalityEHAK][r.ServiceCode]
			if !ok {
				before = emptyCell(r.MunicipalityEHAK, r.ServiceCode)
			}
			if !before.Unchanged(r.Input) {
				saves = append(saves, cellSave{before, r.Input})
			}
		}
		// In key order, concurrent imports lock cells in the same order rather than
		// deadlock, and the rows land at the end of the indexes, not all over them.
		slices.SortFunc(saves, func(a, b cellSave) int {
			return cmp.Or(strings.Compare(a.before.MunicipalityEHAK, b.before.MunicipalityEHAK),
				strings.Compare(a.before.ServiceCode, b.before.ServiceCode))
		})
		n = len(saves)
		_, err = tx.saveCells(ctx, scale, saves)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// versionProblem is the translation key of a row that would overwrite a change it did not
// see: its cell's version now is not the file's, or the file gives none for a saved cell.
func versionProblem(grid eservice.Grid, r eservice.ImportRow) string {
	before, ok := grid[r.MunicipalityEHAK][r.ServiceCode]
	if !ok {
		before = emptyCell(r.MunicipalityEHAK, r.ServiceCode)
	}
	switch {
	case r.Version != nil && *r.Version != before.Version:
		return "transfer.error.changed_since"
	case r.Version == nil && before.Version > 0 && !before.Unchanged(r.Input):
		return "transfer.error.version_required"
	}
	return ""
}

// retiredByCode maps every service's code to whether it is retired.
func (t *tx) retiredByCode(ctx context.Context) (map[string]bool, error) {
	rows, err := t.query(ctx, `SELECT code, retired FROM services`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: service codes: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var code string
		var retired bool
		if err := rows.Scan(&code, &retired); err != nil {
			return nil, err
		}
		out[code] = retired
	}
	return out, rows.Err()
}
