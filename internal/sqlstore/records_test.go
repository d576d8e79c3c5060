package sqlstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestRecordsProfileStore: the first save creates the profile at version 1, a stale one
// conflicts, a document row of another municipality is refused, a return needs its reason,
// and the register check's result is kept beside the profile without changing it.
func TestRecordsProfileStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		if _, err := s.RecordsProfile(ctx, "9999"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Fatalf("an unknown municipality: %v", err)
		}
		other, err := s.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: seededSolution(t, s, "Delta").ID})
		if err != nil {
			t.Fatal(err)
		}
		in := landscape.RecordsProfile{MunicipalityEHAK: "0171", DHX: landscape.DHXDirect, RegisterURL: "https://elva.ee/register",
			Met: []int64{1, 2, 99}, DocumentRowID: &other.ID}
		if _, err := s.SaveRecordsProfile(ctx, in); !slices.Equal(fieldNames(err), []string{"document_row_id"}) {
			t.Fatalf("another municipality's row: %v", err)
		}
		in.DocumentRowID = nil
		p, err := s.SaveRecordsProfile(ctx, in)
		if err != nil || p.Version != 1 || p.Level != 1 || !slices.Equal(p.Met, []int64{1, 2}) {
			t.Fatalf("first save: %+v %v", p, err)
		}
		if _, err := s.SaveRecordsProfile(ctx, in); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("a stale save: %v", err)
		}
		if _, err := s.ReviewRecordsProfile(ctx, "0171", "returned", "", 1); !slices.Equal(fieldNames(err), []string{"return_reason"}) {
			t.Fatalf("a return without a reason: %v", err)
		}
		at := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
		if err := s.SetRegisterCheck(ctx, "0171", landscape.RegisterCheck{At: at, Status: 200, TLS: true}); err != nil {
			t.Fatal(err)
		}
		p, err = s.RecordsProfile(ctx, "0171")
		if err != nil || p.Check == nil || p.Check.Status != 200 || !p.Check.TLS || !p.Check.At.Equal(at) || p.Version != 1 {
			t.Fatalf("after the check: %+v %v", p, err)
		}
	})
}
