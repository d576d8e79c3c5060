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

const roundCommentColumns = `id, round_id, section_id, municipality_ehak, author_name, body, fate, point_id, fate_reason, version,
	created_at, updated_at`

func scanRoundComment(row scanner) (advice.Comment, error) {
	var c advice.Comment
	err := row.Scan(&c.ID, &c.RoundID, &c.SectionID, &c.MunicipalityEHAK, &c.AuthorName, &c.Body, &c.Fate, &c.PointID, &c.FateReason,
		&c.Version, &c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// RoundComments implements advice.RoundStore, by section and then oldest first.
func (s *Store) RoundComments(ctx context.Context, roundID int64) ([]advice.Comment, error) {
	return roundCommentsFrom(ctx, s, roundID)
}

func roundCommentsFrom(ctx context.Context, q querier, roundID int64) ([]advice.Comment, error) {
	rows, err := q.query(ctx, `SELECT `+roundCommentColumns+` FROM round_comments WHERE round_id = ? ORDER BY id`, roundID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: round comments: %w", err)
	}
	defer rows.Close()
	out := []advice.Comment{}
	for rows.Next() {
		c, err := scanRoundComment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func roundCommentFrom(ctx context.Context, q querier, id int64) (advice.Comment, error) {
	c, err := scanRoundComment(q.queryRow(ctx, `SELECT `+roundCommentColumns+` FROM round_comments WHERE id = ?`, id))
	return c, notFound(err)
}

func (t *tx) responded(ctx context.Context, roundID int64, ehak string) (bool, error) {
	var n int
	err := t.queryRow(ctx, `SELECT COUNT(*) FROM round_responses WHERE round_id = ? AND municipality_ehak = ?`, roundID, ehak).Scan(&n)
	return n > 0, err
}

// AddComment implements advice.RoundStore.
func (s *Store) AddComment(ctx context.Context, c advice.Comment) (advice.Comment, error) {
	c.Normalize()
	c.Fate, c.PointID, c.FateReason = advice.Undecided, nil, ""
	c.AuthorName = actorOf(ctx).name
	if err := c.Validate(); err != nil {
		return c, err
	}
	var out advice.Comment
	err := s.transact(ctx, func(tx *tx) error {
		r, err := commentRoundFrom(ctx, tx, c.RoundID)
		if err != nil {
			return err
		}
		if err := tx.knownMunicipality(ctx, c.MunicipalityEHAK); err != nil {
			return err
		}
		var p kovit.Problems
		if !r.Asks(c.MunicipalityEHAK) {
			p.Add("municipality_ehak", "advice.error.not_asked")
		}
		if c.SectionID != nil {
			if _, ok := r.Section(*c.SectionID); !ok {
				p.Add("section_id", "advice.error.section")
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		if done, err := tx.responded(ctx, c.RoundID, c.MunicipalityEHAK); err != nil || done {
			if err == nil {
				err = kovit.Errorf(kovit.EConflict, "advice.error.responded")
			}
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO round_comments (round_id, section_id, municipality_ehak, author_name, body, version, created_at,
			updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, c.RoundID, c.SectionID, c.MunicipalityEHAK, c.AuthorName, c.Body, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert comment: %w", err)
		}
		if out, err = roundCommentFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindRoundComment, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// Responses implements advice.RoundStore.
func (s *Store) Responses(ctx context.Context, roundID int64) ([]advice.Response, error) {
	rows, err := s.query(ctx, `SELECT round_id, municipality_ehak, no_comments, text, approved_by, approved_at FROM round_responses
		WHERE round_id = ? ORDER BY municipality_ehak`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []advice.Response{}
	for rows.Next() {
		var r advice.Response
		if err := rows.Scan(&r.RoundID, &r.MunicipalityEHAK, &r.NoComments, &r.Text, &r.ApprovedBy, &r.ApprovedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Respond implements advice.RoundStore: the response is "no comments" when the
// municipality wrote none, neither its staff's comments nor the lead's text.
func (s *Store) Respond(ctx context.Context, roundID int64, ehak string, in advice.ResponseInput) (advice.Response, error) {
	in.Normalize()
	var out advice.Response
	err := s.transact(ctx, func(tx *tx) error {
		r, err := commentRoundFrom(ctx, tx, roundID)
		if err != nil {
			return err
		}
		if err := tx.knownMunicipality(ctx, ehak); err != nil {
			return err
		}
		if !r.Asks(ehak) {
			var p kovit.Problems
			p.Add("municipality_ehak", "advice.error.not_asked")
			return p.Err()
		}
		if done, err := tx.responded(ctx, roundID, ehak); err != nil || done {
			if err == nil {
				err = kovit.Errorf(kovit.EConflict, "advice.error.responded")
			}
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM round_comments WHERE round_id = ? AND municipality_ehak = ?`, roundID, ehak).Scan(&n); err != nil {
			return err
		}
		if err := in.Check(n); err != nil {
			return err
		}
		out = in.Response(roundID, ehak, n)
		out.ApprovedBy, out.ApprovedAt = actorOf(ctx).name, s.now()
		if _, err := tx.exec(ctx, `INSERT INTO round_responses (round_id, municipality_ehak, no_comments, text, approved_by, approved_at)
			VALUES (?, ?, ?, ?, ?, ?)`, roundID, ehak, out.NoComments, out.Text, out.ApprovedBy, out.ApprovedAt); err != nil {
			return fmt.Errorf("sqlstore: respond: %w", err)
		}
		return tx.record(ctx, audit.KindCommentRound, strconv.FormatInt(roundID, 10)+"/"+ehak, audit.Create, nil, out)
	})
	return out, err
}

// RemindRound implements advice.RoundStore.
func (s *Store) RemindRound(ctx context.Context, roundID int64, key string) (int, error) {
	var n int
	err := s.transact(ctx, func(tx *tx) error {
		r, err := commentRoundFrom(ctx, tx, roundID)
		if err != nil {
			return err
		}
		ms, err := tx.query(ctx, `SELECT ehak FROM municipalities WHERE ehak NOT IN (SELECT municipality_ehak FROM round_responses WHERE round_id = ?)
			ORDER BY ehak`, roundID)
		if err != nil {
			return err
		}
		var missing []string
		for ms.Next() {
			var e string
			if err := ms.Scan(&e); err != nil {
				ms.Close()
				return err
			}
			if r.Asks(e) {
				missing = append(missing, e)
			}
		}
		ms.Close()
		if err := ms.Err(); err != nil {
			return err
		}
		n = len(missing)
		if n == 0 {
			return nil
		}
		return tx.emitRoundKeyed(ctx, r, notify.CommentReminder, missing, r.InternalDeadline, key)
	})
	return n, err
}

// DecideComment implements advice.RoundStore.
func (s *Store) DecideComment(ctx context.Context, commentID int64, d advice.Decision) (advice.Comment, error) {
	if err := d.Check(); err != nil {
		return advice.Comment{}, err
	}
	var after advice.Comment
	err := s.transact(ctx, func(tx *tx) error {
		before, err := roundCommentFrom(ctx, tx, commentID)
		if err != nil {
			return err
		}
		if d.Fate == advice.NotAdopted {
			d.PointID = nil
		} else {
			var round int64
			if err := tx.queryRow(ctx, `SELECT round_id FROM position_points WHERE id = ?`, *d.PointID).Scan(&round); err != nil || round != before.RoundID {
				var p kovit.Problems
				p.Add("point_id", "advice.error.point")
				return p.Err()
			}
		}
		res, err := tx.exec(ctx, `UPDATE round_comments SET fate = ?, point_id = ?, fate_reason = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, d.Fate, d.PointID, d.Reason, s.now(), commentID, d.Version)
		if err != nil {
			return err
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = roundCommentFrom(ctx, tx, commentID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindRoundComment, strconv.FormatInt(commentID, 10), audit.Update, before, after)
	})
	return after, err
}
