package jobs

import (
	"context"
	"net/http"

	"kovit/internal/advice"

	"kovit/internal/need"
	"kovit/internal/notify"
)

// Deps are what today's jobs work with; cmd/kovit fills them from the store and the mail
// server.
type Deps struct {
	Snapshots SnapshotStore
	// DeleteExpiredSessions is the session store's sweep.
	DeleteExpiredSessions func(ctx context.Context) error
	Digest                WeeklyDigest
	Reminders             *need.Reminders
	// Notifications (issue 12): the outbox's sender and the scheduled events' store.
	Notifications notify.Mailer
	RoundClosing  RoundClosingStore
	ActivityParts PartStore
	// Security reminds of a self-assessment round's deadline (issue 14).
	Security SecurityStore
	// Advice (issue 15): reminders of rounds of comment, counted in working days.
	CommentRounds CommentRoundStore
	Calendar      *advice.Calendar
	// Registers are the records profiles whose public document registers are checked
	// daily (issue 13); RegisterClient nil is RegisterClient().
	Registers      RegisterStore
	RegisterClient *http.Client
	// Adoptions is the practice library's follow-up of adopted practices (issue 13).
	Adoptions AdoptionStore
	// Surveys are reminded before their deadline (issue 16).
	Surveys SurveyReminderStore
	// Trainings tells of certificates expiring (issue 14).
	Trainings TrainingStore
}

// Schedule is every scheduled job of kovit, in the order a tick runs them.
func Schedule(d Deps) []Job {
	return []Job{
		SessionSweep(d.DeleteExpiredSessions),
		Snapshot(d.Snapshots),
		d.Digest.Job(),
		RoundReminders(d.Reminders),
		RoundClosing(d.RoundClosing),
		ActivityParts(d.ActivityParts),
		SecurityClosing(d.Security),
		CommentRoundReminders(d.CommentRounds, d.Calendar),
		NotificationMail(d.Notifications),
		RegisterCheck(d.Registers, d.RegisterClient),
		AdoptionFollowUp(d.Adoptions),
		SurveyReminders(d.Surveys),
		TrainingExpiry(d.Trainings),
	}
}
