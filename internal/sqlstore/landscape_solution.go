package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

const solutionColumns = `id, name, kind, area, description, supplier, owner, licence, hosting, service_codes, links,
	standards, versions, state, proposed_by, merged_into, source, version, created_at, updated_at`

func scanSolution(row scanner) (landscape.Solution, error) {
	var s landscape.Solution
	var codes, links, standards, versions string
	var proposedBy *string
	err := row.Scan(&s.ID, &s.Name, &s.Kind, &s.Area, &s.Description, &s.Supplier, &s.Owner, &s.Licence, &s.Hosting,
		&codes, &links, &standards, &versions, &s.State, &proposedBy, &s.MergedInto, &s.Source, &s.Version,
		&s.CreatedAt, &s.UpdatedAt)
	if err != nil {
		return s, err
	}
	if proposedBy != nil {
		s.ProposedBy = *proposedBy
	}
	for _, l := range []struct {
		raw string
		to  any
	}{{codes, &s.ServiceCodes}, {links, &s.Links}, {standards, &s.Standards}, {versions, &s.Versions}} {
		if err := json.Unmarshal([]byte(l.raw), l.to); err != nil {
			return s, fmt.Errorf("sqlstore: solution %d: %w", s.ID, err)
		}
	}
	return s, nil
}

