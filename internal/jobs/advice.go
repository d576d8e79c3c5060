package jobs

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/advice"
	"kovit/internal/kovit"
)

// CommentRoundStore is what the rounds of comment's reminders read and write.
type CommentRoundStore interface {
	ListCommentRounds(ctx context.Context) ([]advice.Round, error)
	RemindRound(ctx context.Context, roundID int64, key string) (int, error)
}

// reminderDays are the working days before a round's internal deadline on which the
// municipalities that have not responded are reminded: two days ahead, and on the day.
var reminderDays = []int{2, 0}

// CommentRoundReminders reminds, looking every hour, the municipalities that have not
// responded to a round of comment, each once per reminder day.
func CommentRoundReminders(s CommentRoundStore, cal *advice.Calendar) Job {
	return Job{Name: "notify_comment_rounds", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return RemindCommentRounds(ctx, s, cal, now)
	}}
}

// RemindCommentRounds sends the reminders due at now.
func RemindCommentRounds(ctx context.Context, s CommentRoundStore, cal *advice.Calendar, now time.Time) error {
	if s == nil || cal == nil {
		return nil
	}
	rounds, err := s.ListCommentRounds(ctx)
	if err != nil {
		return err
	}
	today := advice.Day(now, kovit.Estonia)
	if !cal.Workday(today) {
		return nil // a reminder on a weekend or a holiday reaches nobody at work
	}
	for _, r := range rounds {
		due, ok := advice.ParseDay(r.InternalDeadline)
		if !ok || due.Before(today) {
			continue
		}
		left := cal.Workdays(today, due)
		for _, d := range reminderDays {
			if left == d {
				if _, err := s.RemindRound(ctx, r.ID, "comment_round_reminder:"+strconv.FormatInt(r.ID, 10)+":"+strconv.Itoa(d)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
