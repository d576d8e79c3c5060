package need

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestUpdatedPairsGoOnFromTheOld: an updated index's likely pairs, found from the old
// index's pairs and the changed needs alone, are those a whole search of the updated
// index finds: an edited need's old pairs gone and its new ones there, a removed need's
// gone, a new need's there.
func TestUpdatedPairsGoOnFromTheOld(t *testing.T) {
	docs := append(syntheticDocs(150), Doc{9001, "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist."},
		Doc{9002, "Dokumendihaldussüsteemi uuendamine", "Meie vana dokumendihaldussüsteem vajab asendamist."},
		Doc{9003, "Videovalve laiendamine", "Valla hoonete videovalve kaamerate lisamine."})
	x := NewIndex(docs)
	if n := len(x.LikelyPairs()); n < 20 || n > MaxLikelyPairs/2 {
		t.Fatalf("%d likely pairs: the test needs some, and fewer than the most kept", n)
	}
	changed := []Doc{
		{9002, "Uus veebileht", "Valla kodulehe uuendamine."},                                       // loses its pair with 9001
		{9004, "Videovalve laiendamine", "Valla hoonete videovalve kaamerate lisamine ja hooldus."}, // new, pairs with 9003
		{9005, "Videovalve laiendamine koolides", "Koolide hoonete videovalve kaamerate lisamine."}, // new, pairs with both
		{docs[7].ID, docs[11].Title, docs[11].Description},                                          // now reads as need 12
	}
	y := x.Update(changed, []int64{docs[3].ID})
	got := y.LikelyPairs()
	if y.likely.from.Load() != nil {
		t.Error("the updated index still holds the old one")
	}
	// An index whose pairs nobody asked for is not linked to: a run of edits without a
	// look at the desk would otherwise keep every index alive.
	if z := y.Update([]Doc{{9006, "Uus teenus", "Uue e-teenuse loomine."}}, nil); z.Update(nil, []int64{9006}).likely.from.Load() != nil {
		t.Error("an index whose search never started is held by the next")
	}
	want := y.bestPairs(LikelyDuplicate, MaxLikelyPairs) // every pair of y scored
	if len(got) != len(want) {
		t.Fatalf("%d pairs, a whole search finds %d", len(got), len(want))
	}
	found := map[[2]int64]float64{}
	for _, p := range want {
		found[[2]int64{p.A, p.B}] = p.Score
	}
	for _, p := range got {
		// Scored from the other need, the sums add in another order: allow the last digit.
		if s, ok := found[[2]int64{p.A, p.B}]; !ok || s-p.Score > 0.001 || p.Score-s > 0.001 {
			t.Errorf("pair %+v: a whole search scores it %v (found %v)", p, s, ok)
		}
	}
	has := func(a, b int64) bool { _, ok := found[[2]int64{a, b}]; return ok }
	for _, c := range []struct {
		a, b int64
		want bool
	}{{9001, 9002, false}, {9003, 9004, true}, {9003, 9005, true}, {docs[7].ID, docs[11].ID, true}} {
		if has(c.a, c.b) != c.want {
			t.Errorf("pair %d–%d: %v, want %v", c.a, c.b, has(c.a, c.b), c.want)
		}
	}
	for _, p := range got {
		if p.A == docs[3].ID || p.B == docs[3].ID {
			t.Errorf("removed need %d is still paired: %+v", docs[3].ID, p)
		}
	}
}

// TestRetiredSearchStops: retiring an index stops its search for likely pairs, and that of
// the index it was updated from, soon rather than after the whole search; its pairs are
// then pending, never an empty list that would read as "no duplicates".
func TestRetiredSearchStops(t *testing.T) {
	x := NewIndex(syntheticDocs(8000))
	start := time.Now()
	whole := x.bestPairs(LikelyDuplicate, MaxLikelyPairs)
	took := time.Since(start)
	if len(whole) == 0 {
		t.Fatal("no likely pairs: the test needs some")
	}
	x.likelyDone() // the search under way when a need is edited
	y := x.Update([]Doc{{99999, "Videovalve laiendamine", "Valla hoonete videovalve."}}, nil)
	y.likelyDone() // y waits for x's search
	time.Sleep(took / 10)
	start = time.Now()
	y.Retire()
	select {
	case <-y.likelyDone():
	case <-time.After(took):
		t.Fatalf("the search went on after retiring: not ended in %v, a whole search's time", took)
	}
	<-x.likelyDone()
	t.Logf("a whole search takes %v; retired, the searches ended %v after", took, time.Since(start))
	for _, ix := range []*Index{x, y} {
		if _, err := ix.LikelyPairsWithin(context.Background(), 0); !errors.Is(err, ErrPairsPending) {
			t.Errorf("retired: %v, want ErrPairsPending", err)
		}
	}
}
