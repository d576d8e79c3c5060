package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/consult"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

// consultationColumns read a consultation with its counts of versions and published
// comments.
const consultationColumns = `c.id, c.title, c.summary, c.phase, c.opens_on, c.closes_on, c.public_comments, c.outcome,
	(SELECT COUNT(*) FROM consultation_versions v WHERE v.consultation_id = c.id),
	(SELECT COUNT(*) FROM consultation_comments k WHERE k.consultation_id = c.id AND k.status = 'published'),
	c.version, c.created_at, c.updated_at`

func scanConsultation(row scanner, extra ...any) (consult.Consultation, error) {
	var c consult.Consultation
	err := row.Scan(append([]any{&c.ID, &c.Title, &c.Summary, &c.Phase, &c.OpensOn, &c.ClosesOn, &c.PublicComments, &c.Outcome,
		&c.Versions, &c.Comments, &c.Version, &c.CreatedAt, &c.UpdatedAt}, extra...)...)
	return c, err
}

// ListConsultations implements consult.Store.
func (s *Store) ListConsultations(ctx context.Context, f consult.Filter) ([]consult.Consultation, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	if f.PublicOnly {
		w.add("c.phase <> 'draft'")
	}
	if f.Phase != "" {
		w.add("c.phase = ?", string(f.Phase))
	}
	rows, err := s.query(ctx, `SELECT `+consultationColumns+`, COUNT(*) OVER () FROM consultations c`+w.String()+
		` ORDER BY c.created_at DESC, c.id DESC LIMIT ? OFFSET ?`, append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list consultations: %w", err)
	}
	defer rows.Close()
	out := []consult.Consultation{}
	total := 0
	for rows.Next() {
		c, err := scanConsultation(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `consultations c`+w.String(), w.args)
	return out, total, err
}

// Consultation implements consult.Store.
func (s *Store) Consultation(ctx context.Context, id int64) (consult.Consultation, error) {
	return consultationFrom(ctx, s, id)
}

func consultationFrom(ctx context.Context, q querier, id int64) (consult.Consultation, error) {
	c, err := scanConsultation(q.queryRow(ctx, `SELECT `+consultationColumns+` FROM consultations c WHERE c.id = ?`, id))
	return c, notFound(err)
}

// CreateConsultation implements consult.Store.
func (s *Store) CreateConsultation(ctx context.Context, c consult.Consultation, first consult.DocVersion) (consult.Consultation, error) {
	c.Normalize()
	c.Phase = consult.Draft
	first.Sections = consult.Keyed(first.Sections, nil, nil)
	if err := joinProblems(c.Validate(), first.Validate()); err != nil {
		return c, err
	}
	var out consult.Consultation
	err := s.transact(ctx, func(tx *tx) error {
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO consultations (title, summary, phase, opens_on, closes_on, public_comments, outcome, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, '', 1, ?, ?)`, c.Title, c.Summary, string(consult.Draft), c.OpensOn, c.ClosesOn, c.PublicComments, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert consultation: %w", err)
		}
		if out, err = consultationFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindConsultation, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		first.Number = 1
		if _, err := tx.insertDocVersion(ctx, id, first); err != nil {
			return err
		}
		out.Versions = 1
		return nil
	})
	return out, err
}

// UpdateConsultation implements consult.Store.
func (s *Store) UpdateConsultation(ctx context.Context, c consult.Consultation) (consult.Consultation, error) {
	c.Normalize()
	c.Phase = ""
	if err := c.Validate(); err != nil {
		return c, err
	}
	var after consult.Consultation
	err := s.transact(ctx, func(tx *tx) error {
		before, err := consultationFrom(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if before.Phase.Final() {
			return kovit.Errorf(kovit.EConflict, "consult.error.final")
		}
		if before.Phase == consult.Open && (c.OpensOn == "" || c.ClosesOn == "") {
			var p kovit.Problems
			p.Add("closes_on", "consult.error.dates_to_open")
			return p.Err()
		}
		res, err := tx.exec(ctx, `UPDATE consultations SET title = ?, summary = ?, opens_on = ?, closes_on = ?, public_comments = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, c.Title, c.Summary, c.OpensOn, c.ClosesOn,
			c.PublicComments, s.now(), c.ID, c.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update consultation: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = consultationFrom(ctx, tx, c.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindConsultation, strconv.FormatInt(c.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// MoveConsultation implements consult.Store.
func (s *Store) MoveConsultation(ctx context.Context, id int64, m consult.Move) (consult.Consultation, error) {
	var after consult.Consultation
	err := s.transact(ctx, func(tx *tx) error {
		before, err := consultationFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Version != m.Version {
			return kovit.Conflict()
		}
		var undisposed int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ? AND status = 'published'
			AND disposition = ''`, id).Scan(&undisposed); err != nil {
			return fmt.Errorf("sqlstore: undisposed comments: %w", err)
		}
		if err := m.Check(before, undisposed); err != nil {
			return err
		}
		outcome := before.Outcome
		if m.To == consult.Concluded {
			outcome = m.Outcome
		}
		res, err := tx.exec(ctx, `UPDATE consultations SET phase = ?, outcome = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, string(m.To), outcome, s.now(), id, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: move consultation: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = consultationFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindConsultation, strconv.FormatInt(id, 10), audit.Update, before, after); err != nil {
			return err
		}
		if m.To != consult.Open || before.Phase != consult.Draft {
			return nil
		}
		return tx.emit(ctx, notify.Event{Kind: notify.ConsultationOpened, Entity: audit.KindConsultation,
			EntityID: strconv.FormatInt(id, 10), Municipality: notify.EveryMunicipality, Title: after.Title, Reason: after.ClosesOn})
	})
	return after, err
}

// joinProblems puts the field problems of several validations into one error.
func joinProblems(errs ...error) error {
	var p kovit.Problems
	for _, err := range errs {
		if err == nil {
			continue
		}
		fields := kovit.FieldsOf(err)
		if len(fields) == 0 {
			return err
		}
		p = append(p, fields...)
	}
	return p.Err()
}

// ConsultationQueues implements consult.Queues.
func (s *Store) ConsultationQueues(ctx context.Context) ([]consult.Queue, error) {
	var out []consult.Queue
	err := s.readSnapshot(ctx, func(q querier) error {
		rows, err := q.query(ctx, `SELECT `+consultationColumns+` FROM consultations c WHERE c.phase IN ('open', 'closed') ORDER BY c.id`)
		if err != nil {
			return fmt.Errorf("sqlstore: running consultations: %w", err)
		}
		at := map[int64]int{}
		for rows.Next() {
			c, err := scanConsultation(rows)
			if err != nil {
				rows.Close()
				return err
			}
			at[c.ID] = len(out)
			out = append(out, consult.Queue{Consultation: c, Commented: map[string]bool{}})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		rows, err = q.query(ctx, `SELECT k.consultation_id, k.status, k.disposition = '', k.municipality_ehak, COUNT(*)
			FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id WHERE c.phase IN ('open', 'closed')
			GROUP BY k.consultation_id, k.status, k.disposition = '', k.municipality_ehak`)
		if err != nil {
			return fmt.Errorf("sqlstore: consultation queues: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var status, ehak string
			var undisposed bool
			var n int
			if err := rows.Scan(&id, &status, &undisposed, &ehak, &n); err != nil {
				return err
			}
			x := &out[at[id]]
			switch consult.Status(status) {
			case consult.Pending:
				x.Pending += n
			case consult.Published:
				if undisposed {
					x.Undisposed += n
				}
				if ehak != "" {
					x.Commented[ehak] = true
				}
			}
		}
		return rows.Err()
	})
	return out, err
}
