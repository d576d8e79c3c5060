package need

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"sync/atomic"
)

// Doc is what similarity reads of a need.
type Doc struct {
	ID          int64
	Title       string
	Description string
}

// titleWeight counts a title's words this many times: a title names the need, a
// description also tells its circumstances.
const titleWeight = 2

// Index holds TF-IDF vectors of needs for finding likely duplicates. It is built once from
// every need and read by any number of goroutines; a change to needs builds a new one.
// Needs are numbered in the index (ord) so that scoring adds into an array, not a map, and
// weights are float32: at 100,000 needs the postings are millions of entries, and half
// the bytes is half the memory and the cache misses of a suggestion.
type Index struct {
	terms    map[string]int32
	idf      []float64
	ids      []int64         // ord → need id; a removed need keeps its ord, with no vector
	ord      map[int64]int32 // need id → ord
	vectors  [][]weight      // by ord, unit length, by term
	postings [][]posting     // term → needs with it
	scratch  sync.Pool       // *scores, each len(ids) long
	// likely are the pairs of LikelyPairs, found in the background the first time they
	// are asked for; done is closed when the search has ended, found says it ran to its
	// end (it was not retired) and pairs are then the pairs. An index made by Update from
	// one whose search had started goes on from that one's pairs (from, cleared when its
	// own search ends, so a chain is never longer than two); its needs from firstNew on are
	// the changed ones.
	likely struct {
		start    sync.Once
		done     chan struct{}
		pairs    []Pair
		found    bool
		started  atomic.Bool // the search has been started (start has run)
		from     atomic.Pointer[Index]
		firstNew int32
		retired  atomic.Bool
	}
}

type weight struct {
	term int32
	w    float32
}

type posting struct {
	ord int32
	w   float32
}

// scores is one suggestion's running sums by ord and the ords it has touched, kept for
// the next one: at 100,000 needs a fresh array per request is garbage the GC must chase.
type scores struct {
	acc     []float64
	touched []int32
	ranked  []Match
}

// termCount is how often a doc uses a term (its title's words titleWeight times).
type termCount struct {
	term int32
	n    float64
}

// NewIndex builds the index of docs.
func NewIndex(docs []Doc) *Index {
	x := &Index{terms: map[string]int32{}, ids: make([]int64, len(docs)), ord: make(map[int64]int32, len(docs)),
		vectors: make([][]weight, len(docs))}
	counts := make([][]termCount, len(docs))
	var df []int
	stems := stemmer{}
	at := map[int32]int{} // a doc's term → its place in the doc's counts
	for i, d := range docs {
		var c []termCount
		add := func(text string, times float64) {
			for _, w := range stems.words(text) {
				t, ok := x.terms[w]
				if !ok {
					t = int32(len(x.terms))
					x.terms[w] = t
					df = append(df, 0)
				}
				if k, ok := at[t]; ok {
					c[k].n += times
					continue
				}
				df[t]++
				at[t] = len(c)
				c = append(c, termCount{t, times})
			}
		}
		add(d.Title, titleWeight)
		add(d.Description, 1)
		counts[i] = c
		clear(at)
	}
	n := float64(len(docs))
	x.idf = make([]float64, len(df))
	for t, f := range df {
		x.idf[t] = math.Log(1 + n/float64(f))
	}
	sizes := make([]int, len(df))
	for _, c := range counts {
		for _, tc := range c {
			sizes[tc.term]++
		}
	}
	x.postings = make([][]posting, len(df))
	for t, k := range sizes {
		x.postings[t] = make([]posting, 0, k)
	}
	for i, d := range docs {
		v := x.vector(counts[i])
		x.ids[i], x.ord[d.ID], x.vectors[i] = d.ID, int32(i), v
		for _, tw := range v {
			x.postings[tw.term] = append(x.postings[tw.term], posting{int32(i), tw.w})
		}
	}
	return x
}

// vector weighs term counts by rarity (sublinear tf × idf) and scales them to unit length,
// so that a long description does not outweigh a short one.
func (x *Index) vector(c []termCount) []weight {
	v := make([]weight, len(c))
	ws := make([]float64, len(c))
	var norm float64
	for i, tc := range c {
		ws[i] = (1 + math.Log(tc.n)) * x.idf[tc.term]
		norm += ws[i] * ws[i]
	}
	norm = math.Sqrt(norm)
	for i, tc := range c {
		v[i] = weight{tc.term, float32(ws[i] / norm)}
	}
	return v
}

// score adds up the similarity of the need at ord o with every need sharing a term,
// into sc; only needs at an ord above after count (Pairs takes each pair once).
func (x *Index) score(o int32, after int32, sc *scores) {
	for _, tw := range x.vectors[o] {
		wt := float64(tw.w)
		for _, p := range x.postings[tw.term] {
			if p.ord <= after {
				continue
			}
			if sc.acc[p.ord] == 0 {
				sc.touched = append(sc.touched, p.ord)
			}
			sc.acc[p.ord] += wt * float64(p.w)
		}
	}
}

// drain calls fn with each need score touched and its sum, and leaves sc empty for the
// next need.
func (sc *scores) drain(fn func(j int32, s float64)) {
	for _, j := range sc.touched {
		fn(j, sc.acc[j])
		sc.acc[j] = 0
	}
	sc.touched = sc.touched[:0]
}

