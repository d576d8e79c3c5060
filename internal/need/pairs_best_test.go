package need

import (
	"reflect"
	"testing"
)

// TestBestPairsArePairsCut: the pairs kept while scoring are exactly the first k of every
// pair sorted, for k below, at and above their number; ties are broken by the ids alike.
func TestBestPairsArePairsCut(t *testing.T) {
	docs := append(syntheticDocs(300), Doc{9001, "Dokumendihaldussüsteemi uuendamine", "Vana dokumendihaldussüsteem vajab asendamist."},
		Doc{9002, "Dokumendihaldussüsteemi uuendamine", "Meie vana dokumendihaldussüsteem vajab asendamist."})
	x := NewIndex(docs)
	for _, least := range []float64{0.3, LikelyDuplicate} {
		all := x.Pairs(least)
		if len(all) < 20 {
			t.Fatalf("min %.2f: only %d pairs, the test needs more", least, len(all))
		}
		for _, k := range []int{0, 1, 7, len(all) / 2, len(all), len(all) + 5} {
			got, want := x.bestPairs(least, k), all[:min(k, len(all))]
			if len(want) == 0 {
				want = nil
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("min %.2f, k %d: %d pairs differ from the first %d of all", least, k, len(got), len(want))
			}
		}
	}
}
