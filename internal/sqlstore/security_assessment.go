package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

const assessmentColumns = `id, round_id, municipality_ehak, target_tier, signed_off_by, signed_off_on, council_date, prefilled_from,
	version, created_at, updated_at`

func scanAssessment(row scanner) (security.Assessment, error) {
	var a security.Assessment
	err := row.Scan(&a.ID, &a.RoundID, &a.MunicipalityEHAK, &a.TargetTier, &a.SignedOffBy, &a.SignedOffOn, &a.CouncilDate,
		&a.PrefilledFrom, &a.Version, &a.CreatedAt, &a.UpdatedAt)
	return a, err
}

const answerColumns = `id, module_code, measure_code, applies, excluded_reason, assignee, status, owner, due, justification,
	evidence, prefilled, activity_id, version, updated_at`

func scanAnswer(row scanner, extra ...any) (security.Answer, error) {
	var a security.Answer
	err := row.Scan(append([]any{&a.ID, &a.ModuleCode, &a.MeasureCode, &a.Applies, &a.ExcludedReason, &a.Assignee, &a.Status,
		&a.Owner, &a.Due, &a.Justification, &a.Evidence, &a.Prefilled, &a.ActivityID, &a.Version, &a.UpdatedAt}, extra...)...)
	return a, err
}

func assessmentOf(ctx context.Context, q querier, roundID int64, ehak string) (security.Assessment, error) {
	a, err := scanAssessment(q.queryRow(ctx, `SELECT `+assessmentColumns+` FROM security_assessments
		WHERE round_id = ? AND municipality_ehak = ?`, roundID, ehak))
	return a, notFound(err)
}

func answersOf(ctx context.Context, q querier, assessmentID int64) ([]security.Answer, error) {
	rows, err := q.query(ctx, `SELECT `+answerColumns+` FROM security_answers WHERE assessment_id = ? ORDER BY id`, assessmentID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: answers: %w", err)
	}
	defer rows.Close()
	out := []security.Answer{}
	for rows.Next() {
		a, err := scanAnswer(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SecurityAssessment implements security.Store.
func (s *Store) SecurityAssessment(ctx context.Context, roundID int64, ehak string) (security.Assessment, []security.Answer, error) {
	var a security.Assessment
	var answers []security.Answer
	err := s.readSnapshot(ctx, func(q querier) (err error) {
		if a, err = assessmentOf(ctx, q, roundID, ehak); err != nil {
			return err
		}
		answers, err = answersOf(ctx, q, a.ID)
		return err
	})
	return a, answers, err
}

// StartSecurityAssessment implements security.Store.
func (s *Store) StartSecurityAssessment(ctx context.Context, roundID int64, ehak string) (security.Assessment, error) {
	var a security.Assessment
	err := s.transact(ctx, func(tx *tx) (err error) {
		a, _, err = tx.startAssessment(ctx, roundID, ehak)
		return err
	})
	return a, err
}

// startAssessment returns the municipality's assessment in the round, starting it when
// there is none: prefilled from its assessment in the latest round before this one, with
// the answers to modules and measures the round's catalogue year still has, each marked
// to be confirmed. started says it was started now.
func (t *tx) startAssessment(ctx context.Context, roundID int64, ehak string) (_ security.Assessment, started bool, _ error) {
	if a, err := assessmentOf(ctx, t, roundID, ehak); kovit.ErrorCode(err) != kovit.ENotFound {
		return a, false, err
	}
	a, err := t.newAssessment(ctx, roundID, ehak)
	return a, err == nil, err
}

func (t *tx) newAssessment(ctx context.Context, roundID int64, ehak string) (security.Assessment, error) {
	r, err := securityRoundFrom(ctx, t, roundID)
	if err != nil {
		return security.Assessment{}, err
	}
	if err := t.municipalityExists(ctx, ehak); err != nil {
		return security.Assessment{}, err
	}
	prev, err := scanAssessment(t.queryRow(ctx, `SELECT `+qualified("a.", assessmentColumns)+` FROM security_assessments a
		JOIN security_rounds r ON r.id = a.round_id WHERE a.municipality_ehak = ? AND r.deadline < ?
		ORDER BY r.deadline DESC, r.id DESC LIMIT 1`, ehak, r.Deadline))
	var from *int64
	tier := security.Basic
	switch {
	case err == nil:
		from, tier = &prev.ID, prev.TargetTier
	case !errors.Is(err, sql.ErrNoRows):
		return security.Assessment{}, fmt.Errorf("sqlstore: previous assessment: %w", err)
	}
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO security_assessments (round_id, municipality_ehak, target_tier, prefilled_from, version,
		created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)`, roundID, ehak, tier, from, now, now)
	if err != nil {
		return security.Assessment{}, fmt.Errorf("sqlstore: insert assessment: %w", err)
	}
	if from != nil {
		if err := t.prefill(ctx, id, *from, r.Year); err != nil {
			return security.Assessment{}, err
		}
		if err := t.refreshShare(ctx, id, r.Year); err != nil {
			return security.Assessment{}, err
		}
	}
	a, err := assessmentOf(ctx, t, roundID, ehak)
	if err != nil {
		return a, err
	}
	return a, t.record(ctx, audit.KindSecurityAssessment, strconv.FormatInt(a.ID, 10), audit.Create, nil, a)
}

// prefill copies the answers of assessment from into assessment id, keeping those whose
// module (and measure) the year's catalogue has.
func (t *tx) prefill(ctx context.Context, id, from int64, year int) error {
	_, err := t.exec(ctx, `INSERT INTO security_answers (assessment_id, module_code, measure_code, applies, excluded_reason, assignee,
			status, owner, due, justification, evidence, prefilled, activity_id, version, updated_at)
		SELECT ?, a.module_code, a.measure_code, a.applies, a.excluded_reason, a.assignee, a.status, a.owner, a.due, a.justification,
			a.evidence, TRUE, a.activity_id, 1, ?
		FROM security_answers a
		WHERE a.assessment_id = ?
		  AND EXISTS (SELECT 1 FROM eits_modules m WHERE m.year = ? AND m.code = a.module_code AND NOT m.header)
		  AND (a.measure_code = '' OR EXISTS (SELECT 1 FROM eits_measures e WHERE e.year = ? AND e.code = a.measure_code))
		ORDER BY a.id`, id, t.s.now(), from, year, year)
	if err != nil {
		return fmt.Errorf("sqlstore: prefill: %w", err)
	}
	return nil
}

func (t *tx) municipalityExists(ctx context.Context, ehak string) error {
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, ehak).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return kovit.NotFound()
	}
	return nil
}

// qualified qualifies each of a column list's columns with p, e.g. "a.".
func qualified(p, columns string) string {
	cols := strings.FieldsFunc(columns, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	return p + strings.Join(cols, ", "+p)
}
