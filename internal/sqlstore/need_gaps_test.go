package sqlstore_test

import (
	"slices"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestListNeedsSorted(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		// Paide < Põlva < Pärnu in Estonian (õ before ä), unlike in byte order.
		pärnu := mustNeed(t, s, ctx, "0624", "Ärireeglid", euros(300), true)
		paide := mustNeed(t, s, ctx, "0567", "Zooloogia", nil, false)
		põlva := mustNeed(t, s, ctx, "0622", "Šabloonid", euros(100), true)
		ids := func(f need.Filter) []int64 {
			t.Helper()
			items, total, err := s.ListNeeds(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if f.Offset == 0 && total != 3 {
				t.Errorf("%+v: total %d", f, total)
			}
			var out []int64
			for _, n := range items {
				out = append(out, n.ID)
			}
			return out
		}
		for _, tt := range []struct {
			f    need.Filter
			want []int64
		}{
			{need.Filter{}, []int64{põlva.ID, paide.ID, pärnu.ID}}, // newest first
			{need.Filter{Sort: need.SortMunicipality}, []int64{paide.ID, põlva.ID, pärnu.ID}},
			{need.Filter{Sort: need.SortMunicipality, Desc: true}, []int64{pärnu.ID, põlva.ID, paide.ID}},
			// š z ž after s, ä after õ: Š, Z, Ä.
			{need.Filter{Sort: need.SortTitle}, []int64{põlva.ID, paide.ID, pärnu.ID}},
			// No cost last either way.
			{need.Filter{Sort: need.SortCost, Desc: true}, []int64{pärnu.ID, põlva.ID, paide.ID}},
			{need.Filter{Sort: need.SortState}, []int64{paide.ID, pärnu.ID, põlva.ID}},
			// Pages follow the order.
			{need.Filter{Sort: need.SortMunicipality, Limit: 2, Offset: 1}, []int64{põlva.ID, pärnu.ID}},
		} {
			if got := ids(tt.f); !slices.Equal(got, tt.want) {
				t.Errorf("%+v: %v, want %v", tt.f, got, tt.want)
			}
		}
		if _, _, err := s.ListNeeds(ctx, need.Filter{Sort: "id; DROP TABLE needs"}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("unknown sort: %v", err)
		}
	})
}

func TestTraceFollowsDuplicates(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		original := mustNeed(t, s, ctx, "0171", "Ühine dokumendihaldus", euros(1000), true)
		middle := mustNeed(t, s, ctx, "0793", "Dokumendihaldus", nil, true)
		last := mustNeed(t, s, ctx, "0899", "Dokumendihaldussüsteem", nil, true)
		c, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "DHS", Category: need.CatSharedSystem}, []int64{original.ID})
		if err != nil {
			t.Fatal(err)
		}
		p, err := s.CreateProject(ctx, need.Project{ConsolidatedID: c.ID, Name: "DHS hange"})
		if err != nil {
			t.Fatal(err)
		}
		// last repeats middle, which repeats original.
		if _, err := s.TransitionNeed(ctx, middle.ID, need.Transition{To: need.Duplicate, DuplicateOf: &original.ID, Version: middle.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.TransitionNeed(ctx, last.ID, need.Transition{To: need.Duplicate, DuplicateOf: &middle.ID, Version: last.Version}); err != nil {
			t.Fatal(err)
		}
		tr, err := s.Trace(ctx, last.ID)
		if err != nil {
			t.Fatal(err)
		}
		var chain []int64
		for _, n := range tr.Repeats {
			chain = append(chain, n.ID)
		}
		if !slices.Equal(chain, []int64{middle.ID, original.ID}) || tr.Consolidated == nil || tr.Consolidated.ID != c.ID ||
			tr.Project == nil || tr.Project.ID != p.ID || tr.Done {
			t.Fatalf("trace of a duplicate's duplicate: %v %+v", chain, tr)
		}
		// The original's project done is the duplicate's need met.
		p.Status = need.ProjectDone
		if _, err := s.UpdateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
		if tr, err := s.Trace(ctx, last.ID); err != nil || !tr.Done {
			t.Errorf("done through the original: %+v %v", tr, err)
		}
		// A need that is no duplicate has no chain.
		if tr, err := s.Trace(ctx, original.ID); err != nil || len(tr.Repeats) != 0 || tr.Consolidated == nil {
			t.Errorf("original's trace: %+v %v", tr, err)
		}
	})
}