// solutions reads every solution, by id: the catalogue is small (tens to a few hundred).
func solutions(ctx context.Context, q querier, where string, args ...any) ([]landscape.Solution, error) {
	rows, err := q.query(ctx, `SELECT `+solutionColumns+` FROM solutions`+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: solutions: %w", err)
	}
	defer rows.Close()
	var out []landscape.Solution
	for rows.Next() {
		s, err := scanSolution(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ListSolutions implements landscape.Store, filtering and ordering in Go by the Estonian
// order of names, which neither engine's collation would give alike.
func (s *Store) ListSolutions(ctx context.Context, f landscape.SolutionFilter) ([]landscape.Solution, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	all, err := solutions(ctx, s, "")
	if err != nil {
		return nil, 0, err
	}
	words := strings.Fields(strings.ToLower(f.Query))
	var matched []landscape.Solution
	for _, sol := range all {
		if f.Matches(sol) && matchesWords(words, sol.Name, sol.Supplier, sol.Owner, sol.Description, strings.Join(sol.Standards, " ")) {
			matched = append(matched, sol)
		}
	}
	landscape.SortSolutions(matched)
	from := min(f.Offset, len(matched))
	to := min(from+f.Limit, len(matched))
	return matched[from:to], len(matched), nil
}

func matchesWords(words []string, texts ...string) bool {
	hay := strings.ToLower(strings.Join(texts, " "))
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// Solution implements landscape.Store.
func (s *Store) Solution(ctx context.Context, id int64) (landscape.Solution, error) {
	return solutionByID(ctx, s, id)
}

func solutionByID(ctx context.Context, q querier, id int64) (landscape.Solution, error) {
	sol, err := scanSolution(q.queryRow(ctx, `SELECT `+solutionColumns+` FROM solutions WHERE id = ?`, id))
	if isNoRows(err) {
		return sol, kovit.NotFound()
	}
	return sol, err
}

// CreateSolution implements landscape.Store.
func (s *Store) CreateSolution(ctx context.Context, sol landscape.Solution) (landscape.Solution, error) {
	sol.Normalize()
	if sol.State == landscape.Merged {
		sol.State = landscape.Proposed
	}
	sol.MergedInto = nil
	if err := sol.Validate(); err != nil {
		return sol, err
	}
	var out landscape.Solution
	err := s.transact(ctx, func(tx *tx) error {
		var err error
		out, err = tx.createSolution(ctx, sol)
		return err
	})
	return out, err
}

func (t *tx) createSolution(ctx context.Context, sol landscape.Solution) (landscape.Solution, error) {
	if err := t.checkSolutionLinks(ctx, sol); err != nil {
		return sol, err
	}
	lists, err := solutionLists(sol)
	if err != nil {
		return sol, err
	}
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO solutions (name, kind, area, description, supplier, owner, licence, hosting,
		service_codes, links, standards, versions, state, proposed_by, source, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, sol.Name, string(sol.Kind), string(sol.Area),
		sol.Description, sol.Supplier, sol.Owner, sol.Licence, sol.Hosting, lists[0], lists[1], lists[2], lists[3],
		string(sol.State), nullable(sol.ProposedBy), sol.Source, now, now)
	if err != nil {
		return sol, fmt.Errorf("sqlstore: insert solution: %w", err)
	}
	out, err := solutionByID(ctx, t, id)
	if err != nil {
		return out, err
	}
	return out, t.record(ctx, audit.KindSolution, strconv.FormatInt(id, 10), audit.Create, nil, out)
}

// UpdateSolution implements landscape.Store.
func (s *Store) UpdateSolution(ctx context.Context, sol landscape.Solution) (landscape.Solution, error) {
	sol.Normalize()
	if err := sol.Validate(); err != nil {
		return sol, err
	}
	var after landscape.Solution
	err := s.transact(ctx, func(tx *tx) error {
		before, err := solutionByID(ctx, tx, sol.ID)
		if err != nil {
			return err
		}
		if err := tx.checkSolutionLinks(ctx, sol); err != nil {
			return err
		}
		lists, err := solutionLists(sol)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE solutions SET name = ?, kind = ?, area = ?, description = ?, supplier = ?, owner = ?,
			licence = ?, hosting = ?, service_codes = ?, links = ?, standards = ?, versions = ?, version = version + 1,
			updated_at = ? WHERE id = ? AND version = ?`, sol.Name, string(sol.Kind), string(sol.Area), sol.Description,
			sol.Supplier, sol.Owner, sol.Licence, sol.Hosting, lists[0], lists[1], lists[2], lists[3], s.now(), sol.ID, sol.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update solution: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = solutionByID(ctx, tx, sol.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSolution, strconv.FormatInt(sol.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// AcceptSolution implements landscape.Store.
func (s *Store) AcceptSolution(ctx context.Context, id int64, version int) (landscape.Solution, error) {
	return s.moveSolution(ctx, id, version, func(tx *tx, before landscape.Solution) error {
		_, err := tx.exec(ctx, `UPDATE solutions SET state = 'accepted' WHERE id = ?`, id)
		return err
	})
}

// MergeSolution implements landscape.Store.
func (s *Store) MergeSolution(ctx context.Context, id, into int64, version int) (landscape.Solution, error) {
	return s.moveSolution(ctx, id, version, func(tx *tx, before landscape.Solution) error {
		target, err := solutionByID(ctx, tx, into)
		var p kovit.Problems
		switch {
		case kovit.ErrorCode(err) == kovit.ENotFound:
			p.Add("into", "landscape.error.solution")
		case err != nil:
			return err
		case into == id || target.State != landscape.Accepted:
			p.Add("into", "landscape.error.merge_target")
		}
		if err := p.Err(); err != nil {
			return err
		}
		moved, err := rowIDs(ctx, tx, ` WHERE solution_id = ?`, id)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE landscape_rows SET solution_id = ?, version = version + 1, updated_at = ? WHERE solution_id = ?`,
			into, s.now(), id); err != nil {
			return fmt.Errorf("sqlstore: move rows: %w", err)
		}
		changes := make([]auditChange, len(moved))
		for i, rid := range moved {
			changes[i] = auditChange{strconv.FormatInt(rid, 10), audit.Update, solutionRef{id}, solutionRef{into}}
		}
		if err := tx.recordMany(ctx, audit.KindLandscapeRow, changes); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE solutions SET state = 'merged', merged_into = ? WHERE id = ?`, into, id)
		return err
	})
}

// solutionRef is what a merge changes of a row, for its history.
type solutionRef struct {
	SolutionID int64 `json:"solution_id"`
}

// moveSolution changes a proposal's state with move, at the version the coordinator read.
func (s *Store) moveSolution(ctx context.Context, id int64, version int, move func(*tx, landscape.Solution) error) (landscape.Solution, error) {
	var after landscape.Solution
	err := s.transact(ctx, func(tx *tx) error {
		before, err := solutionByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != version {
			return kovit.Conflict()
		}
		if before.State != landscape.Proposed {
			return kovit.Errorf(kovit.EConflict, "landscape.error.not_proposed")
		}
		if err := move(tx, before); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE solutions SET version = version + 1, updated_at = ? WHERE id = ?`, s.now(), id); err != nil {
			return err
		}
		if after, err = solutionByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSolution, strconv.FormatInt(id, 10), audit.Update, before, after)
	})
	return after, err
}

// LoadSolutions implements landscape.Store: a seeded solution is added once, by name, and
// never changed afterwards, so coordinators' edits stand.
func (s *Store) LoadSolutions(ctx context.Context, seeds []landscape.Solution) error {
	return s.transact(ctx, func(tx *tx) error {
		have, err := solutions(ctx, tx, "")
		if err != nil {
			return err
		}
		names := map[string]bool{}
		for _, h := range have {
			names[strings.ToLower(h.Name)] = true
		}
		for _, seed := range seeds {
			if names[strings.ToLower(seed.Name)] {
				continue
			}
			seed.Normalize()
			seed.State = landscape.Accepted
			if err := seed.Validate(); err != nil {
				return fmt.Errorf("sqlstore: seeded solution %s: %w", seed.Name, err)
			}
			if _, err := tx.createSolution(ctx, seed); err != nil {
				return fmt.Errorf("sqlstore: seeded solution %s: %w", seed.Name, err)
			}
		}
		return nil
	})
}

// checkSolutionLinks reports a proposing municipality or service code that does not exist
// as a problem of its field rather than a foreign-key failure.
func (t *tx) checkSolutionLinks(ctx context.Context, sol landscape.Solution) error {
	var p kovit.Problems
	var k int
	if sol.ProposedBy != "" {
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, sol.ProposedBy).Scan(&k); err != nil {
			return err
		}
		if k == 0 {
			p.Add("proposed_by", "error.unknown_municipality")
		}
	}
	if len(sol.ServiceCodes) > 0 {
		args := make([]any, len(sol.ServiceCodes))
		for i, c := range sol.ServiceCodes {
			args[i] = c
		}
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM services WHERE code IN (`+placeholders(len(args))+`)`, args...).Scan(&k); err != nil {
			return err
		}
		if k != len(args) {
			p.Add("service_codes", "landscape.error.unknown_service")
		}
	}
	return p.Err()
}

func solutionLists(sol landscape.Solution) ([4]string, error) {
	var out [4]string
	for i, v := range []any{orEmptyList(sol.ServiceCodes), orEmptyList(sol.Links), orEmptyList(sol.Standards), sol.Versions} {
		if vs, ok := v.([]landscape.Version); ok && vs == nil {
			v = []landscape.Version{}
		}
		b, err := json.Marshal(v)
		if err != nil {
			return out, err
		}
		out[i] = string(b)
	}
	return out, nil
}

func orEmptyList(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