func (x *Index) scores() *scores {
	if sc, ok := x.scratch.Get().(*scores); ok {
		return sc
	}
	return &scores{acc: make([]float64, len(x.ids))}
}

// Match is another need and how similar it is, from 0 (nothing shared) to 1 (same words).
type Match struct {
	ID    int64   `json:"id"`
	Score float64 `json:"score"`
}

// Similar returns the needs most like need id, best first: at most limit of them, each
// scoring at least min, skipping those skip reports (dismissed pairs, closed needs).
// Candidates are ranked before skip is asked, so it is asked about the best few only.
func (x *Index) Similar(id int64, limit int, min float64, skip func(int64) bool) []Match {
	o, ok := x.ord[id]
	if !ok {
		return nil
	}
	sc := x.scores()
	x.score(o, -1, sc)
	ranked := sc.ranked[:0]
	sc.drain(func(j int32, s float64) {
		if j != o && s >= min {
			ranked = append(ranked, Match{x.ids[j], math.Min(1, math.Round(s*1000)/1000)})
		}
	})
	slices.SortFunc(ranked, func(a, b Match) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID))
	})
	var out []Match
	for _, m := range ranked {
		if len(out) == limit {
			break
		}
		if skip == nil || !skip(m.ID) {
			out = append(out, m)
		}
	}
	sc.ranked = ranked[:0]
	x.scratch.Put(sc)
	return out
}

// Update returns the index of x's needs with changed ones (new, or with a new title or
// description) indexed again and removed ones gone, without touching x, which readers may
// still hold. Known words keep the rarity x gave them and new words are rated among the
// changed needs alone, so the scores drift a little from a full NewIndex; the caller
// builds anew when many needs changed. Updating costs a fraction of building.
func (x *Index) Update(changed []Doc, removed []int64) *Index {
	y := &Index{terms: make(map[string]int32, len(x.terms)), idf: slices.Clone(x.idf),
		ids: slices.Clone(x.ids), ord: make(map[int64]int32, len(x.ord)+len(changed)),
		vectors: slices.Clone(x.vectors), postings: slices.Clone(x.postings)}
	for w, t := range x.terms {
		y.terms[w] = t
	}
	for id, o := range x.ord {
		y.ord[id] = o
	}
	gone := map[int32]bool{} // ords
	for _, id := range removed {
		if o, ok := x.ord[id]; ok {
			gone[o] = true
		}
	}
	for _, d := range changed {
		if o, ok := x.ord[d.ID]; ok {
			gone[o] = true
		}
	}
	touched := map[int32]bool{} // terms whose postings must lose the gone needs
	for o := range gone {
		for _, tw := range x.vectors[o] {
			touched[tw.term] = true
		}
		delete(y.ord, x.ids[o])
		y.vectors[o] = nil
	}
	for t := range touched {
		kept := make([]posting, 0, len(y.postings[t]))
		for _, p := range y.postings[t] {
			if !gone[p.ord] {
				kept = append(kept, p)
			}
		}
		y.postings[t] = kept
	}
	stems := stemmer{}
	counts := make([][]termCount, len(changed))
	newDF := map[int32]int{}
	for i, d := range changed {
		var c []termCount
		add := func(text string, times float64) {
			for _, w := range stems.words(text) {
				t, ok := y.terms[w]
				if !ok {
					t = int32(len(y.idf))
					y.terms[w] = t
					y.idf = append(y.idf, 0)
					y.postings = append(y.postings, nil)
				}
				if k := slices.IndexFunc(c, func(tc termCount) bool { return tc.term == t }); k >= 0 {
					c[k].n += times
					continue
				}
				if y.idf[t] == 0 {
					newDF[t]++
				}
				c = append(c, termCount{t, times})
			}
		}
		add(d.Title, titleWeight)
		add(d.Description, 1)
		counts[i] = c
	}
	n := float64(len(y.ord) + len(changed))
	for t, f := range newDF {
		y.idf[t] = math.Log(1 + n/float64(f))
	}
	for i, d := range changed {
		v := y.vector(counts[i])
		o := int32(len(y.ids))
		y.ids, y.vectors, y.ord[d.ID] = append(y.ids, d.ID), append(y.vectors, v), o
		for _, tw := range v {
			// Appending to a list x shares would write into x's array: copy it first.
			if !touched[tw.term] {
				y.postings[tw.term] = slices.Clone(y.postings[tw.term])
				touched[tw.term] = true
			}
			y.postings[tw.term] = append(y.postings[tw.term], posting{o, tw.w})
		}
	}
	// Only a search already started is worth going on from; linking to an index whose
	// pairs nobody asked for would keep every index of a run of edits alive.
	if x.likely.started.Load() {
		y.likely.from.Store(x)
		y.likely.firstNew = int32(len(x.ids))
	}
	return y
}

// Contains reports whether need id has every one of words (as Words gives them), for
// searching needs by text in any form of their words.
func (x *Index) Contains(id int64, words []string) bool {
	o, ok := x.ord[id]
	if !ok {
		return false
	}
	v := x.vectors[o]
	for _, w := range words {
		t, ok := x.terms[w]
		if !ok || !slices.ContainsFunc(v, func(tw weight) bool { return tw.term == t }) {
			return false
		}
	}
	return true
}

// Len is how many needs the index holds.
func (x *Index) Len() int { return len(x.ord) }
