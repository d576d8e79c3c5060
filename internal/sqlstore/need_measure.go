package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

const measureColumns = `id, name, description, funder, start_year, end_year, budget, max_grant, co_financing, eligibility,
	opens_on, closes_on, status, published, version, created_at, updated_at`

func scanMeasure(row scanner) (need.Measure, error) {
	var m need.Measure
	var elig string
	err := row.Scan(&m.ID, &m.Name, &m.Description, &m.Funder, &m.StartYear, &m.EndYear, &m.Budget, &m.MaxGrant,
		&m.CoFinancing, &elig, &m.OpensOn, &m.ClosesOn, &m.Status, &m.Published, &m.Version, &m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal([]byte(elig), &m.Eligibility); err != nil {
		return m, fmt.Errorf("sqlstore: measure %d eligibility: %w", m.ID, err)
	}
	m.Normalize()
	return m, nil
}

// ListMeasures implements need.Store, newest period first.
func (s *Store) ListMeasures(ctx context.Context, f need.MeasureFilter) ([]need.Measure, error) {
	var w where
	if f.PublishedOnly {
		w.add("published = ?", true)
	}
	if f.Status != "" {
		w.add("status = ?", string(f.Status))
	}
	rows, err := s.query(ctx, `SELECT `+measureColumns+` FROM need_measures`+w.String()+` ORDER BY end_year DESC, id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list measures: %w", err)
	}
	defer rows.Close()
	out := []need.Measure{}
	for rows.Next() {
		m, err := scanMeasure(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Measure implements need.Store.
func (s *Store) Measure(ctx context.Context, id int64) (need.Measure, error) {
	return measureFrom(ctx, s, id)
}

func measureFrom(ctx context.Context, q querier, id int64) (need.Measure, error) {
	m, err := scanMeasure(q.queryRow(ctx, `SELECT `+measureColumns+` FROM need_measures WHERE id = ?`, id))
	return m, notFound(err)
}

// CreateMeasure implements need.Store.
func (s *Store) CreateMeasure(ctx context.Context, m need.Measure) (need.Measure, error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return m, err
	}
	elig, err := json.Marshal(m.Eligibility)
	if err != nil {
		return m, err
	}
	var out need.Measure
	err = s.transact(ctx, func(tx *tx) error {
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO need_measures (name, description, funder, start_year, end_year, budget,
			max_grant, co_financing, eligibility, opens_on, closes_on, status, published, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, m.Name, m.Description, m.Funder, m.StartYear, m.EndYear,
			int64(m.Budget), int64(m.MaxGrant), m.CoFinancing, string(elig), m.OpensOn, m.ClosesOn, string(m.Status),
			m.Published, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert measure: %w", err)
		}
		if out, err = measureFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindMeasure, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateMeasure implements need.Store.
func (s *Store) UpdateMeasure(ctx context.Context, m need.Measure) (need.Measure, error) {
	m.Normalize()
	if err := m.Validate(); err != nil {
		return m, err
	}
	elig, err := json.Marshal(m.Eligibility)
	if err != nil {
		return m, err
	}
	var after need.Measure
	err = s.transact(ctx, func(tx *tx) error {
		before, err := measureFrom(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE need_measures SET name = ?, description = ?, funder = ?, start_year = ?,
			end_year = ?, budget = ?, max_grant = ?, co_financing = ?, eligibility = ?, opens_on = ?, closes_on = ?,
			status = ?, published = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			m.Name, m.Description, m.Funder, m.StartYear, m.EndYear, int64(m.Budget), int64(m.MaxGrant), m.CoFinancing,
			string(elig), m.OpensOn, m.ClosesOn, string(m.Status), m.Published, s.now(), m.ID, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update measure: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = measureFrom(ctx, tx, m.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindMeasure, strconv.FormatInt(m.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// MapToMeasure implements need.Store.
func (s *Store) MapToMeasure(ctx context.Context, consolidatedID int64, measureID *int64, version int) (need.Consolidated, error) {
	err := s.transact(ctx, func(tx *tx) error {
		before, err := consolidatedFrom(ctx, tx, consolidatedID)
		if err != nil {
			return err
		}
		if measureID != nil {
			m, err := measureFrom(ctx, tx, *measureID)
			if err != nil {
				return err
			}
			if !m.Eligibility.Funds(before.Category) {
				var p kovit.Problems
				p.Add("consolidated_need_id", "need.error.category_ineligible")
				return p.Err()
			}
		}
		res, err := tx.exec(ctx, `UPDATE need_consolidated SET measure_id = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, measureID, s.now(), consolidatedID, version)
		if err != nil {
			return fmt.Errorf("sqlstore: map to measure: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		after, err := consolidatedFrom(ctx, tx, consolidatedID)
		if err != nil {
			return err
		}
		return tx.record(ctx, audit.KindConsolidatedNeed, strconv.FormatInt(consolidatedID, 10), audit.Update, before, after)
	})
	if err != nil {
		return need.Consolidated{}, err
	}
	return s.Consolidated(ctx, consolidatedID)
}

// Budget implements need.Store.
func (s *Store) Budget(ctx context.Context, measureID int64) (need.Budget, error) {
	tr, err := s.MeasureTrace(ctx, measureID)
	if err != nil {
		return need.Budget{}, err
	}
	ms, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return need.Budget{}, err
	}
	byEHAK := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byEHAK[m.m.EHAK] = m.m
	}
	return need.BudgetOf(tr.Measure, tr.Needs, byEHAK), nil
}

// MeasureTrace implements need.Store.
func (s *Store) MeasureTrace(ctx context.Context, measureID int64) (need.MeasureTrace, error) {
	m, err := s.Measure(ctx, measureID)
	if err != nil {
		return need.MeasureTrace{}, err
	}
	cs, err := s.ListConsolidated(ctx, need.ConsolidatedFilter{MeasureID: measureID})
	if err != nil {
		return need.MeasureTrace{}, err
	}
	c, err := s.needCopy(ctx)
	if err != nil {
		return need.MeasureTrace{}, err
	}
	out := need.MeasureTrace{Measure: m, Consolidated: cs, Needs: []need.Need{}, Municipalities: []string{}}
	seen := map[string]bool{}
	for _, con := range cs {
		for _, n := range c.linkedTo(con.ID) {
			out.Needs = append(out.Needs, copyNeed(n))
			if !seen[n.MunicipalityEHAK] {
				seen[n.MunicipalityEHAK] = true
				out.Municipalities = append(out.Municipalities, n.MunicipalityEHAK)
			}
		}
	}
	sort.Strings(out.Municipalities)
	return out, nil
}

// Proposal implements need.Store.
func (s *Store) Proposal(ctx context.Context, measureID int64) (need.Proposal, error) {
	b, err := s.Budget(ctx, measureID)
	if err != nil {
		return need.Proposal{}, err
	}
	m, err := s.Measure(ctx, measureID)
	if err != nil {
		return need.Proposal{}, err
	}
	ranked, err := s.Priorities(ctx, need.ConsolidatedFilter{MeasureID: measureID})
	if err != nil {
		return need.Proposal{}, err
	}
	w, err := s.Weights(ctx)
	if err != nil {
		return need.Proposal{}, err
	}
	ms, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return need.Proposal{}, err
	}
	population := make(map[string]int, len(ms))
	for _, c := range ms {
		population[c.m.EHAK] = c.m.Population
	}
	return need.NewProposal(m, ranked, b, w, population), nil
}
