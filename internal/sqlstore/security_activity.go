package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/security"
)

// PlanSecurityActivity implements security.Store: in one transaction, an activity in the
// municipality's own plan (strategy strategyID, which it must own) made from a "not
// implemented" answer, and the answer linked to it.
func (s *Store) PlanSecurityActivity(ctx context.Context, roundID int64, ehak, module, measure string, strategyID int64) (plan.Node, error) {
	var out plan.Node
	err := s.transact(ctx, func(tx *tx) error {
		r, err := securityRoundFrom(ctx, tx, roundID)
		if err != nil {
			return err
		}
		as, err := assessmentOf(ctx, tx, roundID, ehak)
		if err != nil {
			return err
		}
		before, err := scanAnswer(tx.queryRow(ctx, `SELECT `+answerColumns+` FROM security_answers
			WHERE assessment_id = ? AND module_code = ? AND measure_code = ?`, as.ID, module, measure))
		if err = notFound(err); err != nil {
			return err
		}
		if before.Status != security.NotImplemented || before.ActivityID != nil {
			return kovit.Errorf(kovit.EConflict, "security.error.activity_not_possible")
		}
		st, err := strategyFrom(ctx, tx, strategyID)
		if err != nil {
			return err
		}
		var owner *string
		if st.OwnerID != nil {
			if err := tx.queryRow(ctx, `SELECT municipality_ehak FROM plan_organisations WHERE id = ?`, *st.OwnerID).Scan(&owner); err != nil {
				return err
			}
		}
		if owner == nil || *owner != ehak {
			var p kovit.Problems
			p.Add("strategy_id", "security.error.own_plan")
			return p.Err()
		}
		title, code := module, "EITS-"+module
		if measure != "" {
			title, code = measure, "EITS-"+measure
		}
		if measure != "" {
			var t string
			if err := tx.queryRow(ctx, `SELECT title FROM eits_measures WHERE year = ? AND code = ?`, r.Year, measure).Scan(&t); err == nil {
				title = measure + " " + t
			}
		}
		n := plan.Node{StrategyID: strategyID, Kind: plan.Activity, Code: code, TitleEt: "E-ITS: " + title,
			DescriptionEt: before.Justification, Weight: 1}
		if before.Due != "" {
			if due, err := parseDay(before.Due); err == nil {
				n.End = &due
			}
		}
		if out, err = tx.createNode(ctx, n); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE security_answers SET activity_id = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			out.ID, s.now(), before.ID); err != nil {
			return fmt.Errorf("sqlstore: link activity: %w", err)
		}
		after, err := scanAnswer(tx.queryRow(ctx, `SELECT `+answerColumns+` FROM security_answers WHERE id = ?`, before.ID))
		if err != nil {
			return err
		}
		return tx.record(ctx, audit.KindSecurityAnswer, strconv.FormatInt(before.ID, 10), audit.Update,
			answerTrail{ehak, roundID, before}, answerTrail{ehak, roundID, after})
	})
	return out, err
}

func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

// SecurityActivitiesDone implements security.Store: municipality ehak's answers still
// "not implemented" whose plan activity is complete, with the activity, in the rounds
// that are open on day.
func (s *Store) SecurityActivitiesDone(ctx context.Context, ehak string) ([]security.ActivityDone, error) {
	rows, err := s.query(ctx, `SELECT a.round_id, x.module_code, x.measure_code, n.id, n.title_et, n.completion
		FROM security_answers x
		JOIN security_assessments a ON a.id = x.assessment_id
		JOIN plan_nodes n ON n.id = x.activity_id
		WHERE a.municipality_ehak = ? AND x.status = 'not_implemented' AND n.completion >= 100
		ORDER BY a.round_id, x.module_code, x.measure_code`, ehak)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: activities done: %w", err)
	}
	defer rows.Close()
	var out []security.ActivityDone
	for rows.Next() {
		var d security.ActivityDone
		var completion int
		if err := rows.Scan(&d.RoundID, &d.ModuleCode, &d.MeasureCode, &d.ActivityID, &d.Title, &completion); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}
