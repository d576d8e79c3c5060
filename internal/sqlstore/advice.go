package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

const inquiryColumns = `id, municipality_ehak, topic, subject, question, links, state, answer, note, asked_at,
	first_answered_at, stopped_at, pauses, version, created_at, updated_at`

func scanInquiry(row scanner, total ...*int) (advice.Inquiry, error) {
	var q advice.Inquiry
	var links, pauses string
	dest := []any{&q.ID, &q.MunicipalityEHAK, &q.Topic, &q.Subject, &q.Question, &links, &q.State, &q.Answer, &q.Note,
		&q.AskedAt, &q.FirstAnsweredAt, &q.StoppedAt, &pauses, &q.Version, &q.CreatedAt, &q.UpdatedAt}
	for _, t := range total {
		dest = append(dest, t)
	}
	if err := row.Scan(dest...); err != nil {
		return q, err
	}
	if err := json.Unmarshal([]byte(links), &q.Links); err != nil {
		return q, fmt.Errorf("sqlstore: inquiry %d links: %w", q.ID, err)
	}
	if err := json.Unmarshal([]byte(pauses), &q.Pauses); err != nil {
		return q, fmt.Errorf("sqlstore: inquiry %d pauses: %w", q.ID, err)
	}
	return q, nil
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only lists of strings and times come here
	}
	return string(b)
}

// ListInquiries implements advice.Store.
func (s *Store) ListInquiries(ctx context.Context, f advice.InquiryFilter) ([]advice.Inquiry, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	if f.MunicipalityEHAK != "" {
		w.add("municipality_ehak = ?", f.MunicipalityEHAK)
	}
	if len(f.States) > 0 {
		marks := make([]string, len(f.States))
		for i, st := range f.States {
			marks[i] = "?"
			w.args = append(w.args, string(st))
		}
		w.conds = append(w.conds, "state IN ("+strings.Join(marks, ", ")+")")
	}
	if f.Topic != "" {
		w.add("topic = ?", string(f.Topic))
	}
	if f.Year != 0 {
		from := time.Date(f.Year, 1, 1, 0, 0, 0, 0, kovit.Estonia)
		w.add("asked_at >= ? AND asked_at < ?", from.UTC(), from.AddDate(1, 0, 0).UTC())
	}
	rows, err := s.query(ctx, `SELECT `+inquiryColumns+`, COUNT(*) OVER () FROM inquiries`+w.String()+
		` ORDER BY asked_at DESC, id DESC LIMIT ? OFFSET ?`, append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list inquiries: %w", err)
	}
	defer rows.Close()
	out := []advice.Inquiry{}
	total := 0
	for rows.Next() {
		q, err := scanInquiry(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, q)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `inquiries`+w.String(), w.args)
	return out, total, err
}

// AllInquiries implements advice.Store.
func (s *Store) AllInquiries(ctx context.Context) ([]advice.Inquiry, error) {
	rows, err := s.query(ctx, `SELECT `+inquiryColumns+` FROM inquiries ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: all inquiries: %w", err)
	}
	defer rows.Close()
	out := []advice.Inquiry{}
	for rows.Next() {
		q, err := scanInquiry(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// Inquiry implements advice.Store.
func (s *Store) Inquiry(ctx context.Context, id int64) (advice.Inquiry, error) {
	return inquiryFrom(ctx, s, id)
}

func inquiryFrom(ctx context.Context, q querier, id int64) (advice.Inquiry, error) {
	inq, err := scanInquiry(q.queryRow(ctx, `SELECT `+inquiryColumns+` FROM inquiries WHERE id = ?`, id))
	return inq, notFound(err)
}

// CreateInquiry implements advice.Store.
func (s *Store) CreateInquiry(ctx context.Context, q advice.Inquiry) (advice.Inquiry, error) {
	q.State, q.Answer, q.Note, q.Pauses, q.FirstAnsweredAt, q.StoppedAt = advice.New, "", "", nil, nil, nil
	q.Normalize()
	if err := q.Validate(); err != nil {
		return q, err
	}
	var out advice.Inquiry
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.knownMunicipality(ctx, q.MunicipalityEHAK); err != nil {
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO inquiries (municipality_ehak, topic, subject, question, links, state, asked_at,
			pauses, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 1, ?, ?)`,
			q.MunicipalityEHAK, q.Topic, q.Subject, q.Question, jsonText(q.Links), q.State, now, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert inquiry: %w", err)
		}
		if out, err = inquiryFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindInquiry, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// knownMunicipality refuses an unknown EHAK code as a problem of the municipality field,
// where municipalityExists answers a missing record.
func (t *tx) knownMunicipality(ctx context.Context, ehak string) error {
	err := t.municipalityExists(ctx, ehak)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		var p kovit.Problems
		p.Add("municipality_ehak", "advice.error.municipality")
		return p.Err()
	}
	return err
}

// inquiryNotices are the moves the municipality hears of.
var inquiryNotices = map[advice.State]notify.Kind{advice.Answered: notify.InquiryAnswered, advice.Waiting: notify.InquiryAskedBack}

// MoveInquiry implements advice.Store.
func (s *Store) MoveInquiry(ctx context.Context, id int64, m advice.Move) (advice.Inquiry, error) {
	var after advice.Inquiry
	err := s.transact(ctx, func(tx *tx) error {
		before, err := inquiryFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != m.Version {
			return kovit.Conflict()
		}
		if err := m.Check(before.State); err != nil {
			return err
		}
		q := before.Apply(m, s.now())
		res, err := tx.exec(ctx, `UPDATE inquiries SET state = ?, answer = ?, note = ?, first_answered_at = ?, stopped_at = ?,
			pauses = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, q.State, q.Answer, q.Note,
			q.FirstAnsweredAt, q.StoppedAt, jsonText(q.Pauses), s.now(), id, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: move inquiry: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = inquiryFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindInquiry, strconv.FormatInt(id, 10), audit.Update, before, after); err != nil {
			return err
		}
		kind, ok := inquiryNotices[after.State]
		if !ok {
			return nil
		}
		return tx.emit(ctx, notify.Event{Kind: kind, Entity: audit.KindInquiry, EntityID: strconv.FormatInt(id, 10),
			Municipality: after.MunicipalityEHAK, Title: after.Subject, Reason: after.Note})
	})
	return after, err
}
