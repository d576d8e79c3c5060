package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/consult"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

// commentColumns read a comment with the strategy item its disposition names.
const commentColumns = `k.id, k.consultation_id, k.doc_version, k.section_key, k.passage, k.body, k.author_id, k.author_name,
	k.municipality_ehak, k.status, k.moderation_reason, k.disposition, k.reason, k.changed_in, k.version, k.created_at, k.disposed_at,
	n.id, n.strategy_id, n.kind, n.code, n.title_et, st.status, o.municipality_ehak`

const commentFrom = ` FROM consultation_comments k
	LEFT JOIN plan_nodes n ON n.id = k.item_id
	LEFT JOIN plan_strategies st ON st.id = n.strategy_id
	LEFT JOIN plan_organisations o ON o.id = st.owner_id`

func scanComment(row scanner, extra ...any) (consult.Comment, error) {
	var c consult.Comment
	var changed sql.NullInt64
	var disposed sql.NullTime
	var itemID, strategyID sql.NullInt64
	var kind, code, title, status, owner sql.NullString
	err := row.Scan(append([]any{&c.ID, &c.ConsultationID, &c.DocVersion, &c.SectionKey, &c.Passage, &c.Body, &c.AuthorID, &c.AuthorName,
		&c.MunicipalityEHAK, &c.Status, &c.ModerationReason, &c.Disposition, &c.Reason, &changed, &c.Version, &c.CreatedAt, &disposed,
		&itemID, &strategyID, &kind, &code, &title, &status, &owner}, extra...)...)
	if changed.Valid {
		n := int(changed.Int64)
		c.ChangedIn = &n
	}
	if disposed.Valid {
		c.Disposed = &disposed.Time
	}
	if itemID.Valid {
		c.Item = &consult.Item{ID: itemID.Int64, StrategyID: strategyID.Int64, Kind: kind.String, Code: code.String, Title: title.String,
			Public: status.String == "adopted" || status.String == "archived", OwnerEHAK: owner.String}
	}
	return c, err
}

