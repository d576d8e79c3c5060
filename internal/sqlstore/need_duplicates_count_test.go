package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// alikeNeed files a submitted need whose text pairs it with the others filed so.
func alikeNeed(t *testing.T, s *sqlstore.Store, ctx context.Context, ehak string) need.Need {
	t.Helper()
	n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: ehak, Title: "Dokumendihaldussüsteemi uuendamine",
		Description: "Vana dokumendihaldussüsteem vajab asendamist pilvelahendusega.", Category: need.CatRecords})
	if err != nil {
		t.Fatal(err)
	}
	if n, err = s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
		t.Fatal(err)
	}
	return n
}

func countQueued(t *testing.T, s *sqlstore.Store, may need.ReadRule) int {
	t.Helper()
	n, err := s.QueuedDuplicateCount(context.Background(), may)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The kept count of queued pairs follows a new need and a dismissal at once, equals the
// listed pairs, and counts for a narrower reader only the pairs it may read whole.
func TestQueuedDuplicateCount(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		everyone := need.ReadRule(func(string, bool) bool { return true })
		notTallinn := need.ReadRule(func(ehak string, _ bool) bool { return ehak != "0784" })
		tartu, pärnu := alikeNeed(t, s, ctx, "0793"), alikeNeed(t, s, ctx, "0624")
		listed := func() int {
			t.Helper()
			pairs, err := s.SuggestedDuplicates(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return len(pairs)
		}
		if got := countQueued(t, s, everyone); got != 1 || listed() != 1 {
			t.Fatalf("two alike needs: count %d, listed %d, want 1", got, listed())
		}
		tallinn := alikeNeed(t, s, ctx, "0784")
		if got := countQueued(t, s, everyone); got != 3 || listed() != 3 {
			t.Errorf("a third alike need: count %d, listed %d, want 3", got, listed())
		}
		if got := countQueued(t, s, notTallinn); got != 1 {
			t.Errorf("a reader not of Tallinn's: %d, want 1", got)
		}
		if err := s.DismissSuggestion(ctx, tallinn.ID, tartu.ID); err != nil {
			t.Fatal(err)
		}
		if got := countQueued(t, s, everyone); got != 2 || listed() != 2 {
			t.Errorf("after a dismissal: count %d, listed %d, want 2", got, listed())
		}
		if err := s.DismissSuggestion(ctx, pärnu.ID, tartu.ID); err != nil {
			t.Fatal(err)
		}
		if got := countQueued(t, s, notTallinn); got != 0 {
			t.Errorf("a reader not of Tallinn's after both dismissals: %d", got)
		}
	})
}

// Another process's dismissal reaches this one's kept count through the change feed.
func TestQueuedDuplicateCountAcrossStores(t *testing.T) {
	if !slices.Contains(sqlstoretest.Engines(), "postgres") {
		return
	}
	a, b, _ := listeningPair(t)
	ctx := coordinatorCtx()
	everyone := need.ReadRule(func(string, bool) bool { return true })
	tartu, pärnu := alikeNeed(t, a, ctx, "0793"), alikeNeed(t, a, ctx, "0624")
	waitFor(t, "b counts a's pair", func() bool { return countQueued(t, b, everyone) == 1 })
	if err := a.DismissSuggestion(ctx, tartu.ID, pärnu.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b's count drops a's dismissed pair", func() bool { return countQueued(t, b, everyone) == 0 })
}
