package jobs

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/notify"
	"kovit/internal/security"
)

// SecurityStore is what the self-assessment reminders read and write.
type SecurityStore interface {
	SecurityRounds(ctx context.Context) ([]security.Round, error)
	// SecuritySignedOff lists the municipalities (EHAK) whose assessment in the round is
	// signed off.
	SecuritySignedOff(ctx context.Context, roundID int64) ([]string, error)
	// MunicipalityCodes lists every municipality's EHAK code.
	MunicipalityCodes(ctx context.Context) ([]string, error)
	Emit(ctx context.Context, evs []notify.Event) error
}

// SecurityClosing reminds the editors of every municipality that has not signed off its
// self-assessment that the round's deadline is 7 days away, looking every hour; each
// round's reminder is made once per recipient.
func SecurityClosing(s SecurityStore) Job {
	return Job{Name: "notify_security_closing", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return EmitSecurityClosing(ctx, s, now)
	}}
}

// EmitSecurityClosing emits the reminders due at now. It names the round and its
// deadline, nothing of any municipality's answers.
func EmitSecurityClosing(ctx context.Context, s SecurityStore, now time.Time) error {
	rounds, err := s.SecurityRounds(ctx)
	if err != nil {
		return err
	}
	in7 := security.Day(now.AddDate(0, 0, 7))
	var evs []notify.Event
	for _, r := range rounds {
		if r.Deadline != in7 {
			continue
		}
		done, err := s.SecuritySignedOff(ctx, r.ID)
		if err != nil {
			return err
		}
		signed := map[string]bool{}
		for _, e := range done {
			signed[e] = true
		}
		all, err := s.MunicipalityCodes(ctx)
		if err != nil {
			return err
		}
		id := strconv.FormatInt(r.ID, 10)
		deadline, _ := time.Parse(time.DateOnly, r.Deadline)
		for _, ehak := range all {
			if !signed[ehak] {
				evs = append(evs, notify.Event{Kind: notify.SecurityRoundClosing7, Entity: audit.KindSecurityRound, EntityID: id,
					Municipality: ehak, Title: r.Title, Reason: deadline.Format("02.01.2006"),
					Key: string(notify.SecurityRoundClosing7) + ":" + id})
			}
		}
	}
	if len(evs) == 0 {
		return nil
	}
	return s.Emit(ctx, evs)
}
