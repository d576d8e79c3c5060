package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

const projectColumns = `id, consolidated_id, name, activity_id, status, version, created_at, updated_at`

func scanProject(row scanner) (need.Project, error) {
	var p need.Project
	err := row.Scan(&p.ID, &p.ConsolidatedID, &p.Name, &p.ActivityID, &p.Status, &p.Version, &p.CreatedAt, &p.UpdatedAt)
	return p, err
}

// Projects implements need.Store.
func (s *Store) Projects(ctx context.Context, consolidatedID int64) ([]need.Project, error) {
	rows, err := s.query(ctx, `SELECT `+projectColumns+` FROM need_projects WHERE consolidated_id = ? ORDER BY id`, consolidatedID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: projects: %w", err)
	}
	defer rows.Close()
	out := []need.Project{}
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Project implements need.Store.
func (s *Store) Project(ctx context.Context, id int64) (need.Project, error) {
	return projectFrom(ctx, s, id)
}

func projectFrom(ctx context.Context, q querier, id int64) (need.Project, error) {
	p, err := scanProject(q.queryRow(ctx, `SELECT `+projectColumns+` FROM need_projects WHERE id = ?`, id))
	return p, notFound(err)
}

// CreateProject implements need.Store.
func (s *Store) CreateProject(ctx context.Context, p need.Project) (need.Project, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	var out need.Project
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkProjectLinks(ctx, p); err != nil {
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO need_projects (consolidated_id, name, activity_id, status, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?)`, p.ConsolidatedID, p.Name, p.ActivityID, string(p.Status), now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert project: %w", err)
		}
		if out, err = projectFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindNeedProject, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		return tx.advanceNeeds(ctx, p.ConsolidatedID, need.Accepted, need.Funded)
	})
	return out, err
}

// UpdateProject implements need.Store.
func (s *Store) UpdateProject(ctx context.Context, p need.Project) (need.Project, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	var after need.Project
	err := s.transact(ctx, func(tx *tx) error {
		before, err := projectFrom(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		p.ConsolidatedID = before.ConsolidatedID
		if err := tx.checkProjectLinks(ctx, p); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE need_projects SET name = ?, activity_id = ?, status = ?, version = version + 1,
			updated_at = ? WHERE id = ? AND version = ?`, p.Name, p.ActivityID, string(p.Status), s.now(), p.ID, p.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update project: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = projectFrom(ctx, tx, p.ID); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindNeedProject, strconv.FormatInt(p.ID, 10), audit.Update, before, after); err != nil {
			return err
		}
		if after.Status == need.ProjectDone && before.Status != need.ProjectDone {
			return tx.advanceNeeds(ctx, after.ConsolidatedID, need.Funded, need.Done)
		}
		return nil
	})
	return after, err
}

func (t *tx) checkProjectLinks(ctx context.Context, p need.Project) error {
	var pr kovit.Problems
	if err := t.checkIDs(ctx, &pr, "need_consolidated", "", []int64{p.ConsolidatedID}, "consolidated_id", "need.error.unknown_consolidated"); err != nil {
		return err
	}
	if err := t.checkIDs(ctx, &pr, "plan_nodes", " AND kind = 'activity'", idsOf(p.ActivityID), "activity_id", "need.error.unknown_activity"); err != nil {
		return err
	}
	return pr.Err()
}

// advanceNeeds moves every need of a consolidated need in state from to state to, each
// move recorded as the workflow records it.
func (t *tx) advanceNeeds(ctx context.Context, consolidatedID int64, from, to need.State) error {
	rows, err := t.query(ctx, `SELECT id FROM needs WHERE consolidated_id = ? AND state = ? ORDER BY id`, consolidatedID, string(from))
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		n, err := t.need(ctx, id)
		if err != nil {
			return err
		}
		if _, err := t.moveNeed(ctx, n, need.Transition{To: to, Version: n.Version}); err != nil {
			return err
		}
	}
	return nil
}

// Trace implements need.Store.
func (s *Store) Trace(ctx context.Context, needID int64) (need.Trace, error) {
	n, err := s.Need(ctx, needID)
	if err != nil {
		return need.Trace{}, err
	}
	events, err := s.NeedEvents(ctx, needID)
	if err != nil {
		return need.Trace{}, err
	}
	tr := need.Trace{Need: n, Events: events, Repeats: []need.Need{}, Done: n.State == need.Done}
	follow := n
	if n.State == need.Duplicate {
		c, err := s.needCopy(ctx)
		if err != nil {
			return tr, err
		}
		tr.Repeats = need.DuplicateChain(n, func(id int64) (need.Need, bool) {
			i, ok := c.byID[id]
			if !ok {
				return need.Need{}, false
			}
			return copyNeed(c.needs[i]), true
		})
		if len(tr.Repeats) > 0 {
			follow = tr.Repeats[len(tr.Repeats)-1]
			tr.Done = follow.State == need.Done
		}
	}
	if follow.ConsolidatedID == nil {
		return tr, nil
	}
	c, err := s.Consolidated(ctx, *follow.ConsolidatedID)
	if err != nil {
		return tr, err
	}
	tr.Consolidated = &c
	if c.MeasureID != nil {
		m, err := s.Measure(ctx, *c.MeasureID)
		if err != nil {
			return tr, err
		}
		tr.Measure = &m
	}
	projects, err := s.Projects(ctx, c.ID)
	if err != nil || len(projects) == 0 {
		return tr, err
	}
	p := projects[len(projects)-1] // the latest; an earlier one was cancelled or replaced
	tr.Project = &p
	tr.Done = tr.Done || p.Status == need.ProjectDone
	if p.ActivityID != nil {
		var a need.Activity
		err := s.queryRow(ctx, `SELECT id, strategy_id, code, CASE WHEN title_et <> '' THEN title_et ELSE title_en END,
			status, completion FROM plan_nodes WHERE id = ?`, *p.ActivityID).Scan(&a.ID, &a.StrategyID, &a.Code, &a.Title, &a.Status, &a.Completion)
		if err != nil {
			return tr, notFound(err)
		}
		tr.Activity = &a
	}
	return tr, nil
}
