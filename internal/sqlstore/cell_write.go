package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// SaveCell implements eservice.Store: a municipality reports a cell, over the version it
// last read.
func (s *Store) SaveCell(ctx context.Context, ehak, code string, in eservice.CellInput) (eservice.Cell, error) {
	var after eservice.Cell
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := municipalityFrom(ctx, tx, ehak); err != nil {
			return err
		}
		if sv, err := serviceFrom(ctx, tx, code); err != nil {
			return err
		} else if sv.Retired {
			return kovit.Errorf(kovit.EConflict, "error.service_retired")
		}
		scale, err := scaleFrom(ctx, tx)
		if err != nil {
			return err
		}
		if err := in.Validate(scale); err != nil {
			return err
		}
		before, err := tx.cell(ctx, ehak, code)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return kovit.Conflict()
		}
		saved, err := tx.saveCells(ctx, scale, []cellSave{{before, in}})
		if err == nil {
			after = saved[0]
		}
		return err
	})
	return after, err
}

// cellSave is a valid input to save over a cell as read in the same transaction.
type cellSave struct {
	before eservice.Cell
	in     eservice.CellInput
}

// saveCells writes each input over its cell and records the change, and returns the
// cells as saved: the one way a cell is written, for SaveCell's one cell and an import's
// thousands alike. The new state is Cell.Saved's; each statement carries many cells
// (execRows), since a round trip per cell made a whole matrix take seconds on
// PostgreSQL. A cell is written only if it is still at the version read: another
// transaction that changed it since (possible on PostgreSQL) makes the whole save a
// conflict rather than be overwritten unseen. Criteria are rewritten only for the cells
// whose criteria change.
func (t *tx) saveCells(ctx context.Context, scale eservice.Scale, saves []cellSave) ([]eservice.Cell, error) {
	if len(saves) == 0 {
		return nil, nil
	}
	at := t.s.now()
	by := actorOf(ctx).name
	out := make([]eservice.Cell, len(saves))
	cells := make([]any, 0, 14*len(saves))
	changes := make([]auditChange, len(saves))
	var stale, met []any // cells whose criteria go; criteria to add
	for i, sv := range saves {
		b, a := sv.before, sv.before.Saved(sv.in, scale, at, by)
		ehak, code := a.MunicipalityEHAK, a.ServiceCode
		out[i] = a
		cells = append(cells, ehak, code, string(a.Offering), a.Level, a.URL, a.System, a.EvidenceURL,
			dayArg(a.EvidenceCheckedOn), string(a.Verification), a.ReturnReason, a.Version, a.UpdatedAt, a.UpdatedBy, *a.ConfirmedAt)
		// Criteria read back come sorted and unique, as Saved makes them.
		if !slices.Equal(b.Met, a.Met) {
			if len(b.Met) > 0 {
				stale = append(stale, ehak, code)
			}
			for _, id := range a.Met {
				met = append(met, ehak, code, id)
			}
		}
		action := audit.Update
		if b.Version == 0 {
			action = audit.Create
		}
		changes[i] = auditChange{ehak + "/" + code, action, nilIfNew(b), a}
	}
	n, err := t.execRows(ctx, `INSERT INTO service_cells (`+cellColumns+`) VALUES`, 14, cells,
		`ON CONFLICT (municipality_ehak, service_code) DO UPDATE SET offering = excluded.offering, level = excluded.level,
		url = excluded.url, system = excluded.system, evidence_url = excluded.evidence_url,
		evidence_checked_on = excluded.evidence_checked_on, verification = excluded.verification,
		return_reason = excluded.return_reason, version = excluded.version, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by, confirmed_at = excluded.confirmed_at
		WHERE service_cells.version = excluded.version - 1`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: save cells: %w", err)
	}
	if n != int64(len(saves)) {
		return nil, kovit.Conflict()
	}
	if err := t.addToTotals(ctx, saves, out); err != nil {
		return nil, err
	}
	if _, err := t.execRows(ctx, `DELETE FROM cell_criteria WHERE (municipality_ehak, service_code) IN (VALUES`, 2, stale, `)`); err != nil {
		return nil, fmt.Errorf("sqlstore: cell criteria: %w", err)
	}
	if _, err := t.execRows(ctx, `INSERT INTO cell_criteria (municipality_ehak, service_code, criterion_id) VALUES`, 3, met, ""); err != nil {
		return nil, fmt.Errorf("sqlstore: cell criteria: %w", err)
	}
	return out, t.recordMany(ctx, audit.KindServiceCell, changes)
}

func nilIfNew(c eservice.Cell) any {
	if c.Version == 0 {
		return nil
	}
	return c
}

// ReviewCell implements eservice.Store: a coordinator verifies a cell or returns it.
func (s *Store) ReviewCell(ctx context.Context, ehak, code string, r eservice.Review) (eservice.Cell, error) {
	if err := r.Validate(); err != nil {
		return eservice.Cell{}, err
	}
	var after eservice.Cell
	err := s.transact(ctx, func(tx *tx) error {
		before, err := tx.cell(ctx, ehak, code)
		if err != nil {
			return err
		}
		if before.Version == 0 {
			return kovit.NotFound()
		}
		reason := r.Reason
		if r.Verification == eservice.Verified {
			reason = ""
		}
		res, err := tx.exec(ctx, `UPDATE service_cells SET verification = ?, return_reason = ?, version = version + 1, updated_at = ?
			WHERE municipality_ehak = ? AND service_code = ? AND version = ?`, string(r.Verification), reason, s.now(), ehak, code, r.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: review cell: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = tx.cell(ctx, ehak, code); err != nil {
			return err
		}
		if err := tx.addToTotals(ctx, []cellSave{{before: before}}, []eservice.Cell{after}); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindServiceCell, ehak+"/"+code, audit.Update, before, after); err != nil {
			return err
		}
		return tx.emitReview(ctx, ehak, code, r.Verification, reason)
	})
	return after, err
}
