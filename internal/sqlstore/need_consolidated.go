package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

const consolidatedColumns = `id, title, description, category, build_once, published, strategy_fit, measure_id, version, created_at, updated_at`

func scanConsolidated(row scanner) (need.Consolidated, error) {
	var c need.Consolidated
	err := row.Scan(&c.ID, &c.Title, &c.Description, &c.Category, &c.BuildOnce, &c.Published, &c.StrategyFit,
		&c.MeasureID, &c.Version, &c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// ListConsolidated implements need.Store, in id order, each with its figures.
func (s *Store) ListConsolidated(ctx context.Context, f need.ConsolidatedFilter) ([]need.Consolidated, error) {
	var w where
	if f.PublishedOnly {
		w.add("published = ?", true)
	}
	if f.MeasureID != 0 {
		w.add("measure_id = ?", f.MeasureID)
	}
	if f.Category != "" {
		w.add("category = ?", string(f.Category))
	}
	rows, err := s.query(ctx, `SELECT `+consolidatedColumns+` FROM need_consolidated`+w.String()+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list consolidated needs: %w", err)
	}
	defer rows.Close()
	out := []need.Consolidated{}
	for rows.Next() {
		c, err := scanConsolidated(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.addFigures(ctx, out)
}

// Consolidated implements need.Store.
func (s *Store) Consolidated(ctx context.Context, id int64) (need.Consolidated, error) {
	c, err := consolidatedFrom(ctx, s, id)
	if err != nil {
		return c, err
	}
	cs := []need.Consolidated{c}
	err = s.addFigures(ctx, cs)
	return cs[0], err
}

// consolidatedFrom reads a consolidated need without its figures, which come from the
// in-memory needs.
func consolidatedFrom(ctx context.Context, q querier, id int64) (need.Consolidated, error) {
	c, err := scanConsolidated(q.queryRow(ctx, `SELECT `+consolidatedColumns+` FROM need_consolidated WHERE id = ?`, id))
	return c, notFound(err)
}

// addFigures sums up the needs behind each consolidated need, from the in-memory needs.
func (s *Store) addFigures(ctx context.Context, cs []need.Consolidated) error {
	if len(cs) == 0 {
		return nil
	}
	needs, err := s.needCopy(ctx)
	if err != nil {
		return err
	}
	ms, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return err
	}
	population := make(map[string]int, len(ms))
	for _, m := range ms {
		population[m.m.EHAK] = m.m.Population
	}
	endorsements, err := s.endorsements(ctx)
	if err != nil {
		return err
	}
	linked := map[int64][]need.Need{}
	for _, n := range needs.needs {
		if n.ConsolidatedID != nil {
			linked[*n.ConsolidatedID] = append(linked[*n.ConsolidatedID], n)
		}
	}
	for i := range cs {
		cs[i].Figures = need.Summarize(linked[cs[i].ID], population, endorsements[cs[i].ID])
	}
	return nil
}

func (s *Store) endorsements(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.query(ctx, `SELECT consolidated_id, municipality_ehak FROM need_endorsements`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: endorsements: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var ehak string
		if err := rows.Scan(&id, &ehak); err != nil {
			return nil, err
		}
		out[id] = append(out[id], ehak)
	}
	return out, rows.Err()
}

// CreateConsolidated implements need.Store.
func (s *Store) CreateConsolidated(ctx context.Context, c need.Consolidated, needIDs []int64) (need.Consolidated, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	var id int64
	err := s.transact(ctx, func(tx *tx) error {
		var err error
		id, err = tx.createConsolidated(ctx, c)
		if err != nil {
			return err
		}
		return tx.acceptInto(ctx, id, needIDs)
	})
	if err != nil {
		return c, err
	}
	return s.Consolidated(ctx, id)
}

func (t *tx) createConsolidated(ctx context.Context, c need.Consolidated) (int64, error) {
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO need_consolidated (title, description, category, build_once, published,
		strategy_fit, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`, c.Title, c.Description,
		string(c.Category), c.BuildOnce, c.Published, c.StrategyFit, now, now)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: insert consolidated need: %w", err)
	}
	out, err := consolidatedFrom(ctx, t, id)
	if err != nil {
		return 0, err
	}
	return id, t.record(ctx, audit.KindConsolidatedNeed, strconv.FormatInt(id, 10), audit.Create, nil, out)
}

// acceptInto links needs to consolidated need id, accepting those submitted or under
// review. A need already in another consolidated need, or not yet submitted, is refused.
func (t *tx) acceptInto(ctx context.Context, id int64, needIDs []int64) error {
	var p kovit.Problems
	for _, nid := range needIDs {
		n, err := t.need(ctx, nid)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			p.Add("need_ids", "need.error.unknown_need")
			continue
		}
		if err != nil {
			return err
		}
		switch {
		case n.ConsolidatedID != nil && *n.ConsolidatedID == id:
			continue
		case n.ConsolidatedID != nil:
			p.Add("need_ids", "need.error.already_consolidated")
		case n.State != need.Submitted && n.State != need.UnderReview:
			p.Add("need_ids", "need.error.not_acceptable")
		default:
			if _, err := t.moveNeed(ctx, n, need.Transition{To: need.Accepted, ConsolidatedID: &id, Version: n.Version}); err != nil {
				return err
			}
		}
	}
	return p.Err()
}

// UpdateConsolidated implements need.Store.
func (s *Store) UpdateConsolidated(ctx context.Context, c need.Consolidated) (need.Consolidated, error) {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.transact(ctx, func(tx *tx) error {
		before, err := consolidatedFrom(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE need_consolidated SET title = ?, description = ?, category = ?, build_once = ?,
			published = ?, strategy_fit = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			c.Title, c.Description, string(c.Category), c.BuildOnce, c.Published, c.StrategyFit, s.now(), c.ID, c.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update consolidated need: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		after, err := consolidatedFrom(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		return tx.record(ctx, audit.KindConsolidatedNeed, strconv.FormatInt(c.ID, 10), audit.Update, before, after)
	})
	if err != nil {
		return c, err
	}
	return s.Consolidated(ctx, c.ID)
}

// LinkNeeds implements need.Store.
func (s *Store) LinkNeeds(ctx context.Context, id int64, needIDs []int64) (need.Consolidated, error) {
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := consolidatedFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.acceptInto(ctx, id, needIDs)
	})
	if err != nil {
		return need.Consolidated{}, err
	}
	return s.Consolidated(ctx, id)
}

// Endorse implements need.Store.
func (s *Store) Endorse(ctx context.Context, id int64, ehak string) (need.Consolidated, error) {
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := consolidatedFrom(ctx, tx, id); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, ehak).Scan(&n); err != nil {
			return err
		}
		var p kovit.Problems
		if n == 0 {
			p.Add("municipality_ehak", "error.unknown_municipality")
			return p.Err()
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM need_endorsements WHERE consolidated_id = ? AND municipality_ehak = ?`,
			id, ehak).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			p.Add("municipality_ehak", "need.error.already_endorsed")
			return p.Err()
		}
		if _, err := tx.exec(ctx, `INSERT INTO need_endorsements (consolidated_id, municipality_ehak, at) VALUES (?, ?, ?)`,
			id, ehak, s.now()); err != nil {
			return fmt.Errorf("sqlstore: endorse: %w", err)
		}
		e := need.Endorsement{ConsolidatedID: id, MunicipalityEHAK: ehak}
		return tx.record(ctx, audit.KindNeedEndorsement, strconv.FormatInt(id, 10)+"/"+ehak, audit.Create, nil, e)
	})
	if err != nil {
		return need.Consolidated{}, err
	}
	return s.Consolidated(ctx, id)
}
