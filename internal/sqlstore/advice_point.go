package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

const pointColumns = `id, round_id, number, section_id, text, disposition, ministry_reason, version`

func scanPoint(row scanner) (advice.Point, error) {
	var p advice.Point
	err := row.Scan(&p.ID, &p.RoundID, &p.Number, &p.SectionID, &p.Text, &p.Disposition, &p.MinistryReason, &p.Version)
	return p, err
}

func pointsWhere(ctx context.Context, q querier, cond string, args ...any) ([]advice.Point, error) {
	rows, err := q.query(ctx, `SELECT `+pointColumns+` FROM position_points`+cond+` ORDER BY round_id, number`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: points: %w", err)
	}
	defer rows.Close()
	out := []advice.Point{}
	for rows.Next() {
		p, err := scanPoint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Points implements advice.RoundStore, in number order.
func (s *Store) Points(ctx context.Context, roundID int64) ([]advice.Point, error) {
	return pointsWhere(ctx, s, ` WHERE round_id = ?`, roundID)
}

// AllPoints implements advice.RoundStore.
func (s *Store) AllPoints(ctx context.Context) ([]advice.Point, error) {
	return pointsWhere(ctx, s, "")
}

func pointFrom(ctx context.Context, q querier, id int64) (advice.Point, error) {
	p, err := scanPoint(q.queryRow(ctx, `SELECT `+pointColumns+` FROM position_points WHERE id = ?`, id))
	return p, notFound(err)
}

func (t *tx) checkPointSection(ctx context.Context, p advice.Point) error {
	if p.SectionID == nil {
		return nil
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM round_sections WHERE id = ? AND round_id = ?`, *p.SectionID, p.RoundID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		var pr kovit.Problems
		pr.Add("section_id", "advice.error.section")
		return pr.Err()
	}
	return nil
}

// AddPoint implements advice.RoundStore.
func (s *Store) AddPoint(ctx context.Context, p advice.Point) (advice.Point, error) {
	p.Normalize()
	p.Disposition, p.MinistryReason = advice.NoAnswer, ""
	if err := p.Validate(); err != nil {
		return p, err
	}
	var out advice.Point
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := commentRoundFrom(ctx, tx, p.RoundID); err != nil {
			return err
		}
		if err := tx.checkPointSection(ctx, p); err != nil {
			return err
		}
		var next int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM position_points WHERE round_id = ?`, p.RoundID).Scan(&next); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO position_points (round_id, number, section_id, text, version) VALUES (?, ?, ?, ?, 1)`,
			p.RoundID, next, p.SectionID, p.Text)
		if err != nil {
			return fmt.Errorf("sqlstore: insert point: %w", err)
		}
		if out, err = pointFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindPosition, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdatePoint implements advice.RoundStore; a new disposition tells the municipalities
// whose comments went into the point.
func (s *Store) UpdatePoint(ctx context.Context, p advice.Point) (advice.Point, error) {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return p, err
	}
	var after advice.Point
	err := s.transact(ctx, func(tx *tx) error {
		before, err := pointFrom(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		p.RoundID = before.RoundID
		if err := tx.checkPointSection(ctx, p); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE position_points SET section_id = ?, text = ?, disposition = ?, ministry_reason = ?, version = version + 1
			WHERE id = ? AND version = ?`, p.SectionID, p.Text, p.Disposition, p.MinistryReason, p.ID, p.Version)
		if err != nil {
			return err
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = pointFrom(ctx, tx, p.ID); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindPosition, strconv.FormatInt(p.ID, 10), audit.Update, before, after); err != nil {
			return err
		}
		if after.Disposition == before.Disposition || after.Disposition == advice.NoAnswer {
			return nil
		}
		return tx.emitOutcome(ctx, after.RoundID)
	})
	return after, err
}

// ImportDispositions implements advice.RoundStore.
func (s *Store) ImportDispositions(ctx context.Context, roundID int64, rows []advice.DispositionRow) error {
	return s.transact(ctx, func(tx *tx) error {
		points, err := pointsWhere(ctx, tx, ` WHERE round_id = ?`, roundID)
		if err != nil {
			return err
		}
		byNumber := map[int]advice.Point{}
		for _, p := range points {
			byNumber[p.Number] = p
		}
		var changes []auditChange
		for _, r := range rows {
			before, ok := byNumber[r.Number]
			if !ok {
				var pr kovit.Problems
				pr.Add("number", "advice.error.unknown_point")
				return pr.Err()
			}
			if before.Disposition == r.Disposition && before.MinistryReason == r.Reason {
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE position_points SET disposition = ?, ministry_reason = ?, version = version + 1 WHERE id = ?`,
				r.Disposition, r.Reason, before.ID); err != nil {
				return err
			}
			after, err := pointFrom(ctx, tx, before.ID)
			if err != nil {
				return err
			}
			changes = append(changes, auditChange{strconv.FormatInt(before.ID, 10), audit.Update, before, after})
		}
		if len(changes) == 0 {
			return nil
		}
		if err := tx.recordMany(ctx, audit.KindPosition, changes); err != nil {
			return err
		}
		return tx.emitOutcome(ctx, roundID)
	})
}

// emitOutcome tells each municipality with comments in the round that the ministry has
// answered (again, when its answers change), and what became of its own comments. The round's updated_at becomes the day it
// answered: the desk dates the outcome by it and keeps it there for a while after.
func (tx *tx) emitOutcome(ctx context.Context, roundID int64) error {
	if _, err := tx.exec(ctx, `UPDATE comment_rounds SET updated_at = ? WHERE id = ?`, tx.s.now(), roundID); err != nil {
		return err
	}
	r, err := commentRoundFrom(ctx, tx, roundID)
	if err != nil {
		return err
	}
	comments, err := roundCommentsFrom(ctx, tx, roundID)
	if err != nil {
		return err
	}
	var ehaks []string
	for _, c := range comments {
		if !contains(ehaks, c.MunicipalityEHAK) {
			ehaks = append(ehaks, c.MunicipalityEHAK)
		}
	}
	if len(ehaks) == 0 {
		return nil
	}
	points, err := pointsWhere(ctx, tx, ` WHERE round_id = ?`, roundID)
	if err != nil {
		return err
	}
	// Each municipality is told of its own comments' fates only, so one event each.
	for _, e := range ehaks {
		reason := advice.EncodeFates(advice.OwnFates(e, comments, points))
		if err := tx.emitRound(ctx, r, notify.CommentOutcome, []string{e}, reason); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
