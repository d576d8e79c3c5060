package sqlstore

import (
	"sync"

	"kovit/internal/landscape"
)

// practiceTermsCap bounds the bytes of stems practiceTerms keeps; 2,000 practices of a
// page each take about 1 MiB.
const practiceTermsCap = 8 << 20

// practiceTerms keeps each practice's search stems by id and version: stemming every
// practice's texts on every search is most of a search's time. A practice's texts change
// only with its version, so an entry is never out of date, in this process or another;
// versions left behind are dropped when the cap is reached.
type practiceTerms struct {
	mu    sync.Mutex
	terms map[practiceKey][]string
	bytes int
}

type practiceKey struct {
	id      int64
	version int
}

// of is practice p's stems; nil when the query is empty and needs none.
func (c *practiceTerms) of(p landscape.Practice, none bool) []string {
	if none {
		return nil
	}
	k := practiceKey{p.ID, p.Version}
	c.mu.Lock()
	t, ok := c.terms[k]
	c.mu.Unlock()
	if ok {
		return t
	}
	t = p.SearchTerms()
	n := 0
	for _, w := range t {
		n += len(w) + 16
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.terms == nil || c.bytes+n > practiceTermsCap {
		c.terms, c.bytes = map[practiceKey][]string{}, 0
	}
	if n <= practiceTermsCap {
		c.terms[k], c.bytes = t, c.bytes+n
	}
	return t
}
