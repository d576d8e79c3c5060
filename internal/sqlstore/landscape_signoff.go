package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// ImportRows implements landscape.Store. The rows were checked one by one by the caller;
// here each is checked against the database too, and the first problem ends the import
// with nothing saved. A municipality's landscape is tens of rows, so one transaction
// holds the write lock only briefly.
func (s *Store) ImportRows(ctx context.Context, ehak string, rows []landscape.Row) (created, updated int, err error) {
	err = s.transact(ctx, func(tx *tx) error {
		created, updated = 0, 0
		for i, r := range rows {
			r.MunicipalityEHAK = ehak
			r.Normalize()
			if err := r.Validate(); err != nil {
				return rowProblem(i, err)
			}
			if r.ID == 0 {
				if _, err := tx.createRow(ctx, r); err != nil {
					return rowProblem(i, err)
				}
				created++
				continue
			}
			before, err := rowByID(ctx, tx, r.ID)
			if kovit.ErrorCode(err) == kovit.ENotFound || (err == nil && before.MunicipalityEHAK != ehak) {
				var p kovit.Problems
				p.Add("id", "landscape.error.unknown_row")
				return rowProblem(i, p.Err())
			}
			if err != nil {
				return err
			}
			if _, err := tx.updateRow(ctx, r); err != nil {
				return rowProblem(i, err)
			}
			updated++
		}
		return nil
	})
	return created, updated, err
}

// rowProblem names the row (0-based in rows) a problem was found in, as rows[3].version, so
// an importer can point at the sheet's row.
func rowProblem(i int, err error) error {
	e := kovit.AsError(err)
	if e == nil {
		return err
	}
	if len(e.Fields) == 0 {
		if e.Code != kovit.EConflict {
			return err
		}
		var p kovit.Problems
		p.Add("rows["+strconv.Itoa(i)+"].version", "error.conflict")
		return p.Err()
	}
	var p kovit.Problems
	for _, f := range e.Fields {
		p.Add("rows["+strconv.Itoa(i)+"]."+f.Field, f.Key)
	}
	return p.Err()
}

// ConfirmRows implements landscape.Store.
func (s *Store) ConfirmRows(ctx context.Context, ehak string) (int, error) {
	n := 0
	err := s.transact(ctx, func(tx *tx) error {
		ids, err := rowIDs(ctx, tx, ` WHERE municipality_ehak = ?`, ehak)
		if err != nil {
			return err
		}
		n = len(ids)
		if n == 0 {
			return nil
		}
		if _, err := tx.exec(ctx, `UPDATE landscape_rows SET confirmed_at = ? WHERE municipality_ehak = ?`, s.now(), ehak); err != nil {
			return fmt.Errorf("sqlstore: confirm landscape: %w", err)
		}
		return tx.record(ctx, audit.KindLandscapeSignOff, ehak, audit.Update, confirmed{""}, confirmed{strconv.Itoa(n) + " confirmed"})
	})
	return n, err
}

type confirmed struct {
	Rows string `json:"rows_confirmed"`
}

// SignOffLandscape implements landscape.Store: signing off confirms every row as well.
func (s *Store) SignOffLandscape(ctx context.Context, ehak string) (landscape.SignOff, error) {
	var out landscape.SignOff
	err := s.transact(ctx, func(tx *tx) error {
		var k int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, ehak).Scan(&k); err != nil {
			return err
		}
		if k == 0 {
			return kovit.NotFound()
		}
		ids, err := rowIDs(ctx, tx, ` WHERE municipality_ehak = ?`, ehak)
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := tx.exec(ctx, `UPDATE landscape_rows SET confirmed_at = ? WHERE municipality_ehak = ?`, now, ehak); err != nil {
			return err
		}
		by := actorOf(ctx)
		var userID *int64
		if u := auth.UserFrom(ctx); u != nil {
			userID = &u.ID
		}
		if _, err := tx.exec(ctx, `INSERT INTO landscape_signoffs (municipality_ehak, signed_by, user_id, row_count, signed_at)
			VALUES (?, ?, ?, ?, ?)`, ehak, by.name, userID, len(ids), now); err != nil {
			return fmt.Errorf("sqlstore: sign off landscape: %w", err)
		}
		out = landscape.SignOff{MunicipalityEHAK: ehak, By: by.name, At: now, Rows: len(ids)}
		return tx.record(ctx, audit.KindLandscapeSignOff, ehak, audit.Create, nil, out)
	})
	return out, err
}

// LandscapeSignOff implements landscape.Store.
func (s *Store) LandscapeSignOff(ctx context.Context, ehak string) (landscape.SignOff, error) {
	o := landscape.SignOff{MunicipalityEHAK: ehak}
	err := s.queryRow(ctx, `SELECT signed_by, signed_at, row_count FROM landscape_signoffs WHERE municipality_ehak = ?
		ORDER BY id DESC LIMIT 1`, ehak).Scan(&o.By, &o.At, &o.Rows)
	if isNoRows(err) {
		return o, kovit.NotFound()
	}
	return o, err
}

// Usage implements landscape.Store.
func (s *Store) Usage(ctx context.Context) (map[int64]map[landscape.Status]int, error) {
	rows, err := s.query(ctx, `SELECT solution_id, status, COUNT(*) FROM landscape_rows GROUP BY solution_id, status`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: landscape usage: %w", err)
	}
	defer rows.Close()
	out := map[int64]map[landscape.Status]int{}
	for rows.Next() {
		var id int64
		var st landscape.Status
		var n int
		if err := rows.Scan(&id, &st, &n); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[landscape.Status]int{}
		}
		out[id][st] = n
	}
	return out, rows.Err()
}

var _ landscape.Store = (*Store)(nil)
