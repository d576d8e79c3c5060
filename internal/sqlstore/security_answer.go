package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// writableRound loads a round whose answers may still change today.
func (t *tx) writableRound(ctx context.Context, roundID int64) (security.Round, error) {
	r, err := securityRoundFrom(ctx, t, roundID)
	if err != nil {
		return r, err
	}
	if !r.Writable(security.Day(t.s.now())) {
		return r, security.ErrClosed
	}
	return r, nil
}

// SaveSecurityAnswer implements security.Store: a module's or a measure's answer, made
// or changed (naming the version it read), which confirms it if it was prefilled. The
// assessment starts with the first answer.
func (s *Store) SaveSecurityAnswer(ctx context.Context, roundID int64, ehak string, a security.Answer) (security.Answer, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return a, err
	}
	var out security.Answer
	err := s.transact(ctx, func(tx *tx) error {
		r, err := tx.writableRound(ctx, roundID)
		if err != nil {
			return err
		}
		if err := tx.checkAnswerCodes(ctx, r.Year, a); err != nil {
			return err
		}
		as, started, err := tx.startAssessment(ctx, roundID, ehak)
		if err != nil {
			return err
		}
		before, err := scanAnswer(tx.queryRow(ctx, `SELECT `+answerColumns+` FROM security_answers
			WHERE assessment_id = ? AND module_code = ? AND measure_code = ?`, as.ID, a.ModuleCode, a.MeasureCode))
		if err == nil && started {
			// Last year's answer was copied in just now: the one saving has not seen it,
			// and their answer replaces it.
			a.Version = before.Version
		}
		now := s.now()
		var id int64
		switch err = notFound(err); {
		case kovit.ErrorCode(err) == kovit.ENotFound:
			if a.Version != 0 {
				return kovit.Conflict()
			}
			id, err = tx.insert(ctx, `INSERT INTO security_answers (assessment_id, module_code, measure_code, applies, excluded_reason,
				assignee, status, owner, due, justification, evidence, prefilled, version, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, 1, ?)`, as.ID, a.ModuleCode, a.MeasureCode, a.Applies, a.ExcludedReason,
				a.Assignee, a.Status, a.Owner, a.Due, a.Justification, a.Evidence, now)
			if err != nil {
				return fmt.Errorf("sqlstore: insert answer: %w", err)
			}
		case err != nil:
			return err
		default:
			id = before.ID
			res, err := tx.exec(ctx, `UPDATE security_answers SET applies = ?, excluded_reason = ?, assignee = ?, status = ?, owner = ?,
				due = ?, justification = ?, evidence = ?, prefilled = FALSE, version = version + 1, updated_at = ?
				WHERE id = ? AND version = ?`, a.Applies, a.ExcludedReason, a.Assignee, a.Status, a.Owner, a.Due, a.Justification,
				a.Evidence, now, id, a.Version)
			if err != nil {
				return fmt.Errorf("sqlstore: update answer: %w", err)
			}
			if err := oneRow(res); err != nil {
				return err
			}
		}
		if out, err = scanAnswer(tx.queryRow(ctx, `SELECT `+answerColumns+` FROM security_answers WHERE id = ?`, id)); err != nil {
			return err
		}
		if err := tx.refreshShare(ctx, as.ID, r.Year); err != nil {
			return err
		}
		action, was := audit.Update, any(before)
		if before.ID == 0 {
			action, was = audit.Create, nil
		}
		return tx.record(ctx, audit.KindSecurityAnswer, strconv.FormatInt(id, 10), action, was, answerTrail{ehak, roundID, out})
	})
	return out, err
}

// answerTrail is an answer as the audit trail keeps it: with whose and which round's.
type answerTrail struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	RoundID          int64  `json:"round_id"`
	security.Answer
}

