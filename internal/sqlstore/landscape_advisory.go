package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/notify"
)

// SendAdvisory implements landscape.Store.
func (s *Store) SendAdvisory(ctx context.Context, a landscape.Advisory) (landscape.Advisory, error) {
	a.Query.Normalize()
	if err := a.Validate(); err != nil {
		return a, err
	}
	var out landscape.Advisory
	err := s.transact(ctx, func(tx *tx) error {
		sol, err := solutionByID(ctx, tx, a.Query.SolutionID)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			var p kovit.Problems
			p.Add("solution_id", "landscape.error.solution")
			return p.Err()
		}
		if err != nil {
			return err
		}
		rows, err := rowsOf(ctx, tx, ` WHERE solution_id = ?`, sol.ID)
		if err != nil {
			return err
		}
		var to []string
		for _, r := range rows {
			if a.Query.Affects(r, sol) {
				to = append(to, r.MunicipalityEHAK)
			}
		}
		if len(to) == 0 {
			var p kovit.Problems
			p.Add("solution_id", "landscape.error.advisory_nobody")
			return p.Err()
		}
		q := a.Query
		id, err := tx.insert(ctx, `INSERT INTO landscape_advisories (solution_id, from_version, to_version, support_ends_by,
			title, message, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, q.SolutionID, q.FromVersion, q.ToVersion,
			q.SupportEndsBy, a.Title, a.Message, actorOf(ctx).name, s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: insert advisory: %w", err)
		}
		args := make([]any, 0, 2*len(to))
		var events []notify.Event
		for _, ehak := range uniqueStrings(to) {
			args = append(args, id, ehak)
			events = append(events, notify.Event{Kind: notify.LandscapeAdvisory, Entity: audit.KindAdvisory,
				EntityID: strconv.FormatInt(id, 10), Municipality: ehak, Title: a.Title, Reason: sol.Name})
		}
		if _, err := tx.execRows(ctx, `INSERT INTO landscape_advisory_recipients (advisory_id, municipality_ehak) VALUES`, 2, args, ""); err != nil {
			return fmt.Errorf("sqlstore: advisory recipients: %w", err)
		}
		if err := tx.emit(ctx, events...); err != nil {
			return err
		}
		if out, err = advisoryByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindAdvisory, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// AllRows implements landscape.Store. It reads only what the matrix shows: scanning and
// decoding every column of 79 × 60 rows took half of the matrix page's time.
func (s *Store) AllRows(ctx context.Context) ([]landscape.Row, error) {
	rows, err := s.query(ctx, `SELECT id, municipality_ehak, solution_id, software_version, status FROM landscape_rows ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: landscape rows: %w", err)
	}
	defer rows.Close()
	var out []landscape.Row
	for rows.Next() {
		var r landscape.Row
		if err := rows.Scan(&r.ID, &r.MunicipalityEHAK, &r.SolutionID, &r.SoftwareVersion, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// rowsOf reads the rows a WHERE clause selects, without their history.
func rowsOf(ctx context.Context, q querier, where string, args ...any) ([]landscape.Row, error) {
	rows, err := q.query(ctx, `SELECT `+rowColumns+` FROM landscape_rows`+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: landscape rows: %w", err)
	}
	defer rows.Close()
	var out []landscape.Row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func uniqueStrings(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

const advisoryColumns = `id, solution_id, from_version, to_version, support_ends_by, title, message, sent_by, sent_at`

func scanAdvisory(row scanner) (landscape.Advisory, error) {
	var a landscape.Advisory
	q := &a.Query
	err := row.Scan(&a.ID, &q.SolutionID, &q.FromVersion, &q.ToVersion, &q.SupportEndsBy, &a.Title, &a.Message, &a.SentBy, &a.SentAt)
	a.Recipients = []landscape.Recipient{}
	return a, err
}

func advisoryByID(ctx context.Context, q querier, id int64) (landscape.Advisory, error) {
	a, err := scanAdvisory(q.queryRow(ctx, `SELECT `+advisoryColumns+` FROM landscape_advisories WHERE id = ?`, id))
	if isNoRows(err) {
		return a, kovit.NotFound()
	}
	if err != nil {
		return a, err
	}
	rows, err := q.query(ctx, `SELECT municipality_ehak, handled_by, handled_at FROM landscape_advisory_recipients
		WHERE advisory_id = ? ORDER BY municipality_ehak`, id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var r landscape.Recipient
		if err := rows.Scan(&r.MunicipalityEHAK, &r.HandledBy, &r.HandledAt); err != nil {
			return a, err
		}
		a.Recipients = append(a.Recipients, r)
	}
	return a, rows.Err()
}

// Advisory implements landscape.Store.
func (s *Store) Advisory(ctx context.Context, id int64) (landscape.Advisory, error) {
	return advisoryByID(ctx, s, id)
}

// ListAdvisories implements landscape.Store.
func (s *Store) ListAdvisories(ctx context.Context) ([]landscape.Advisory, error) {
	var out []landscape.Advisory
	err := s.readSnapshot(ctx, func(q querier) error {
		ids, err := q.query(ctx, `SELECT id FROM landscape_advisories ORDER BY id DESC LIMIT 500`)
		if err != nil {
			return err
		}
		var list []int64
		for ids.Next() {
			var id int64
			if err := ids.Scan(&id); err != nil {
				ids.Close()
				return err
			}
			list = append(list, id)
		}
		ids.Close()
		for _, id := range list {
			a, err := advisoryByID(ctx, q, id)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// MarkAdvisoryHandled implements landscape.Store; a municipality the advisory did not go
// to is not found.
func (s *Store) MarkAdvisoryHandled(ctx context.Context, id int64, ehak string) (landscape.Advisory, error) {
	var out landscape.Advisory
	err := s.transact(ctx, func(tx *tx) error {
		before, err := advisoryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE landscape_advisory_recipients SET handled_by = ?, handled_at = ?
			WHERE advisory_id = ? AND municipality_ehak = ? AND handled_at IS NULL`, actorOf(ctx).name, s.now(), id, ehak)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err == nil {
				out = before
				if !recipientOf(before, ehak) {
					return kovit.NotFound()
				}
			}
			return err // already handled: nothing to record
		}
		if out, err = advisoryByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindAdvisory, strconv.FormatInt(id, 10)+"/"+ehak, audit.Update, handled{""}, handled{ehak})
	})
	return out, err
}

type handled struct {
	Handled string `json:"handled"`
}

func recipientOf(a landscape.Advisory, ehak string) bool {
	for _, r := range a.Recipients {
		if r.MunicipalityEHAK == ehak {
			return true
		}
	}
	return false
}
