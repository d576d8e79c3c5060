package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

const commentRoundColumns = `id, title, ministry, dossier_url, received_on, ministry_deadline, internal_days, internal_deadline,
	public, viewers, recipients, board_approved_on, board_note, version, created_at, updated_at`

func scanCommentRound(row scanner) (advice.Round, error) {
	var r advice.Round
	var viewers, recipients string
	if err := row.Scan(&r.ID, &r.Title, &r.Ministry, &r.DossierURL, &r.ReceivedOn, &r.MinistryDeadline, &r.InternalDays,
		&r.InternalDeadline, &r.Public, &viewers, &recipients, &r.BoardApprovedOn, &r.BoardNote, &r.Version, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(viewers), &r.Viewers); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(recipients), &r.Recipients); err != nil {
		return r, err
	}
	r.Sections = []advice.Section{}
	return r, nil
}

// ListCommentRounds implements advice.RoundStore; the sections are read by CommentRound.
func (s *Store) ListCommentRounds(ctx context.Context) ([]advice.Round, error) {
	rows, err := s.query(ctx, `SELECT `+commentRoundColumns+` FROM comment_rounds ORDER BY ministry_deadline DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list comment rounds: %w", err)
	}
	defer rows.Close()
	out := []advice.Round{}
	for rows.Next() {
		r, err := scanCommentRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CommentRound implements advice.RoundStore.
func (s *Store) CommentRound(ctx context.Context, id int64) (advice.Round, error) {
	return commentRoundFrom(ctx, s, id)
}

func commentRoundFrom(ctx context.Context, q querier, id int64) (advice.Round, error) {
	r, err := scanCommentRound(q.queryRow(ctx, `SELECT `+commentRoundColumns+` FROM comment_rounds WHERE id = ?`, id))
	if err != nil {
		return r, notFound(err)
	}
	rows, err := q.query(ctx, `SELECT id, number, heading, body FROM round_sections WHERE round_id = ? ORDER BY number`, id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var sec advice.Section
		if err := rows.Scan(&sec.ID, &sec.Number, &sec.Heading, &sec.Text); err != nil {
			return r, err
		}
		r.Sections = append(r.Sections, sec)
	}
	return r, rows.Err()
}

// checkPeople refuses recipients that are no municipality and viewers that are no user.
func (t *tx) checkPeople(ctx context.Context, r advice.Round) error {
	var p kovit.Problems
	for _, e := range r.Recipients {
		if t.knownMunicipality(ctx, e) != nil {
			p.Add("recipients", "advice.error.municipality")
			break
		}
	}
	for _, id := range r.Viewers {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE id = ?`, id).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			p.Add("viewers", "advice.error.viewer")
			break
		}
	}
	return p.Err()
}

// CreateCommentRound implements advice.RoundStore.
func (s *Store) CreateCommentRound(ctx context.Context, r advice.Round) (advice.Round, error) {
	r.Normalize()
	r.BoardApprovedOn, r.BoardNote = "", ""
	if err := r.Validate(); err != nil {
		return r, err
	}
	var out advice.Round
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkPeople(ctx, r); err != nil {
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO comment_rounds (title, ministry, dossier_url, received_on, ministry_deadline, internal_days,
			internal_deadline, public, viewers, recipients, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			r.Title, r.Ministry, r.DossierURL, r.ReceivedOn, r.MinistryDeadline, r.InternalDays, r.InternalDeadline, r.Public,
			jsonText(r.Viewers), jsonText(r.Recipients), now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert comment round: %w", err)
		}
		for _, sec := range r.Sections {
			if _, err := tx.exec(ctx, `INSERT INTO round_sections (round_id, number, heading, body) VALUES (?, ?, ?, ?)`,
				id, sec.Number, sec.Heading, sec.Text); err != nil {
				return fmt.Errorf("sqlstore: insert section: %w", err)
			}
		}
		if out, err = commentRoundFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindCommentRound, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		if _, err := tx.flagEntries(ctx, out.Text(), out.Ministry+": "+out.Title); err != nil {
			return err
		}
		return tx.emitRound(ctx, out, notify.CommentRoundOpened, out.Recipients, out.InternalDeadline)
	})
	return out, err
}

// emitRound tells the municipalities ehaks (all when empty) of a round: their editors for
// a public draft, only the named viewers among them for a restricted one.
func (tx *tx) emitRound(ctx context.Context, r advice.Round, kind notify.Kind, ehaks []string, reason string) error {
	return tx.emitRoundKeyed(ctx, r, kind, ehaks, reason, "")
}