// checkAnswerCodes refuses an answer to a module (or measure) the round's year lacks.
func (t *tx) checkAnswerCodes(ctx context.Context, year int, a security.Answer) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM eits_modules WHERE year = ? AND code = ? AND NOT header`, year, a.ModuleCode).Scan(&n); err != nil {
		return err
	}
	var p kovit.Problems
	if n == 0 {
		p.Add("module_code", "security.error.unknown_module")
		return p.Err()
	}
	if a.MeasureCode == "" {
		return nil
	}
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM eits_measures WHERE year = ? AND code = ?`, year, a.MeasureCode).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		p.Add("measure_code", "security.error.unknown_measure")
	}
	return p.Err()
}

// ConfirmSecurityModule implements security.Store.
func (s *Store) ConfirmSecurityModule(ctx context.Context, roundID int64, ehak, module string) (int, error) {
	var n int
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := tx.writableRound(ctx, roundID); err != nil {
			return err
		}
		as, err := assessmentOf(ctx, tx, roundID, ehak)
		if err != nil {
			return err
		}
		rows, err := tx.query(ctx, `SELECT `+answerColumns+` FROM security_answers WHERE assessment_id = ? AND module_code = ? AND prefilled`,
			as.ID, module)
		if err != nil {
			return err
		}
		var before []security.Answer
		for rows.Next() {
			a, err := scanAnswer(rows)
			if err != nil {
				rows.Close()
				return err
			}
			before = append(before, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil || len(before) == 0 {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE security_answers SET prefilled = FALSE, version = version + 1, updated_at = ?
			WHERE assessment_id = ? AND module_code = ? AND prefilled`, s.now(), as.ID, module); err != nil {
			return fmt.Errorf("sqlstore: confirm: %w", err)
		}
		changes := make([]auditChange, len(before))
		for i, b := range before {
			after := b
			after.Prefilled, after.Version = false, b.Version+1
			changes[i] = auditChange{strconv.FormatInt(b.ID, 10), audit.Update, answerTrail{ehak, roundID, b}, answerTrail{ehak, roundID, after}}
		}
		n = len(before)
		return tx.recordMany(ctx, audit.KindSecurityAnswer, changes)
	})
	return n, err
}

// UpdateSecurityAssessment implements security.Store: the target tier, the management's
// sign-off and the council date. A sign-off may come after the correction window, so
// only the target tier, which changes the figures, keeps to it.
func (s *Store) UpdateSecurityAssessment(ctx context.Context, a security.Assessment) (security.Assessment, error) {
	a.Normalize()
	if err := a.Validate(); err != nil {
		return a, err
	}
	var after security.Assessment
	err := s.transact(ctx, func(tx *tx) error {
		before, err := assessmentOf(ctx, tx, a.RoundID, a.MunicipalityEHAK)
		if err != nil {
			return err
		}
		if before.TargetTier != a.TargetTier {
			if _, err := tx.writableRound(ctx, a.RoundID); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, `UPDATE security_assessments SET target_tier = ?, signed_off_by = ?, signed_off_on = ?, council_date = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, a.TargetTier, a.SignedOffBy, a.SignedOffOn, a.CouncilDate,
			s.now(), before.ID, a.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update assessment: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = assessmentOf(ctx, tx, a.RoundID, a.MunicipalityEHAK); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSecurityAssessment, strconv.FormatInt(after.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// SecurityRoundAnswers implements security.Store. It reads only what the figures are
// made of (module, measure, applies, status, prefilled): a round of 79 municipalities
// holds some 40,000 answers, and the aggregates read them all.
func (s *Store) SecurityRoundAnswers(ctx context.Context, roundID int64) (map[string][]security.Answer, error) {
	rows, err := s.query(ctx, `SELECT a.municipality_ehak, x.module_code, x.measure_code, x.applies, x.status, x.prefilled
		FROM security_assessments a JOIN security_answers x ON x.assessment_id = a.id WHERE a.round_id = ?`, roundID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: round answers: %w", err)
	}
	defer rows.Close()
	out := map[string][]security.Answer{}
	for rows.Next() {
		var ehak string
		var a security.Answer
		if err := rows.Scan(&ehak, &a.ModuleCode, &a.MeasureCode, &a.Applies, &a.Status, &a.Prefilled); err != nil {
			return nil, err
		}
		out[ehak] = append(out[ehak], a)
	}
	return out, rows.Err()
}
