package jobs

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/notify"
	"kovit/internal/plan"
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
	for _, r := range rounds {
		deadline, err := time.Parse(time.DateOnly, r.Deadline)
		if !r.Open || err != nil {
			continue
		}
		kind := map[int]notify.Kind{7: notify.RoundClosing7, 1: notify.RoundClosing1}[int(deadline.Sub(today).Hours()/24)]
		if kind == "" {
			continue
		}
		id := strconv.FormatInt(r.ID, 10)
		evs = append(evs, notify.Event{Kind: kind, Entity: audit.KindNeedRound, EntityID: id, Municipality: notify.EveryMunicipality,
			Title: r.Title, Reason: deadline.Format("02.01.2006"), Key: string(kind) + ":" + id})
	}
	if len(evs) == 0 {
		return nil
	}
	return s.Emit(ctx, evs)
}

// PartStore is what the joint activities' part events read and write.
type PartStore interface {
	Attention(ctx context.Context, f plan.AttentionFilter, now time.Time) ([]plan.AttentionItem, error)
	Strategy(ctx context.Context, id int64) (plan.Strategy, error)
	plan.Owners
	Emit(ctx context.Context, evs []notify.Event) error
}

// ActivityParts tells a municipality's editors that their part of a joint activity is
// due within 7 days, and that it is overdue, looking every hour; each is told once per
// due date. Overdue is the action plan's one rule (plan.CollectAttention).
func ActivityParts(s PartStore) Job {
	return Job{Name: "notify_activity_parts", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return EmitActivityParts(ctx, s, now)
	}}
}

// EmitActivityParts emits the part events due at now: a part is due within 7 days when it
// will be overdue 8 days from now but is not yet.
func EmitActivityParts(ctx context.Context, s PartStore, now time.Time) error {
	overdue, err := s.Attention(ctx, plan.AttentionFilter{}, now)
	if err != nil {
		return err
	}
	soon, err := s.Attention(ctx, plan.AttentionFilter{}, now.AddDate(0, 0, 8))
	if err != nil {
		return err
	}
	var evs []notify.Event
	seen := map[string]bool{}
	strategies := map[int64]plan.Strategy{}
	for i, items := range [][]plan.AttentionItem{overdue, soon} {
		kind := map[int]notify.Kind{0: notify.PartOverdue, 1: notify.PartDue7}[i]
		for _, it := range items {
			if it.Kind != plan.OverdueParticipant {
				continue
			}
			id := strconv.FormatInt(it.ActivityID, 10) + "/" + it.MunicipalityEHAK
			due := it.Since.Format(time.DateOnly)
			if seen[id] {
				continue
			}
			seen[id] = true
			if ok, err := editorsRead(ctx, s, strategies, it); err != nil || !ok {
				if err != nil {
					return err
				}
				continue
			}
			evs = append(evs, notify.Event{Kind: kind, Entity: notify.EntityPart, EntityID: id, Municipality: it.MunicipalityEHAK,
				Title: strings.TrimSpace(it.ActivityCode + " " + it.ActivityTitleEt), Reason: it.Since.Format("02.01.2006"),
				Key: string(kind) + ":" + id + ":" + due})
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return s.Emit(ctx, evs)
}

// editorsRead reports whether the editors of an item's municipality may read its plan (a
// part in another municipality's draft plan is not theirs to hear of). strategies keeps
// each strategy read once.
func editorsRead(ctx context.Context, s PartStore, strategies map[int64]plan.Strategy, it plan.AttentionItem) (bool, error) {
	st, ok := strategies[it.StrategyID]
	if !ok {
		var err error
		if st, err = s.Strategy(ctx, it.StrategyID); err != nil {
			return false, err
		}
		strategies[it.StrategyID] = st
	}
	switch err := plan.CheckRead(ctx, s, st, auth.MunicipalityEditorsReader(it.MunicipalityEHAK)); kovit.ErrorCode(err) {
	case "":
		return true, nil
	case kovit.ENotFound, kovit.EForbidden, kovit.EUnauthorized:
		return false, nil
	default:
		return false, err
	}
}
