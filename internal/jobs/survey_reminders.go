package jobs

import (
	"context"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/survey"
)

// SurveyReminderStore is what the surveys' scheduled reminders read and write.
type SurveyReminderStore interface {
	ListSurveys(ctx context.Context) ([]survey.Survey, error)
	RemindSurveyStep(ctx context.Context, surveyID int64, step int) (int, error)
}

// SurveyReminders reminds, looking every hour, the municipalities that have not submitted
// a response to an open survey, survey.ReminderDays before its deadline, each once per
// step (the store's notification keys).
func SurveyReminders(s SurveyReminderStore) Job {
	return Job{Name: "survey_reminders", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return RemindSurveys(ctx, s, now, survey.ReminderDays)
	}}
}

// RemindSurveys sends the surveys' reminders due at now, by the day in Estonia.
func RemindSurveys(ctx context.Context, s SurveyReminderStore, now time.Time, steps []int) error {
	if s == nil {
		return nil
	}
	surveys, err := s.ListSurveys(ctx)
	if err != nil {
		return err
	}
	today := now.In(kovit.Estonia)
	for _, x := range surveys {
		if !x.Open {
			continue
		}
		if step, ok := survey.DueStep(x.Deadline, today, steps); ok {
			if _, err := s.RemindSurveyStep(ctx, x.ID, step); err != nil {
				return err
			}
		}
	}
	return nil
}
