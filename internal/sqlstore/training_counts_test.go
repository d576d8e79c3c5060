package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/training"
)

func TestTrainingCountStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		s.Now = func() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		hyg, err := s.CreateTraining(ctx, training.Training{Title: "Küberhügieen", Kind: training.ELearning, ValidMonths: 24})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTrainingRequirement(ctx, training.Requirement{Role: training.Employee, TrainingID: hyg.ID}); err != nil {
			t.Fatal(err)
		}
		bad := []struct {
			name  string
			in    training.Count
			field string
		}{
			{"no people", training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: hyg.ID, CompletedOn: "2026-01-10"}, "people"},
			{"too many", training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: hyg.ID, CompletedOn: "2026-01-10", People: training.MaxCountPeople + 1}, "people"},
			{"future", training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: hyg.ID, CompletedOn: "2026-12-07", People: 3}, "completed_on"},
			{"role", training.Count{MunicipalityEHAK: "0784", Role: "boss", TrainingID: hyg.ID, CompletedOn: "2026-01-10", People: 3}, "role"},
			{"training", training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: 999, CompletedOn: "2026-01-10", People: 3}, "training_id"},
		}
		for _, b := range bad {
			if _, err := s.CreateTrainingCount(ctx, b.in); !kovit.FieldsOf(err).Has(b.field) {
				t.Errorf("%s: %v", b.name, err)
			}
		}
		if _, err := s.CreateTrainingCount(ctx, training.Count{MunicipalityEHAK: "9999", Role: training.Employee, TrainingID: hyg.ID,
			CompletedOn: "2026-01-10", People: 3}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an unknown municipality: %v", err)
		}
		if got, _ := s.TrainingCounts(ctx, ""); len(got) != 0 {
			t.Fatalf("bad input saved: %+v", got)
		}
		old, err := s.CreateTrainingCount(ctx, training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: hyg.ID,
			CompletedOn: "2024-06-30", People: 12})
		if err != nil || old.ExpiresOn != "2026-06-30" || old.People != 12 {
			t.Fatalf("count: %+v %v", old, err)
		}
		recent, err := s.CreateTrainingCount(ctx, training.Count{MunicipalityEHAK: "0784", Role: training.Employee, TrainingID: hyg.ID,
			CompletedOn: "2026-02-01", People: 8})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0784", Person: "Mari", Role: training.Employee,
			TrainingID: hyg.ID, CompletedOn: "2026-03-01"}); err != nil {
			t.Fatal(err)
		}
		// Named Mari holds it; of 20 counted people 8 hold it valid, 12 expired in June.
		c, err := training.LoadCoverage(ctx, s, "0784", "2026-12-06")
		if err != nil || c.People != 21 || c.Covered != 9 {
			t.Errorf("coverage: %+v %v", c, err)
		}
		_, by, err := training.LoadCounts(ctx, s, "2026-12-06", nil)
		if err != nil || len(by) != 1 || by[0].Roles[0].People != 21 || by[0].Roles[0].Covered != 9 {
			t.Errorf("counts: %+v %v", by, err)
		}
		// A longer validity recomputes the counted completions' expiry too.
		hyg.ValidMonths = 36
		if _, err := s.UpdateTraining(ctx, hyg); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.TrainingCounts(ctx, "0784"); len(got) != 2 || got[1].ID != old.ID || got[1].ExpiresOn != "2027-06-30" {
			t.Errorf("re-expired: %+v", got)
		}
		if err := s.DeleteTrainingCount(ctx, "0198", recent.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("another municipality's count deleted: %v", err)
		}
		if err := s.DeleteTrainingCount(ctx, "0784", recent.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.TrainingCounts(ctx, "0784"); len(got) != 1 {
			t.Errorf("after delete: %+v", got)
		}
		evs, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindTrainingCount})
		if err != nil || len(evs) != 3 {
			t.Errorf("audit: %d events, %v", len(evs), err)
		}
	})
}