// Comments implements consult.Store.
func (s *Store) Comments(ctx context.Context, f consult.CommentFilter) ([]consult.Comment, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	w := where{}
	w.add("k.consultation_id = ?", f.ConsultationID)
	if len(f.Statuses) > 0 {
		args := make([]any, 0, len(f.Statuses)+1)
		for _, st := range f.Statuses {
			args = append(args, string(st))
		}
		cond := "k.status IN (" + placeholders(len(f.Statuses)) + ")"
		if f.AuthorID != 0 {
			cond = "(" + cond + " OR k.author_id = ?)"
			args = append(args, f.AuthorID)
		}
		w.add(cond, args...)
	}
	if f.SectionKey != "" {
		w.add("k.section_key = ?", f.SectionKey)
	}
	rows, err := s.query(ctx, `SELECT `+commentColumns+`, COUNT(*) OVER ()`+commentFrom+w.String()+` ORDER BY k.id LIMIT ? OFFSET ?`,
		append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list comments: %w", err)
	}
	defer rows.Close()
	out := []consult.Comment{}
	total := 0
	for rows.Next() {
		c, err := scanComment(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `consultation_comments k`+w.String(), w.args)
	return out, total, err
}

// Comment implements consult.Store.
func (s *Store) Comment(ctx context.Context, id int64) (consult.Comment, error) {
	return commentByID(ctx, s, id)
}

func commentByID(ctx context.Context, q querier, id int64) (consult.Comment, error) {
	c, err := scanComment(q.queryRow(ctx, `SELECT `+commentColumns+commentFrom+` WHERE k.id = ?`, id))
	return c, notFound(err)
}

// AddConsultationComment implements consult.Store.
func (s *Store) AddConsultationComment(ctx context.Context, c consult.Comment) (consult.Comment, error) {
	c.Normalize()
	if !c.Status.Valid() || c.Status == consult.Rejected {
		c.Status = consult.Pending
	}
	var out consult.Comment
	err := s.transact(ctx, func(tx *tx) error {
		k, err := consultationFrom(ctx, tx, c.ConsultationID)
		if err != nil {
			return err
		}
		now := s.now()
		if !k.Takes(now.Format(time.DateOnly)) {
			return kovit.Errorf(kovit.EConflict, "consult.error.not_taking")
		}
		versions, err := docVersionsFrom(ctx, tx, k.ID)
		if err != nil {
			return err
		}
		latest := versions[len(versions)-1]
		c.DocVersion = latest.Number
		if err := c.Validate(latest); err != nil {
			return err
		}
		var recent int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM consultation_comments WHERE author_id = ? AND created_at > ?`,
			c.AuthorID, now.Add(-time.Hour)).Scan(&recent); err != nil {
			return fmt.Errorf("sqlstore: recent comments: %w", err)
		}
		if recent >= consult.PerHour(c.MunicipalityEHAK) {
			return kovit.Errorf(kovit.ETooMany, "consult.error.rate")
		}
		id, err := tx.insert(ctx, `INSERT INTO consultation_comments (consultation_id, doc_version, section_key, passage, body, author_id,
			author_name, municipality_ehak, status, version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
			k.ID, c.DocVersion, c.SectionKey, c.Passage, c.Body, c.AuthorID, c.AuthorName, c.MunicipalityEHAK, string(c.Status), now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert comment: %w", err)
		}
		if out, err = commentByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindConsultationComment, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// ModerateComment implements consult.Store.
func (s *Store) ModerateComment(ctx context.Context, id int64, m consult.Moderation) (consult.Comment, error) {
	var after consult.Comment
	err := s.transact(ctx, func(tx *tx) error {
		before, err := commentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != m.Version {
			return kovit.Conflict()
		}
		if err := m.Check(before); err != nil {
			return err
		}
		status := consult.Rejected
		if m.Publish {
			status = consult.Published
		}
		res, err := tx.exec(ctx, `UPDATE consultation_comments SET status = ?, moderation_reason = ?, version = version + 1
			WHERE id = ? AND version = ?`, string(status), m.Reason, id, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: moderate comment: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = commentByID(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindConsultationComment, strconv.FormatInt(id, 10), audit.Update, before, after)
	})
	return after, err
}

// DisposeComment implements consult.Store.
func (s *Store) DisposeComment(ctx context.Context, id int64, d consult.Disposition) (consult.Comment, error) {
	d.Reason = strings.TrimSpace(d.Reason)
	var after consult.Comment
	err := s.transact(ctx, func(tx *tx) error {
		before, err := commentByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != d.Version {
			return kovit.Conflict()
		}
		k, err := consultationFrom(ctx, tx, before.ConsultationID)
		if err != nil {
			return err
		}
		if err := d.Check(k, before, k.Versions); err != nil {
			return err
		}
		if d.ItemID != nil {
			// Only an item of a national strategy: the association consults on its own plans.
			var national bool
			err := tx.queryRow(ctx, `SELECT o.municipality_ehak IS NULL FROM plan_nodes n JOIN plan_strategies st ON st.id = n.strategy_id
				LEFT JOIN plan_organisations o ON o.id = st.owner_id WHERE n.id = ?`, *d.ItemID).Scan(&national)
			if err == sql.ErrNoRows || (err == nil && !national) {
				var p kovit.Problems
				p.Add("item_id", "consult.error.item")
				return p.Err()
			} else if err != nil {
				return fmt.Errorf("sqlstore: disposition item: %w", err)
			}
		}
		res, err := tx.exec(ctx, `UPDATE consultation_comments SET disposition = ?, reason = ?, changed_in = ?, item_id = ?, disposed_at = ?,
			version = version + 1 WHERE id = ? AND version = ?`, string(d.Kind), d.Reason, d.ChangedIn, d.ItemID, s.now(), id, d.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: dispose comment: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = commentByID(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindConsultationComment, strconv.FormatInt(id, 10), audit.Update, before, after); err != nil {
			return err
		}
		return tx.emit(ctx, notify.Event{Kind: notify.CommentDisposed, Entity: audit.KindConsultationComment,
			EntityID: strconv.FormatInt(k.ID, 10) + "/" + strconv.FormatInt(id, 10), Users: []int64{before.AuthorID}, Title: k.Title, Reason: d.Reason})
	})
	return after, err
}

// SectionCounts implements consult.Store.
func (s *Store) SectionCounts(ctx context.Context, consultationID int64) (map[string]int, error) {
	rows, err := s.query(ctx, `SELECT section_key, COUNT(*) FROM consultation_comments WHERE consultation_id = ? AND status = 'published'
		GROUP BY section_key`, consultationID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: comment counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, err
		}
		out[key] = n
	}
	return out, rows.Err()
}
