package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/training"
)

// BenchmarkTrainingGaps is issue 14's target: the training gap of all 79 municipalities
// under 50 ms. Each municipality has 20 people in three roles with two completions each,
// a quarter of them expired: 3,160 records, read and computed per iteration.
func BenchmarkTrainingGaps(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
			s.Now = func() time.Time { return time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC) }
			var ids []int64
			for i, title := range []string{"Küberhügieen", "Infoturbe juhtimine", "Dokumendihaldus"} {
				t, err := s.CreateTraining(ctx, training.Training{Title: title, Kind: training.Course, ValidMonths: 24})
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, t.ID)
				for _, role := range []training.Role{training.Employee, training.SecurityCoordinator, training.RecordsManager}[:i+1] {
					if _, err := s.CreateTrainingRequirement(ctx, training.Requirement{Role: role, TrainingID: t.ID}); err != nil {
						b.Fatal(err)
					}
				}
			}
			codes, err := s.MunicipalityCodes(ctx)
			if err != nil || len(codes) != 79 {
				b.Fatal(len(codes), err)
			}
			roles := []training.Role{training.Employee, training.SecurityCoordinator, training.RecordsManager}
			for _, ehak := range codes {
				for p := range 20 {
					for k := range 2 {
						completed := "2026-01-15"
						if (p+k)%4 == 0 {
							completed = "2024-06-01" // expired
						}
						r := training.Record{MunicipalityEHAK: ehak, Person: fmt.Sprintf("Töötaja %d", p), Role: roles[p%3], TrainingID: ids[k], CompletedOn: completed}
						if _, err := s.CreateTrainingRecord(ctx, r); err != nil {
							b.Fatal(err)
						}
					}
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for range b.N {
				records, err := s.TrainingRecords(ctx, "")
				if err != nil {
					b.Fatal(err)
				}
				reqs, err := s.TrainingRequirements(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if gaps := training.Gaps(records, reqs, "2026-12-06"); len(gaps) == 0 {
					b.Fatal("no gaps")
				}
				training.CoverageOf(records, reqs, "2026-12-06")
			}
			if per := time.Since(start) / time.Duration(b.N); per > 50*time.Millisecond {
				b.Errorf("the gaps of all 79 took %v, over 50 ms", per)
			}
		})
	}
}
