package sqlstore

import (
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"kovit/internal/municipality"
	"kovit/internal/need"
)

// needCopy is every need kept in memory with the similarity index over them: suggesting
// duplicates compares a need with all others, and ranking consolidated needs sums the
// needs behind each, which reading thousands of rows per request would make slow. It is
// never modified after loading.
type needCopy struct {
	needs []need.Need // by id
	byID  map[int64]int
	once  sync.Once // builds index on first use: lists do not need it
	index atomic.Pointer[need.Index]

	titleOnce sync.Once // builds titleKeys on first sort by title
	titleKeys map[int64]string

	queued atomic.Pointer[queuedCount] // the queued duplicate pairs' count (need_duplicates_count.go)
}

// titleKey is a need's title as municipality.SortKey orders it (Estonian alphabet).
func (c *needCopy) titleKey(n need.Need) string {
	c.titleOnce.Do(func() {
		c.titleKeys = make(map[int64]string, len(c.needs))
		for _, n := range c.needs {
			c.titleKeys[n.ID] = municipality.SortKey(n.Title)
		}
	})
	return c.titleKeys[n.ID]
}

func (s *Store) needCopy(ctx context.Context) (*needCopy, error) {
	return s.needs.get(ctx, func(ctx context.Context, last *needCopy, _ bool) (*needCopy, error) {
		cp, err := loadNeeds(ctx, s)
		if err != nil {
			return nil, err
		}
		if last != nil {
			cp.inheritIndex(last)
		}
		return cp, nil
	})
}

func loadNeeds(ctx context.Context, s *Store) (*needCopy, error) {
	needs, byID, err := needsFrom(ctx, s, "", "")
	if err != nil {
		return nil, err
	}
	return &needCopy{needs: needs, byID: byID}, nil
}

// indexed returns the similarity index, building it the first time it is asked for.
func (c *needCopy) indexed() *need.Index {
	c.once.Do(func() {
		docs := make([]need.Doc, len(c.needs))
		for i, n := range c.needs {
			docs[i] = need.Doc{ID: n.ID, Title: n.Title, Description: n.Description}
		}
		c.index.Store(need.NewIndex(docs))
	})
	return c.index.Load()
}

// inheritIndex carries old's similarity index over to c. Most changes move a need through
// its workflow or link it, leaving every text as it was: the index is taken as it is. A
// few new or edited needs are indexed again (need.Index.Update) rather than all of them,
// which would cost more than everything else a suggestion does; with many changes the
// index is built anew on first use.
func (c *needCopy) inheritIndex(old *needCopy) {
	index := old.index.Load()
	if index == nil {
		return
	}
	var changed []need.Doc
	for _, n := range c.needs {
		i, ok := old.byID[n.ID]
		if !ok || old.needs[i].Title != n.Title || old.needs[i].Description != n.Description {
			changed = append(changed, need.Doc{ID: n.ID, Title: n.Title, Description: n.Description})
		}
	}
	var removed []int64
	for _, o := range old.needs {
		if _, ok := c.byID[o.ID]; !ok {
			removed = append(removed, o.ID)
		}
	}
	switch {
	case len(changed)+len(removed) == 0:
	case (len(changed)+len(removed))*10 > len(c.needs):
		// Built anew on first use: the old index's search for likely pairs, if it is
		// still running, would be minutes of work nobody reads.
		index.Retire()
		return
	default:
		index = index.Update(changed, removed)
	}
	c.once.Do(func() { c.index.Store(index) })
}

// matcher returns whether a need passes f.
func (c *needCopy) matcher(f need.Filter) func(need.Need) bool {
	var query []string
	var index *need.Index
	if strings.TrimSpace(f.Query) != "" {
		index, query = c.indexed(), need.Words(f.Query)
	}
	return func(n need.Need) bool {
		switch {
		case f.MunicipalityEHAK != "" && n.MunicipalityEHAK != f.MunicipalityEHAK,
			len(f.Municipalities) > 0 && !slices.Contains(f.Municipalities, n.MunicipalityEHAK),
			f.RoundID != 0 && (n.RoundID == nil || *n.RoundID != f.RoundID),
			len(f.States) > 0 && !slices.Contains(f.States, n.State),
			f.SubmittedOnly && n.State.Editable(),
			f.Category != "" && n.Category != f.Category,
			f.ConsolidatedID != 0 && (n.ConsolidatedID == nil || *n.ConsolidatedID != f.ConsolidatedID):
			return false
		}
		return query == nil || index.Contains(n.ID, query)
	}
}

// linkedTo returns the needs accepted into consolidated need consolidatedID.
func (c *needCopy) linkedTo(consolidatedID int64) []need.Need {
	var out []need.Need
	for _, n := range c.needs {
		if n.ConsolidatedID != nil && *n.ConsolidatedID == consolidatedID {
			out = append(out, n)
		}
	}
	return out
}
