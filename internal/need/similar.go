package need

import (
	"math"
	"slices"
	"sort"
	"sync"
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
type Index struct {
	terms    map[string]int32
	idf      []float64
	vectors  map[int64][]weight // unit length, by term
	postings [][]posting        // term → needs with it
	// likely are the pairs of LikelyPairs, found the first time they are asked for.
	likely struct {
		once  sync.Once
		pairs []Pair
	}
}

type weight struct {
	term int32
	w    float64
}

type posting struct {
	id int64
	w  float64
}

// NewIndex builds the index of docs.
func NewIndex(docs []Doc) *Index {
	x := &Index{terms: map[string]int32{}, vectors: make(map[int64][]weight, len(docs))}
	counts := make([]map[int32]float64, len(docs))
	var df []int
	stems := stemmer{}
	for i, d := range docs {
		c := map[int32]float64{}
		add := func(text string, times float64) {
			for _, w := range stems.words(text) {
				t, ok := x.terms[w]
				if !ok {
					t = int32(len(x.terms))
					x.terms[w] = t
					df = append(df, 0)
				}
				if c[t] == 0 {
					df[t]++
				}
				c[t] += times
			}
		}
		add(d.Title, titleWeight)
		add(d.Description, 1)
		counts[i] = c
	}
	n := float64(len(docs))
	x.idf = make([]float64, len(df))
	for t, f := range df {
		x.idf[t] = math.Log(1 + n/float64(f))
	}
	x.postings = make([][]posting, len(df))
	for i, d := range docs {
		v := x.vector(counts[i])
		x.vectors[d.ID] = v
		for _, tw := range v {
			x.postings[tw.term] = append(x.postings[tw.term], posting{d.ID, tw.w})
		}
	}
	return x
}

// vector weighs term counts by rarity (sublinear tf × idf) and scales them to unit length,
// so that a long description does not outweigh a short one.
func (x *Index) vector(c map[int32]float64) []weight {
	v := make([]weight, 0, len(c))
	var norm float64
	for t, n := range c {
		w := (1 + math.Log(n)) * x.idf[t]
		v = append(v, weight{t, w})
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for i := range v {
		v[i].w /= norm
	}
	return v
}

// Match is another need and how similar it is, from 0 (nothing shared) to 1 (same words).
type Match struct {
	ID    int64   `json:"id"`
	Score float64 `json:"score"`
}

// Similar returns the needs most like need id, best first: at most limit of them, each
// scoring at least min, skipping those skip reports (dismissed pairs, closed needs).
func (x *Index) Similar(id int64, limit int, min float64, skip func(int64) bool) []Match {
	v, ok := x.vectors[id]
	if !ok {
		return nil
	}
	scores := map[int64]float64{}
	for _, tw := range v {
		for _, p := range x.postings[tw.term] {
			if p.id != id {
				scores[p.id] += tw.w * p.w
			}
		}
	}
	var out []Match
	for other, s := range scores {
		if s >= min && (skip == nil || !skip(other)) {
			out = append(out, Match{other, math.Min(1, math.Round(s*1000)/1000)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].ID < out[j].ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Update returns the index of x's needs with changed ones (new, or with a new title or
// description) indexed again and removed ones gone, without touching x, which readers may
// still hold. Known words keep the rarity x gave them and new words are rated among the
// changed needs alone, so the scores drift a little from a full NewIndex; the caller
// builds anew when many needs changed. Updating costs a fraction of building.
func (x *Index) Update(changed []Doc, removed []int64) *Index {
	y := &Index{terms: make(map[string]int32, len(x.terms)), idf: append([]float64(nil), x.idf...),
		vectors: make(map[int64][]weight, len(x.vectors)+len(changed)), postings: append([][]posting(nil), x.postings...)}
	for w, t := range x.terms {
		y.terms[w] = t
	}
	gone := map[int64]bool{}
	for _, id := range removed {
		gone[id] = true
	}
	for _, d := range changed {
		gone[d.ID] = true
	}
	touched := map[int32]bool{} // terms whose postings must lose the gone needs
	for id, v := range x.vectors {
		if !gone[id] {
			y.vectors[id] = v
			continue
		}
		for _, tw := range v {
			touched[tw.term] = true
		}
	}
	for t := range touched {
		kept := make([]posting, 0, len(y.postings[t]))
		for _, p := range y.postings[t] {
			if !gone[p.id] {
				kept = append(kept, p)
			}
		}
		y.postings[t] = kept
	}
	stems := stemmer{}
	counts := make([]map[int32]float64, len(changed))
	newDF := map[int32]int{}
	for i, d := range changed {
		c := map[int32]float64{}
		add := func(text string, times float64) {
			for _, w := range stems.words(text) {
				t, ok := y.terms[w]
				if !ok {
					t = int32(len(y.idf))
					y.terms[w] = t
					y.idf = append(y.idf, 0)
					y.postings = append(y.postings, nil)
				}
				if c[t] == 0 && y.idf[t] == 0 {
					newDF[t]++
				}
				c[t] += times
			}
		}
		add(d.Title, titleWeight)
		add(d.Description, 1)
		counts[i] = c
	}
	n := float64(len(y.vectors) + len(changed))
	for t, f := range newDF {
		y.idf[t] = math.Log(1 + n/float64(f))
	}
	for i, d := range changed {
		v := y.vector(counts[i])
		y.vectors[d.ID] = v
		for _, tw := range v {
			// Appending to a list x shares would write into x's array: copy it first.
			if !touched[tw.term] {
				y.postings[tw.term] = append([]posting(nil), y.postings[tw.term]...)
				touched[tw.term] = true
			}
			y.postings[tw.term] = append(y.postings[tw.term], posting{d.ID, tw.w})
		}
	}
	return y
}

// Contains reports whether need id has every one of words (as Words gives them), for
// searching needs by text in any form of their words.
func (x *Index) Contains(id int64, words []string) bool {
	v := x.vectors[id]
	for _, w := range words {
		t, ok := x.terms[w]
		if !ok || !slices.ContainsFunc(v, func(tw weight) bool { return tw.term == t }) {
			return false
		}
	}
	return true
}

// Len is how many needs the index holds.
func (x *Index) Len() int { return len(x.vectors) }
