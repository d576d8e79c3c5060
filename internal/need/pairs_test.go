package need

import (
	"testing"
)

// TestPairsFindWhatSimilarFinds: the pairs above a score are exactly those Similar finds
// need by need.
func TestPairsFindWhatSimilarFinds(t *testing.T) {
	docs := append(syntheticDocs(300), Doc{9001, "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist."},
		Doc{9002, "Dokumendihaldussüsteemi uuendamine", "Meie vana dokumendihaldussüsteem vajab asendamist."})
	x := NewIndex(docs)
	for _, least := range []float64{0.3, LikelyDuplicate, 0.8} {
		want := map[[2]int64]float64{}
		for _, d := range docs {
			for _, m := range x.Similar(d.ID, len(docs), least, nil) {
				want[[2]int64{min(d.ID, m.ID), max(d.ID, m.ID)}] = m.Score
			}
		}
		got := x.Pairs(least)
		if len(got) != len(want) {
			t.Errorf("min %.2f: %d pairs, want %d", least, len(got), len(want))
		}
		for i, p := range got {
			// The array adds in another order than the map: allow the last digit.
			if s, ok := want[[2]int64{p.A, p.B}]; !ok || s-p.Score > 0.001 || p.Score-s > 0.001 || p.A >= p.B {
				t.Errorf("min %.2f: pair %+v not found by Similar (%v)", least, p, s)
			}
			if i > 0 && got[i-1].Score < p.Score {
				t.Errorf("not best first at %d", i)
			}
		}
	}
	likely := x.LikelyPairs()
	found := false
	for _, p := range likely {
		found = found || p.A == 9001 && p.B == 9002
		if p.Score < LikelyDuplicate {
			t.Errorf("unlikely pair %+v", p)
		}
	}
	if !found {
		t.Errorf("the two records-management needs are no likely pair: %+v", likely)
	}
	if y := x.Update([]Doc{{9002, "Uus veebileht", "Valla kodulehe uuendamine."}}, nil); len(y.LikelyPairs()) >= len(likely) {
		t.Error("an edited text left its pair in the new index")
	}
}

func BenchmarkPairs3000(b *testing.B) {
	x := NewIndex(syntheticDocs(3000))
	b.ResetTimer()
	for range b.N {
		x.Pairs(LikelyDuplicate)
	}
}

func TestDuplicatePairQueued(t *testing.T) {
	group := int64(3)
	other := int64(4)
	n := func(s State, c *int64) Need { return Need{State: s, ConsolidatedID: c} }
	for _, c := range []struct {
		name string
		a, b Need
		want bool
	}{
		{"both submitted", n(Submitted, nil), n(Submitted, nil), true},
		{"one under review, one accepted", n(UnderReview, nil), n(Accepted, &group), true},
		{"both accepted", n(Accepted, &group), n(Accepted, nil), false},
		{"a draft", n(Submitted, nil), n(Draft, nil), false},
		{"marked a duplicate", n(Duplicate, nil), n(Submitted, nil), false},
		{"rejected", n(Submitted, nil), n(Rejected, nil), false},
		{"returned and submitted", n(Returned, nil), n(Submitted, nil), true},
		{"consolidated apart", n(Submitted, &group), n(Accepted, &other), false},
	} {
		if got := (DuplicatePair{A: c.a, B: c.b}).Queued(); got != c.want {
			t.Errorf("%s: %v", c.name, got)
		}
	}
}
