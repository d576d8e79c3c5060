package need

import (
	"cmp"
	"container/heap"
	"slices"
)

// bestPairs is Pairs(min) cut to its first k, found while scoring: only the best k are
// held at any time. Needs written from a few templates (a large country's synthetic
// 100,000) pair by the hundred million, and collecting them all before cutting took some
// 10 GB.
func (x *Index) bestPairs(min float64, k int) []Pair {
	if k <= 0 {
		return nil
	}
	b := best{k: k}
	x.eachPair(min, b.add)
	return b.list()
}

// best keeps the best k pairs of those added.
type best struct {
	k int
	h worstFirst
}

func (b *best) add(p Pair) {
	switch {
	case b.h.Len() < b.k:
		heap.Push(&b.h, p)
	case better(p, b.h[0]):
		b.h[0] = p
		heap.Fix(&b.h, 0)
	}
}

// list is the pairs kept, best first.
func (b *best) list() []Pair {
	out := []Pair(b.h)
	slices.SortFunc(out, pairOrder)
	return slices.Clip(out)
}

// pairOrder is Pairs' order: best first, then by the needs' ids.
func pairOrder(p, q Pair) int {
	return cmp.Or(cmp.Compare(q.Score, p.Score), cmp.Compare(p.A, q.A), cmp.Compare(p.B, q.B))
}

func better(p, q Pair) bool { return pairOrder(p, q) < 0 }

// worstFirst is a heap of pairs whose top is the worst kept, the one a better pair replaces.
type worstFirst []Pair

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return better(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(p any)        { *h = append(*h, p.(Pair)) }
func (h *worstFirst) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}
