package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

const cellColumns = `municipality_ehak, service_code, offering, level, url, system, evidence_url,
	evidence_checked_on, verification, return_reason, version, updated_at, updated_by`

func scanCell(row scanner) (eservice.Cell, error) {
	var c eservice.Cell
	var checked sql.NullString
	err := row.Scan(&c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level, &c.URL, &c.System, &c.EvidenceURL,
		&checked, &c.Verification, &c.ReturnReason, &c.Version, &c.UpdatedAt, &c.UpdatedBy)
	if checked.Valid {
		if d, err := time.Parse(time.DateOnly, checked.String); err == nil {
			c.EvidenceCheckedOn = &d
		}
	}
	return c, err
}

// Cells implements eservice.Store: the filled-in cells with the criteria each meets.
func (s *Store) Cells(ctx context.Context, f eservice.CellFilter) ([]eservice.Cell, error) {
	return cellsFrom(ctx, s.query, f)
}

// cellsFrom reads cells with whichever query function it is given, so that the read pool
// and a write transaction (an import) share one implementation.
func cellsFrom(ctx context.Context, query func(context.Context, string, ...any) (*sql.Rows, error), f eservice.CellFilter) ([]eservice.Cell, error) {
	var w where
	if f.MunicipalityEHAK != "" {
		w.add("municipality_ehak = ?", f.MunicipalityEHAK)
	}
	if f.ServiceCode != "" {
		w.add("service_code = ?", f.ServiceCode)
	}
	rows, err := query(ctx, `SELECT `+cellColumns+` FROM service_cells`+w.String()+` ORDER BY municipality_ehak, service_code`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cells: %w", err)
	}
	var out []eservice.Cell
	index := map[[2]string]int{}
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[[2]string{c.MunicipalityEHAK, c.ServiceCode}] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	crit, err := query(ctx, `SELECT municipality_ehak, service_code, criterion_id FROM cell_criteria`+w.String()+
		` ORDER BY criterion_id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cell criteria: %w", err)
	}
	defer crit.Close()
	for crit.Next() {
		var ehak, code string
		var id int64
		if err := crit.Scan(&ehak, &code, &id); err != nil {
			return nil, err
		}
		if i, ok := index[[2]string{ehak, code}]; ok {
			out[i].Met = append(out[i].Met, id)
		}
	}
	return out, crit.Err()
}

// Cell implements eservice.Store. A cell never filled in is returned empty with version 0,
// so that a first save can use the same optimistic check as every later one.
func (s *Store) Cell(ctx context.Context, ehak, code string) (eservice.Cell, error) {
	if _, err := s.Municipality(ctx, ehak); err != nil {
		return eservice.Cell{}, err
	}
	if _, err := s.Service(ctx, code); err != nil {
		return eservice.Cell{}, err
	}
	cells, err := s.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak, ServiceCode: code})
	if err != nil || len(cells) == 1 {
		return firstCell(cells), err
	}
	return emptyCell(ehak, code), nil
}

func firstCell(cells []eservice.Cell) eservice.Cell {
	if len(cells) == 0 {
		return eservice.Cell{}
	}
	return cells[0]
}

func emptyCell(ehak, code string) eservice.Cell {
	return eservice.Cell{MunicipalityEHAK: ehak, ServiceCode: code, Offering: eservice.NotOffered, Verification: eservice.SelfReported}
}

func (t *tx) cell(ctx context.Context, ehak, code string) (eservice.Cell, error) {
	c, err := scanCell(t.queryRow(ctx, `SELECT `+cellColumns+` FROM service_cells WHERE municipality_ehak = ? AND service_code = ?`, ehak, code))
	if kovit.ErrorCode(notFound(err)) == kovit.ENotFound {
		return emptyCell(ehak, code), nil
	}
	if err != nil {
		return c, err
	}
	rows, err := t.query(ctx, `SELECT criterion_id FROM cell_criteria WHERE municipality_ehak = ? AND service_code = ? ORDER BY criterion_id`, ehak, code)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return c, err
		}
		c.Met = append(c.Met, id)
	}
	return c, rows.Err()
}

// SaveCell implements eservice.Store: a municipality reports a cell. Any change sends it
// back to self-reported, since what a coordinator verified is no longer what is there.
func (s *Store) SaveCell(ctx context.Context, ehak, code string, in eservice.CellInput) (eservice.Cell, error) {
	var after eservice.Cell
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := tx.municipality(ctx, ehak); err != nil {
			return err
		}
		if sv, err := tx.service(ctx, code); err != nil {
			return err
		} else if sv.Retired {
			return kovit.Errorf(kovit.EConflict, "error.service_retired")
		}
		scale, err := tx.scale(ctx)
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
		after, err = tx.writeCell(ctx, scale, before, in)
		return err
	})
	return after, err
}

// writeCell saves in over before, the cell as read in this transaction, and records the
// change; in must be valid. SaveCell and ImportCells share it, so a cell is written one
// way. The update is conditional on before's version, which SaveCell has checked against
// the client's and an import takes as it is (the last write wins per cell). The cell as
// saved is built here rather than read back, and the criteria are rewritten only when
// they change: an import of a whole matrix runs this thousands of times.
func (t *tx) writeCell(ctx context.Context, scale eservice.Scale, before eservice.Cell, in eservice.CellInput) (eservice.Cell, error) {
	ehak, code := before.MunicipalityEHAK, before.ServiceCode
	after := eservice.Cell{MunicipalityEHAK: ehak, ServiceCode: code, Offering: in.Offering, Met: uniqueIDs(in.Met),
		Level: scale.LevelOf(in.Offering, in.Met), URL: in.URL, System: in.System, EvidenceURL: in.EvidenceURL,
		Verification: eservice.SelfReported, Version: before.Version + 1, UpdatedAt: t.s.now(), UpdatedBy: "system"}
	slices.Sort(after.Met)
	var checked *string
	if in.EvidenceCheckedOn != nil {
		d := in.EvidenceCheckedOn.Format(time.DateOnly)
		checked = &d
		day, _ := time.Parse(time.DateOnly, d) // as scanCell reads it back: midnight UTC
		after.EvidenceCheckedOn = &day
	}
	if u := auth.UserFrom(ctx); u != nil {
		after.UpdatedBy = u.Name
	}
	args := []any{string(in.Offering), after.Level, in.URL, in.System, in.EvidenceURL, checked, string(eservice.SelfReported), after.UpdatedAt, after.UpdatedBy}
	var res sql.Result
	var err error
	if before.Version == 0 {
		res, err = t.exec(ctx, `INSERT INTO service_cells (offering, level, url, system, evidence_url, evidence_checked_on,
			verification, updated_at, updated_by, municipality_ehak, service_code, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
			ON CONFLICT (municipality_ehak, service_code) DO NOTHING`, append(args, ehak, code)...)
	} else {
		res, err = t.exec(ctx, `UPDATE service_cells SET offering = ?, level = ?, url = ?, system = ?, evidence_url = ?,
			evidence_checked_on = ?, verification = ?, return_reason = '', updated_at = ?, updated_by = ?, version = version + 1
			WHERE municipality_ehak = ? AND service_code = ? AND version = ?`, append(args, ehak, code, before.Version)...)
	}
	if err != nil {
		return eservice.Cell{}, fmt.Errorf("sqlstore: save cell: %w", err)
	}
	if err := oneRow(res); err != nil {
		return eservice.Cell{}, err
	}
	if !slices.Equal(uniqueSorted(before.Met), after.Met) {
		if err := t.writeCriteria(ctx, ehak, code, len(before.Met) > 0, after.Met); err != nil {
			return eservice.Cell{}, err
		}
	}
	action := audit.Update
	if before.Version == 0 {
		action = audit.Create
	}
	return after, t.record(ctx, "service_cell", ehak+"/"+code, action, nilIfNew(before), after)
}

// writeCriteria replaces a cell's criteria met with ids, in one statement each way.
func (t *tx) writeCriteria(ctx context.Context, ehak, code string, had bool, ids []int64) error {
	if had {
		if _, err := t.exec(ctx, `DELETE FROM cell_criteria WHERE municipality_ehak = ? AND service_code = ?`, ehak, code); err != nil {
			return fmt.Errorf("sqlstore: cell criteria: %w", err)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	values := make([]string, len(ids))
	args := make([]any, 0, 3*len(ids))
	for i, id := range ids {
		values[i] = "(?, ?, ?)"
		args = append(args, ehak, code, id)
	}
	if _, err := t.exec(ctx, `INSERT INTO cell_criteria (municipality_ehak, service_code, criterion_id) VALUES `+strings.Join(values, ", "), args...); err != nil {
		return fmt.Errorf("sqlstore: cell criterion: %w", err)
	}
	return nil
}

func uniqueSorted(ids []int64) []int64 {
	out := uniqueIDs(ids)
	slices.Sort(out)
	return out
}

func nilIfNew(c eservice.Cell) any {
	if c.Version == 0 {
		return nil
	}
	return c
}

func uniqueIDs(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
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
		return tx.record(ctx, "service_cell", ehak+"/"+code, audit.Update, before, after)
	})
	return after, err
}

// TakeSnapshot implements eservice.Store.
func (s *Store) TakeSnapshot(ctx context.Context, month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		var p kovit.Problems
		p.Add("month", "error.month")
		return p.Err()
	}
	return s.transact(ctx, func(tx *tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM matrix_snapshots WHERE month = ?`, month); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO matrix_snapshots (month, taken_at) VALUES (?, ?)`, month, s.now()); err != nil {
			return fmt.Errorf("sqlstore: snapshot: %w", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO snapshot_cells (month, municipality_ehak, service_code, offering, level)
			SELECT ?, municipality_ehak, service_code, offering, level FROM service_cells`, month)
		return err
	})
}

// SnapshotMonths returns the months that have a snapshot, oldest first.
func (s *Store) SnapshotMonths(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT month FROM matrix_snapshots ORDER BY month`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Snapshots implements eservice.Store: every snapshotted cell, of one service or all.
func (s *Store) Snapshots(ctx context.Context, serviceCode string) ([]eservice.SnapshotCell, error) {
	var w where
	if serviceCode != "" {
		w.add("service_code = ?", serviceCode)
	}
	rows, err := s.query(ctx, `SELECT month, municipality_ehak, service_code, offering, level FROM snapshot_cells`+w.String()+
		` ORDER BY month, municipality_ehak, service_code`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: snapshots: %w", err)
	}
	defer rows.Close()
	var out []eservice.SnapshotCell
	for rows.Next() {
		var c eservice.SnapshotCell
		if err := rows.Scan(&c.Month, &c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
