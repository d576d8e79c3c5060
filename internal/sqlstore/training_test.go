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

var _ training.Store = (*sqlstore.Store)(nil)

func TestTrainingStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		s.Now = func() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		if _, err := s.CreateTraining(ctx, training.Training{Title: " ", Kind: "party"}); !kovit.FieldsOf(err).Has("title") || !kovit.FieldsOf(err).Has("kind") {
			t.Fatalf("bad training: %v", err)
		}
		hyg, err := s.CreateTraining(ctx, training.Training{Title: "Küberhügieen", Provider: "RIA", HeldOn: "2025-02-10", Kind: training.ELearning, ValidMonths: 24})
		if err != nil {
			t.Fatal(err)
		}
		isms, err := s.CreateTraining(ctx, training.Training{Title: "Infoturbe juhtimine", Kind: training.Course, ValidMonths: 36})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []training.Requirement{{Role: training.Employee, TrainingID: hyg.ID}, {Role: training.SecurityCoordinator, TrainingID: hyg.ID},
			{Role: training.SecurityCoordinator, TrainingID: isms.ID}} {
			if _, err := s.CreateTrainingRequirement(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreateTrainingRequirement(ctx, training.Requirement{Role: training.Employee, TrainingID: hyg.ID}); !kovit.FieldsOf(err).Has("training_id") {
			t.Errorf("a requirement twice: %v", err)
		}
		if _, err := s.CreateTrainingRequirement(ctx, training.Requirement{Role: "boss", TrainingID: 999}); !kovit.FieldsOf(err).Has("role") {
			t.Errorf("a bad requirement: %v", err)
		}
		mari, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0784", Person: " Mari  Maasikas ", Role: training.Employee,
			TrainingID: hyg.ID, CompletedOn: "2025-01-20"})
		if err != nil || mari.Person != "Mari Maasikas" || mari.ExpiresOn != "2027-01-20" {
			t.Fatalf("record: %+v %v", mari, err)
		}
		if _, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0784", Person: "Tiit", Role: training.SecurityCoordinator,
			TrainingID: hyg.ID, CompletedOn: "2026-12-07"}); !kovit.FieldsOf(err).Has("completed_on") {
			t.Errorf("a completion tomorrow: %v", err)
		}
		if _, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "9999", Person: "Tiit", Role: training.Employee,
			TrainingID: hyg.ID, CompletedOn: "2026-01-01"}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an unknown municipality: %v", err)
		}
		tiit, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0784", Person: "Tiit Tamm", Role: training.SecurityCoordinator,
			TrainingID: hyg.ID, CompletedOn: "2026-03-01"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0198", Person: "Other Person", Role: training.Employee,
			TrainingID: hyg.ID, CompletedOn: "2026-03-01"}); err != nil {
			t.Fatal(err)
		}
		reqs, _ := s.TrainingRequirements(ctx)
		own, err := s.TrainingRecords(ctx, "0784")
		if err != nil || len(own) != 2 {
			t.Fatalf("Tallinn's records: %+v %v", own, err)
		}
		gaps := training.Gaps(own, reqs, "2026-12-06")
		if len(gaps) != 1 || gaps[0].Person != "Tiit Tamm" || gaps[0].TrainingID != isms.ID {
			t.Errorf("gaps %+v", gaps)
		}
		if exp := training.Expiring(own, "2026-12-06", training.ExpiryWindow); len(exp) != 1 || exp[0].ID != mari.ID {
			t.Errorf("expiring %+v", exp)
		}
		// A longer validity moves every completion's expiry.
		hyg.ValidMonths = 36
		if hyg, err = s.UpdateTraining(ctx, hyg); err != nil {
			t.Fatal(err)
		}
		own, _ = s.TrainingRecords(ctx, "0784")
		for _, r := range own {
			if r.ID == mari.ID && r.ExpiresOn != "2028-01-20" {
				t.Errorf("after the change Mari's expires %s", r.ExpiresOn)
			}
		}
		stale := hyg
		stale.Version--
		if _, err := s.UpdateTraining(ctx, stale); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale update: %v", err)
		}
		// Another municipality's record is not found through Tallinn.
		others, _ := s.TrainingRecords(ctx, "0198")
		if err := s.DeleteTrainingRecord(ctx, "0784", others[0].ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("deleting another's record: %v", err)
		}
		if err := s.DeleteTrainingRecord(ctx, "0784", tiit.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteTrainingRequirement(ctx, reqs[0].ID); err != nil {
			t.Fatal(err)
		}
		if all, _ := s.TrainingRecords(ctx, ""); len(all) != 2 {
			t.Errorf("all records: %d", len(all))
		}
		evs, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindTrainingRecord})
		if err != nil || len(evs) != 4 {
			t.Errorf("record events: %d %v", len(evs), err)
		}
	})
}
