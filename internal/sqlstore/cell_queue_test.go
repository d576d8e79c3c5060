package sqlstore_test

import (
	"cmp"
	"context"
	"slices"
	"testing"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestVerificationQueue: the coordinator's queue of self-reported cells, from a matrix
// kept whole and from a large country's level matrix and index (WholeCells 1), is the
// same and is what the cells say: active services only, by area and county, oldest first
// then by municipality and service, the first Limit of them and the count of all. A
// verified, returned or retired service's cell is not in it, and a review takes a cell
// out at once.
func TestVerificationQueue(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, whole *sqlstore.Store) {
		ctx := coordinatorCtx()
		clock := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		whole.Now = func() time.Time { return clock }
		save := func(ehak, code string, minutes int) eservice.Cell {
			t.Helper()
			clock = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(minutes) * time.Minute)
			c, err := whole.SaveCell(ctx, ehak, code, eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, whole, 2)})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		// Tartu county: 0793, 0171; Harju: 0784, 0198, 0296; Viljandi: 0899. The same
		// minute for several, so that municipality and service order the ties.
		save("0793", "SOC-001", 5)
		save("0784", "SOC-001", 5)
		save("0784", "EDU-001", 5)
		save("0171", "EDU-001", 1)
		save("0899", "SOC-002", 9)
		save("0198", "SOC-003", 3)
		verified := save("0296", "SOC-001", 0)
		returned := save("0296", "SOC-002", 0)
		save("0793", "BLD-001", 2)
		save("0899", "BLD-001", 7)
		if _, err := whole.ReviewCell(ctx, "0296", "SOC-001", eservice.Review{Verification: eservice.Verified, Version: verified.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := whole.ReviewCell(ctx, "0296", "SOC-002", eservice.Review{Verification: eservice.Returned, Reason: "Link ei tööta", Version: returned.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := whole.UpdateService(ctx, retire(t, whole, "BLD-001")); err != nil {
			t.Fatal(err)
		}
		large, err := sqlstore.Open(context.Background(), whole.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer large.Close()
		large.WholeCells, large.Now = 1, whole.Now

		type cell struct{ ehak, code string }
		cases := []struct {
			name  string
			f     eservice.QueueFilter
			want  []cell
			total int
		}{
			{"every", eservice.QueueFilter{Limit: 50},
				[]cell{{"0171", "EDU-001"}, {"0198", "SOC-003"}, {"0784", "EDU-001"}, {"0784", "SOC-001"}, {"0793", "SOC-001"}, {"0899", "SOC-002"}}, 6},
			{"first two", eservice.QueueFilter{Limit: 2}, []cell{{"0171", "EDU-001"}, {"0198", "SOC-003"}}, 6},
			{"area", eservice.QueueFilter{Area: "Sotsiaalhoolekanne", Limit: 50},
				[]cell{{"0198", "SOC-003"}, {"0784", "SOC-001"}, {"0793", "SOC-001"}, {"0899", "SOC-002"}}, 4},
			{"county", eservice.QueueFilter{County: "0037", Limit: 50}, []cell{{"0198", "SOC-003"}, {"0784", "EDU-001"}, {"0784", "SOC-001"}}, 3},
			{"county, first one", eservice.QueueFilter{County: "0037", Limit: 1}, []cell{{"0198", "SOC-003"}}, 3},
			{"area and county", eservice.QueueFilter{Area: "Haridus", County: "0079", Limit: 50}, []cell{{"0171", "EDU-001"}}, 1},
			{"none in the county", eservice.QueueFilter{Area: "Haridus", County: "0084", Limit: 50}, nil, 0},
		}
		check := func(step string, s *sqlstore.Store, f eservice.QueueFilter, want []cell, total int) {
			t.Helper()
			got, n, err := s.VerificationQueue(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			var cells []cell
			for i, c := range got {
				cells = append(cells, cell{c.MunicipalityEHAK, c.ServiceCode})
				if c.Verification != eservice.SelfReported || c.Version == 0 || c.UpdatedAt.IsZero() {
					t.Errorf("%s: %+v: not a self-reported cell as saved", step, c)
				}
				if i > 0 && cmp.Or(got[i-1].UpdatedAt.Compare(c.UpdatedAt), cmp.Compare(got[i-1].MunicipalityEHAK, c.MunicipalityEHAK)) > 0 {
					t.Errorf("%s: %v before %v", step, got[i-1], c)
				}
			}
			if !slices.Equal(cells, want) || n != total {
				t.Errorf("%s: %v of %d, want %v of %d", step, cells, n, want, total)
			}
		}
		for _, c := range cases {
			check("whole, "+c.name, whole, c.f, c.want, c.total)
			check("large, "+c.name, large, c.f, c.want, c.total)
		}
		// A review through the large store takes the cell out of both at once.
		c, err := large.Cell(ctx, "0198", "SOC-003")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := large.ReviewCell(ctx, "0198", "SOC-003", eservice.Review{Verification: eservice.Verified, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		whole.DropCells()
		want := []cell{{"0784", "EDU-001"}, {"0784", "SOC-001"}}
		check("large, reviewed", large, eservice.QueueFilter{County: "0037", Limit: 50}, want, 2)
		check("whole, reviewed", whole, eservice.QueueFilter{County: "0037", Limit: 50}, want, 2)
	})
}
