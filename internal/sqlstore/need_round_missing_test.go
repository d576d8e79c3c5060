package sqlstore_test

import (
	"testing"

	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestRoundMissingCount: the desk's count of a round's missing municipalities is the
// dashboard's, as needs are submitted, left in draft, or belong to another round.
func TestRoundMissingCount(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		r, err := s.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: "2026-12-31", Open: true})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateRound(ctx, need.Round{Title: "IKT vajadused 2028", Deadline: "2027-12-31", Open: true})
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, want int) {
			t.Helper()
			d, err := s.Dashboard(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			n, err := s.MissingCount(ctx, r.ID)
			if err != nil || n != len(d.Missing) || n != want {
				t.Errorf("%s: %d missing (%v), the dashboard %d, want %d", what, n, err, len(d.Missing), want)
			}
		}
		check("none submitted", 79)
		for _, c := range []struct {
			ehak   string
			round  int64
			submit bool
		}{{"0793", r.ID, true}, {"0793", r.ID, true}, {"0784", r.ID, false}, {"0141", other.ID, true}, {"0142", r.ID, true}} {
			n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: c.ehak, RoundID: &c.round, Title: "Uus vajadus", Category: need.CatOther})
			if err != nil {
				t.Fatal(err)
			}
			if c.submit {
				if _, err := s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: 1}); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Tartu twice and Antsla: a draft (Tallinn) and another round's need (Anija) do not count.
		check("after the needs", 77)
		if _, err := s.MissingCount(ctx, 999999); err == nil {
			t.Error("a round that does not exist: no error")
		}
	})
}
