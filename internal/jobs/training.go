package jobs

import (
	"context"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/notify"
	"kovit/internal/training"
)

// TrainingStore is what the expiry notices read and write.
type TrainingStore interface {
	Trainings(ctx context.Context) ([]training.Training, error)
	TrainingRecords(ctx context.Context, ehak string) ([]training.Record, error)
	Emit(ctx context.Context, evs []notify.Event) error
}

// TrainingExpiry tells each municipality's editors of the certificates that expire within
// training.ExpiryWindow days, looking every hour; each certificate's notice is made once
// per recipient (a renewal is a new certificate).
func TrainingExpiry(s TrainingStore) Job {
	return Job{Name: "notify_training_expiring", Due: Every(time.Hour), Run: func(ctx context.Context, now time.Time) error {
		return EmitTrainingExpiry(ctx, s, now)
	}}
}

// EmitTrainingExpiry emits the notices due at now. The person's name goes only to the
// editors of the person's own municipality, who read it on the municipality's page.
func EmitTrainingExpiry(ctx context.Context, s TrainingStore, now time.Time) error {
	records, err := s.TrainingRecords(ctx, "")
	if err != nil {
		return err
	}
	expiring := training.Expiring(records, training.Day(now), training.ExpiryWindow)
	if len(expiring) == 0 {
		return nil
	}
	trainings, err := s.Trainings(ctx)
	if err != nil {
		return err
	}
	titles := make(map[int64]string, len(trainings))
	for _, t := range trainings {
		titles[t.ID] = t.Title
	}
	evs := make([]notify.Event, 0, len(expiring))
	for _, r := range expiring {
		id := strconv.FormatInt(r.ID, 10)
		expires, _ := time.Parse(time.DateOnly, r.ExpiresOn)
		evs = append(evs, notify.Event{Kind: notify.TrainingExpiring, Entity: audit.KindTrainingRecord, EntityID: r.MunicipalityEHAK + "/" + id,
			Municipality: r.MunicipalityEHAK, Title: titles[r.TrainingID], Reason: r.Person + " · " + expires.Format("02.01.2006"),
			Key: string(notify.TrainingExpiring) + ":" + id + ":" + r.ExpiresOn})
	}
	return s.Emit(ctx, evs)
}
