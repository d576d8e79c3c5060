package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// SaveSecurityAnswers implements security.Store: many answers of one municipality at
// once, all or none, each naming the version it read (0 for a new one), written in
// batches so the write lock is held briefly.
func (s *Store) SaveSecurityAnswers(ctx context.Context, roundID int64, ehak string, in []security.Answer) (int, error) {
	var p kovit.Problems
	for i := range in {
		in[i].Normalize()
		for _, f := range kovit.FieldsOf(in[i].Validate()) {
			p.Add("answers["+strconv.Itoa(i)+"]."+f.Field, f.Key)
		}
		if len(p) >= 50 {
			break
		}
	}
	if err := p.Err(); err != nil {
		return 0, err
	}
	err := s.transact(ctx, func(tx *tx) error {
		r, err := tx.writableRound(ctx, roundID)
		if err != nil {
			return err
		}
		modules, err := eitsModules(ctx, tx, r.Year)
		if err != nil {
			return err
		}
		measures, err := eitsMeasures(ctx, tx, r.Year)
		if err != nil {
			return err
		}
		known := map[string]bool{}
		for _, m := range security.Modules(modules) {
			known[m.Code] = true
		}
		for _, m := range measures {
			known[m.ModuleCode+" "+m.Code] = true
		}
		as, _, err := tx.startAssessment(ctx, roundID, ehak)
		if err != nil {
			return err
		}
		stored, err := answersOf(ctx, tx, as.ID)
		if err != nil {
			return err
		}
		type key struct{ module, measure string }
		byKey := map[key]security.Answer{}
		for _, a := range stored {
			byKey[key{a.ModuleCode, a.MeasureCode}] = a
		}
		seen := map[key]bool{}
		var args []any
		var changes []auditChange
		now := s.now()
		for i, a := range in {
			k := key{a.ModuleCode, a.MeasureCode}
			field := "answers[" + strconv.Itoa(i) + "]."
			switch {
			case !known[a.ModuleCode]:
				p.Add(field+"module_code", "security.error.unknown_module")
			case a.MeasureCode != "" && !known[a.ModuleCode+" "+a.MeasureCode]:
				p.Add(field+"measure_code", "security.error.unknown_measure")
			case seen[k]:
				p.Add(field+"measure_code", "security.error.duplicate")
			case byKey[k].Version != a.Version:
				return kovit.Conflict()
			}
			seen[k] = true
			args = append(args, as.ID, a.ModuleCode, a.MeasureCode, a.Applies, a.ExcludedReason, a.Assignee, string(a.Status), a.Owner,
				a.Due, a.Justification, a.Evidence, now)
		}
		if err := p.Err(); err != nil {
			return err
		}
		if _, err := tx.execRows(ctx, `INSERT INTO security_answers (assessment_id, module_code, measure_code, applies, excluded_reason,
			assignee, status, owner, due, justification, evidence, updated_at) VALUES`, 12, args,
			`ON CONFLICT (assessment_id, module_code, measure_code) DO UPDATE SET applies = excluded.applies,
			excluded_reason = excluded.excluded_reason, assignee = excluded.assignee, status = excluded.status, owner = excluded.owner,
			due = excluded.due, justification = excluded.justification, evidence = excluded.evidence, prefilled = FALSE,
			version = security_answers.version + 1, updated_at = excluded.updated_at`); err != nil {
			return fmt.Errorf("sqlstore: save answers: %w", err)
		}
		after, err := answersOf(ctx, tx, as.ID)
		if err != nil {
			return err
		}
		if err := tx.refreshShare(ctx, as.ID, r.Year); err != nil {
			return err
		}
		for _, a := range after {
			k := key{a.ModuleCode, a.MeasureCode}
			if !seen[k] {
				continue
			}
			id := strconv.FormatInt(a.ID, 10)
			if b, ok := byKey[k]; ok {
				changes = append(changes, auditChange{id, audit.Update, answerTrail{ehak, roundID, b}, answerTrail{ehak, roundID, a}})
			} else {
				changes = append(changes, auditChange{id, audit.Create, nil, answerTrail{ehak, roundID, a}})
			}
		}
		return tx.recordMany(ctx, audit.KindSecurityAnswer, changes)
	})
	if err != nil {
		return 0, err
	}
	return len(in), nil
}
