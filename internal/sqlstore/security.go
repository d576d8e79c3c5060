package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/security"
)

// LoadEITSModules implements security.Store: the shipped catalogue years, added at start
// where missing. A stored row is never changed, as rounds pin what their year said. It
// writes no audit event, so it drops the kept catalogue itself.
func (s *Store) LoadEITSModules(ctx context.Context, rows []security.Module) error {
	defer s.eits.drop()
	return s.transact(ctx, func(tx *tx) error {
		args := make([]any, 0, 7*len(rows))
		for i, m := range rows {
			args = append(args, m.Year, m.Code, m.Group, m.TitleEt, m.TitleEn, m.Header, i)
		}
		if _, err := tx.execRows(ctx, `INSERT INTO eits_modules (year, code, grp, title_et, title_en, header, position) VALUES`,
			7, args, `ON CONFLICT (year, code) DO NOTHING`); err != nil {
			return fmt.Errorf("sqlstore: load eits modules: %w", err)
		}
		return nil
	})
}

// EITSYears implements security.Store, latest first.
func (s *Store) EITSYears(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT year FROM eits_modules ORDER BY year DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: eits years: %w", err)
	}
	defer rows.Close()
	out := []int{}
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// eitsCopy is every catalogue year's modules and measures, kept: every assessment page
// and figure reads them, and they change only when a coordinator imports measures
// (audit.KindEITSMeasures drops the copy). Bounded by the catalogues stored.
type eitsCopy map[int]eitsYear

type eitsYear struct {
	modules  []security.Module
	measures []security.Measure
}

func (s *Store) eitsYear(ctx context.Context, year int) (eitsYear, error) {
	cp, err := s.eits.get(ctx, func(ctx context.Context, _ eitsCopy, _ bool) (eitsCopy, error) {
		years, err := s.EITSYears(ctx)
		if err != nil {
			return nil, err
		}
		out := make(eitsCopy, len(years))
		for _, y := range years {
			var c eitsYear
			if c.modules, err = eitsModules(ctx, s, y); err != nil {
				return nil, err
			}
			if c.measures, err = eitsMeasures(ctx, s, y); err != nil {
				return nil, err
			}
			out[y] = c
		}
		return out, nil
	})
	if err != nil {
		return eitsYear{}, err
	}
	if c, ok := cp[year]; ok {
		return c, nil
	}
	return eitsYear{modules: []security.Module{}, measures: []security.Measure{}}, nil
}

// EITSModules implements security.Store, in the catalogue's order, from the kept copy:
// the caller changes nothing in it.
func (s *Store) EITSModules(ctx context.Context, year int) ([]security.Module, error) {
	c, err := s.eitsYear(ctx, year)
	return c.modules, err
}

func eitsModules(ctx context.Context, q querier, year int) ([]security.Module, error) {
	rows, err := q.query(ctx, `SELECT year, grp, code, title_et, title_en, header FROM eits_modules WHERE year = ? ORDER BY position`, year)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: eits modules: %w", err)
	}
	defer rows.Close()
	out := []security.Module{}
	for rows.Next() {
		var m security.Module
		if err := rows.Scan(&m.Year, &m.Group, &m.Code, &m.TitleEt, &m.TitleEn, &m.Header); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EITSMeasures implements security.Store, in the imported file's order, from the kept
// copy: the caller changes nothing in it.
func (s *Store) EITSMeasures(ctx context.Context, year int) ([]security.Measure, error) {
	c, err := s.eitsYear(ctx, year)
	return c.measures, err
}

func eitsMeasures(ctx context.Context, q querier, year int) ([]security.Measure, error) {
	rows, err := q.query(ctx, `SELECT year, api_id, code, module_code, title, body, roles, tier FROM eits_measures
		WHERE year = ? ORDER BY position`, year)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: eits measures: %w", err)
	}
	defer rows.Close()
	out := []security.Measure{}
	for rows.Next() {
		var m security.Measure
		var roles string
		if err := rows.Scan(&m.Year, &m.ID, &m.Code, &m.ModuleCode, &m.Title, &m.Body, &roles, &m.Tier); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(roles), &m.Roles); err != nil {
			return nil, fmt.Errorf("sqlstore: measure %s roles: %w", m.Code, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ImportEITSMeasures implements security.Store: the year's measures become the file's,
// all of them or none. The trail keeps one event per import with what it counted, not a
// copy of RIA's public text.
func (s *Store) ImportEITSMeasures(ctx context.Context, year int, ms []security.Measure) (security.ImportResult, error) {
	var res security.ImportResult
	err := s.transact(ctx, func(tx *tx) error {
		modules, err := eitsModules(ctx, tx, year)
		if err != nil {
			return err
		}
		if err := security.CheckImport(year, modules, ms); err != nil {
			return err
		}
		before, err := eitsMeasures(ctx, tx, year)
		if err != nil {
			return err
		}
		old := make(map[string]security.Measure, len(before))
		for _, m := range before {
			old[m.Code] = m
		}
		args := make([]any, 0, 9*len(ms))
		for i, m := range ms {
			if o, ok := old[m.Code]; !ok {
				res.Added++
			} else if fmt.Sprint(o) != fmt.Sprint(m) {
				res.Changed++
			}
			delete(old, m.Code)
			roles, err := json.Marshal(m.Roles)
			if err != nil {
				return err
			}
			args = append(args, year, m.Code, m.ModuleCode, m.ID, m.Title, m.Body, string(roles), string(m.Tier), i)
		}
		res.Removed = len(old)
		if _, err := tx.exec(ctx, `DELETE FROM eits_measures WHERE year = ?`, year); err != nil {
			return fmt.Errorf("sqlstore: clear measures: %w", err)
		}
		if _, err := tx.execRows(ctx, `INSERT INTO eits_measures (year, code, module_code, api_id, title, body, roles, tier, position) VALUES`,
			9, args, ""); err != nil {
			return fmt.Errorf("sqlstore: insert measures: %w", err)
		}
		if err := tx.refreshYearShares(ctx, year); err != nil {
			return err
		}
		type tally struct {
			Measures int `json:"measures"`
		}
		return tx.record(ctx, audit.KindEITSMeasures, strconv.Itoa(year), audit.Update, tally{len(before)},
			struct {
				tally
				security.ImportResult
			}{tally{len(ms)}, res})
	})
	return res, err
}
