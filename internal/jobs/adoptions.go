package jobs

import (
	"context"
	"time"
)

// AdoptionStore is what the adoption follow-up needs.
type AdoptionStore interface {
	FollowAdoptions(ctx context.Context) (int, error)
}

// AdoptionFollowUp closes the practice library's loop every ten minutes: an adopted
// practice whose activity is done puts its solutions into production in the adopter's
// landscape (landscape.PracticeStore.FollowAdoptions).
func AdoptionFollowUp(s AdoptionStore) Job {
	return Job{Name: "adoption_follow_up", Due: Every(10 * time.Minute), Run: func(ctx context.Context, _ time.Time) error {
		if s == nil {
			return nil
		}
		_, err := s.FollowAdoptions(ctx)
		return err
	}}
}