// emitRoundKeyed is emitRound once per recipient for a key that is not "".
func (tx *tx) emitRoundKeyed(ctx context.Context, r advice.Round, kind notify.Kind, ehaks []string, reason, key string) error {
	base := notify.Event{Kind: kind, Entity: audit.KindCommentRound, EntityID: strconv.FormatInt(r.ID, 10), Title: r.Title, Reason: reason, Key: key}
	if !r.Public {
		if len(r.Viewers) == 0 {
			return nil
		}
		rows, err := tx.query(ctx, `SELECT id, COALESCE(municipality_ehak, '') FROM users WHERE id IN (`+placeholders(len(r.Viewers))+`)`, anys(r.Viewers)...)
		if err != nil {
			return err
		}
		var users []int64
		for rows.Next() {
			var id int64
			var ehak string
			if err := rows.Scan(&id, &ehak); err != nil {
				rows.Close()
				return err
			}
			if ehak != "" && (len(ehaks) == 0 || slices.Contains(ehaks, ehak)) {
				users = append(users, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		base.Users = users
		return tx.emit(ctx, base)
	}
	if len(ehaks) == 0 {
		base.Municipality = notify.EveryMunicipality
		return tx.emit(ctx, base)
	}
	var evs []notify.Event
	for _, e := range ehaks {
		ev := base
		ev.Municipality = e
		evs = append(evs, ev)
	}
	return tx.emit(ctx, evs...)
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// UpdateCommentRound implements advice.RoundStore.
func (s *Store) UpdateCommentRound(ctx context.Context, r advice.Round) (advice.Round, error) {
	var after advice.Round
	err := s.transact(ctx, func(tx *tx) error {
		before, err := commentRoundFrom(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		r.Sections = before.Sections
		r.Normalize()
		if err := r.Validate(); err != nil {
			return err
		}
		if err := tx.checkPeople(ctx, r); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE comment_rounds SET title = ?, ministry = ?, dossier_url = ?, received_on = ?, ministry_deadline = ?,
			internal_days = ?, internal_deadline = ?, public = ?, viewers = ?, recipients = ?, board_approved_on = ?, board_note = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, r.Title, r.Ministry, r.DossierURL, r.ReceivedOn,
			r.MinistryDeadline, r.InternalDays, r.InternalDeadline, r.Public, jsonText(r.Viewers), jsonText(r.Recipients),
			r.BoardApprovedOn, r.BoardNote, s.now(), r.ID, r.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update comment round: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = commentRoundFrom(ctx, tx, r.ID); err != nil {
			return err
		}
		if err := tx.withdrawRoundNotifications(ctx, after); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindCommentRound, strconv.FormatInt(r.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// withdrawRoundNotifications takes back what a restricted round's notifications told
// anyone it does not name: written while it was public, or naming someone since left
// off, they would carry the draft's title to them in the list and the digest.
func (tx *tx) withdrawRoundNotifications(ctx context.Context, r advice.Round) error {
	if r.Public || len(r.Viewers) == 0 {
		return nil
	}
	_, err := tx.exec(ctx, `DELETE FROM notifications WHERE entity = ? AND entity_id = ? AND user_id NOT IN (`+placeholders(len(r.Viewers))+`)`,
		append([]any{audit.KindCommentRound, strconv.FormatInt(r.ID, 10)}, anys(r.Viewers)...)...)
	return err
}

// LogRoundView implements advice.RoundStore.
func (s *Store) LogRoundView(ctx context.Context, roundID, userID int64) error {
	return s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `INSERT INTO round_views (round_id, user_id, at) VALUES (?, ?, ?)`, roundID, userID, s.now())
		return err
	})
}

// RoundViews implements advice.RoundStore, newest first.
func (s *Store) RoundViews(ctx context.Context, roundID int64) ([]advice.View, error) {
	rows, err := s.query(ctx, `SELECT v.user_id, u.name, v.at FROM round_views v JOIN users u ON u.id = v.user_id
		WHERE v.round_id = ? ORDER BY v.at DESC, v.id DESC LIMIT 1000`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []advice.View{}
	for rows.Next() {
		var v advice.View
		if err := rows.Scan(&v.UserID, &v.UserName, &v.At); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
