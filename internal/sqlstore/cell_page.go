package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// SaveMunicipalityCells implements eservice.Store: the rows of one municipality's
// one-page form, all or nothing, as an import is. Every row is checked before any is
// written: a bad value is invalid with the field named "<service code>.<field>", and a
// row whose cell changed since the form read it is a conflict with the field
// "<service code>.version", so the form can mark each row. A row equal to its cell (or,
// for a cell never filled in, without an answer) is skipped.
func (s *Store) SaveMunicipalityCells(ctx context.Context, ehak string, rows []eservice.RowInput) (int, error) {
	n := 0
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := municipalityFrom(ctx, tx, ehak); err != nil {
			return err
		}
		scale, err := scaleFrom(ctx, tx)
		if err != nil {
			return err
		}
		services, err := tx.retiredByCode(ctx)
		if err != nil {
			return err
		}
		cells, err := cellsFrom(ctx, tx, eservice.CellFilter{MunicipalityEHAK: ehak})
		if err != nil {
			return err
		}
		grid := eservice.NewGrid(cells)
		var problems, stale kovit.Problems
		var saves []cellSave
		seen := map[string]bool{}
		for _, r := range rows {
			if retired, ok := services[r.ServiceCode]; !ok || retired || seen[r.ServiceCode] {
				problems.Add(r.ServiceCode+".service", "transfer.error.unknown_service")
				continue
			}
			seen[r.ServiceCode] = true
			before := grid.Cell(ehak, r.ServiceCode)
			// A row read unfilled and left unanswered says nothing, even if the cell has
			// been filled in since: it leaves the cell as it is, as an import's empty row does.
			unanswered := r.In.Version == 0 && r.In.Offering == "" && r.In.URL == "" && r.In.System == "" && len(r.In.Met) == 0
			if unanswered || before.Unchanged(r.In) {
				continue
			}
			for _, f := range kovit.FieldsOf(r.In.Validate(scale)) {
				problems.Add(r.ServiceCode+"."+f.Field, f.Key)
			}
			if before.Version != r.In.Version {
				stale.Add(r.ServiceCode+".version", "error.conflict")
			}
			saves = append(saves, cellSave{before, r.In})
		}
		if len(problems) > 0 {
			return problems.Err()
		}
		if len(stale) > 0 {
			return &kovit.Error{Code: kovit.EConflict, Key: "error.conflict", Fields: stale}
		}
		slices.SortFunc(saves, func(a, b cellSave) int { return strings.Compare(a.before.ServiceCode, b.before.ServiceCode) })
		n = len(saves)
		_, err = tx.saveCells(ctx, scale, saves)
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// ConfirmCells implements eservice.Store. Only cells the municipality has filled in can
// be confirmed; codes of cells never filled in are passed over. Each confirmation is
// recorded, so the history says who vouched for the cell and when.
func (s *Store) ConfirmCells(ctx context.Context, ehak string, codes []string) (int, error) {
	n := 0
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := municipalityFrom(ctx, tx, ehak); err != nil {
			return err
		}
		cells, err := cellsFrom(ctx, tx, eservice.CellFilter{MunicipalityEHAK: ehak})
		if err != nil {
			return err
		}
		want := map[string]bool{}
		for _, c := range codes {
			want[c] = true
		}
		at := s.now()
		var args []any
		var changes []auditChange
		for _, c := range cells {
			if !want[c.ServiceCode] {
				continue
			}
			after := c.Confirmed(at)
			args = append(args, c.ServiceCode)
			changes = append(changes, auditChange{ehak + "/" + c.ServiceCode, audit.Update, c, after})
		}
		if len(args) == 0 {
			return nil
		}
		// Every code of this municipality's cells comes from the cells just read, so the
		// list is bounded by the catalogue.
		if _, err := tx.exec(ctx, `UPDATE service_cells SET confirmed_at = ? WHERE municipality_ehak = ? AND service_code IN (`+placeholders(len(args))+`)`,
			append([]any{at, ehak}, args...)...); err != nil {
			return fmt.Errorf("sqlstore: confirm cells: %w", err)
		}
		n = len(args)
		return tx.recordMany(ctx, audit.KindServiceCell, changes)
	})
	return n, err
}
