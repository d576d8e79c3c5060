package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// The landscape's systems an assessment's module covers (issue 14).

// moduleSystems is the audit trail's record of a module's systems.
type moduleSystems struct {
	MunicipalityEHAK string  `json:"municipality_ehak"`
	RoundID          int64   `json:"round_id"`
	ModuleCode       string  `json:"module_code"`
	Systems          []int64 `json:"systems"`
}

func systemsOf(ctx context.Context, q querier, assessmentID int64, module string) ([]int64, error) {
	return int64sOf(ctx, q, "module systems", `SELECT row_id FROM security_module_systems WHERE assessment_id = ? AND module_code = ?
		ORDER BY row_id`, assessmentID, module)
}

// int64sOf is the one column of ids query selects, never nil; what names it in errors.
func int64sOf(ctx context.Context, q querier, what, query string, args ...any) ([]int64, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %s: %w", what, err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// ModuleSystems implements security.Store.
func (s *Store) ModuleSystems(ctx context.Context, roundID int64, ehak, module string) ([]int64, error) {
	a, err := assessmentOf(ctx, s, roundID, ehak)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		return []int64{}, nil
	} else if err != nil {
		return nil, err
	}
	return systemsOf(ctx, s, a.ID, module)
}

// SetModuleSystems implements security.Store: the set replaces the module's, in a round
// still open to answers; every row must be of the municipality's own landscape.
func (s *Store) SetModuleSystems(ctx context.Context, roundID int64, ehak, module string, rowIDs []int64) ([]int64, error) {
	if len(rowIDs) > security.MaxModuleSystems {
		var p kovit.Problems
		p.Add("systems", "security.error.systems_many")
		return nil, p.Err()
	}
	var out []int64
	err := s.transact(ctx, func(tx *tx) error {
		r, err := tx.writableRound(ctx, roundID)
		if err != nil {
			return err
		}
		if err := tx.checkAnswerCodes(ctx, r.Year, security.Answer{ModuleCode: module}); err != nil {
			return err
		}
		for _, id := range rowIDs {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM landscape_rows WHERE id = ? AND municipality_ehak = ?`, id, ehak).Scan(&n); err != nil {
				return fmt.Errorf("sqlstore: landscape row: %w", err)
			}
			if n == 0 {
				var p kovit.Problems
				p.Add("systems", "security.error.system")
				return p.Err()
			}
		}
		a, _, err := tx.startAssessment(ctx, roundID, ehak)
		if err != nil {
			return err
		}
		before, err := systemsOf(ctx, tx, a.ID, module)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM security_module_systems WHERE assessment_id = ? AND module_code = ?`, a.ID, module); err != nil {
			return fmt.Errorf("sqlstore: clear module systems: %w", err)
		}
		ids := slices.Compact(slices.Sorted(slices.Values(rowIDs)))
		for _, id := range ids {
			if _, err := tx.exec(ctx, `INSERT INTO security_module_systems (assessment_id, module_code, row_id) VALUES (?, ?, ?)`, a.ID, module, id); err != nil {
				return fmt.Errorf("sqlstore: module system: %w", err)
			}
		}
		out = append([]int64{}, ids...)
		if slices.Equal(before, out) {
			return nil
		}
		key := strconv.FormatInt(a.ID, 10) + "/" + module
		return tx.record(ctx, audit.KindModuleSystems, key, audit.Update, moduleSystems{ehak, roundID, module, before},
			moduleSystems{ehak, roundID, module, out})
	})
	return out, err
}

// SystemModules implements security.Store: the modules, in every round, that name
// landscape row rowID, latest round first.
func (s *Store) SystemModules(ctx context.Context, rowID int64) ([]security.SystemModule, error) {
	rows, err := s.query(ctx, `SELECT r.id, r.title, a.municipality_ehak, m.module_code
		FROM security_module_systems m JOIN security_assessments a ON a.id = m.assessment_id JOIN security_rounds r ON r.id = a.round_id
		WHERE m.row_id = ? ORDER BY r.id DESC, m.module_code`, rowID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: system modules: %w", err)
	}
	defer rows.Close()
	out := []security.SystemModule{}
	for rows.Next() {
		var m security.SystemModule
		if err := rows.Scan(&m.RoundID, &m.RoundTitle, &m.MunicipalityEHAK, &m.ModuleCode); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
