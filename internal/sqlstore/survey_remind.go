package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/notify"
)

// RemindSurveyStep tells the editors of every municipality that has not submitted a
// response to an open survey (none, or a draft) that it is due, as the scheduled
// reminder's step days before the deadline; it returns how many municipalities it names.
// The notification's key makes each step once per recipient, so the hourly job repeats
// nothing, and a restart or a second process sends no step twice.
func (s *Store) RemindSurveyStep(ctx context.Context, surveyID int64, step int) (int, error) {
	var n int
	err := s.transact(ctx, func(tx *tx) error {
		x, err := surveyFrom(ctx, tx, surveyID)
		if err != nil {
			return err
		}
		if !x.Open {
			return nil
		}
		rows, err := tx.query(ctx, `SELECT m.ehak FROM municipalities m WHERE NOT EXISTS (SELECT 1 FROM survey_responses r
			WHERE r.survey_id = ? AND r.municipality_ehak = m.ehak AND r.state IN ('submitted', 'approved')) ORDER BY m.ehak`, surveyID)
		if err != nil {
			return fmt.Errorf("sqlstore: survey not submitted: %w", err)
		}
		var missing []string
		for rows.Next() {
			var ehak string
			if err := rows.Scan(&ehak); err != nil {
				rows.Close()
				return err
			}
			missing = append(missing, ehak)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		n = len(missing)
		evs := make([]notify.Event, len(missing))
		for i, ehak := range missing {
			evs[i] = notify.Event{Kind: notify.SurveyDue, Entity: audit.KindSurvey, EntityID: fmt.Sprint(surveyID), Municipality: ehak,
				Title: x.Title, Reason: x.Deadline, Key: fmt.Sprintf("survey_due/%d/%s/step/%d", surveyID, ehak, step)}
		}
		return tx.emit(ctx, evs...)
	})
	return n, err
}
