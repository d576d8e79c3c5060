package jobs

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/notify"
)

// NotificationMail sends the notification outbox (notify.Mailer) every minute: the
// immediate ones at once, the digests once their hour has come. A mail that failed stays
// in the outbox and goes at the next run.
func NotificationMail(m notify.Mailer) Job {
	return Job{Name: "notification_mail", Due: Every(time.Minute), Run: func(ctx context.Context, now time.Time) error {
		n, err := m.Send(ctx, now)
		if err != nil {
			return fmt.Errorf("notification mail (%d sent): %w", n, err)
		}
		return nil
	}}
}

// RoundClosingStore is what the round-closing events read and write.
type RoundClosingStore interface {
	ListRounds(ctx context.Context) ([]need.Round, error)
	ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error)
	Emit(ctx context.Context, evs []notify.Event) error
}

// RoundClosing tells every municipality's editors that an open collection round closes in
// 7 days and in 1 day, looking every hour; each round's event is made once per recipient.
func RoundClosing(s RoundClosingStore) Job {
	return Job{Name: "notify_round_closing", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return EmitRoundClosing(ctx, s, now)
	}}
}

// EmitRoundClosing emits the round-closing events due at now.
func EmitRoundClosing(ctx context.Context, s RoundClosingStore, now time.Time) error {
	rounds, err := s.ListRounds(ctx)
	if err != nil {
		return err
	}
	local := now.In(kovit.Estonia)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, time.UTC)
	var evs []notify.Event
	var ms []municipality.Municipality
	for _, r := range rounds {
		deadline, err := time.Parse(time.DateOnly, r.Deadline)
		if !r.Open || err != nil {
			continue
		}
		kind := map[int]notify.Kind{7: notify.RoundClosing7, 1: notify.RoundClosing1}[int(deadline.Sub(today).Hours()/24)]
		if kind == "" {
			continue
		}
		if ms == nil {
			if ms, _, err = s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit}); err != nil {
				return err
			}
		}
		id := strconv.FormatInt(r.ID, 10)
		for _, m := range ms {
			evs = append(evs, notify.Event{Kind: kind, Entity: "need_round", EntityID: id, Municipality: m.EHAK,
				Title: r.Title, Reason: deadline.Format("02.01.2006"), Key: string(kind) + ":" + id})
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return s.Emit(ctx, evs)
}
