package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
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

// cached is practice id's stems at version, if they are kept.
func (c *practiceTerms) cached(id int64, version int) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.terms[practiceKey{id, version}]
	return t, ok
}

// ListPractices implements landscape.Store: the library is searched in Go, newest first.
// A first pass reads only what filters and the kept stems need; whole practices are read
// only where the stems are not kept yet (or the query has words too short to stem) and for
// the page asked for. Reading and decoding all 2,000 whole was most of a search's time.
func (s *Store) ListPractices(ctx context.Context, f landscape.PracticeFilter) ([]landscape.Practice, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	words := landscape.NewPracticeQuery(f.Query)
	type candidate struct {
		id      int64
		version int
		known   bool // whether the filters and stems already decided
		match   bool
	}
	rows, err := s.query(ctx, `SELECT id, version, status, tags FROM practices ORDER BY id DESC`)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: practices: %w", err)
	}
	var all []candidate
	var unknown []int64
	for rows.Next() {
		var c candidate
		var status landscape.PracticeStatus
		var tags string
		if err := rows.Scan(&c.id, &c.version, &status, &tags); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if len(f.Statuses) > 0 && !containsStatus(f.Statuses, status) {
			continue
		}
		if f.Tag != "" {
			var list []string
			if err := json.Unmarshal([]byte(tags), &list); err != nil {
				rows.Close()
				return nil, 0, err
			}
			if !containsString(list, f.Tag) {
				continue
			}
		}
		switch terms, ok := s.practiceTerms.cached(c.id, c.version); {
		case words.Empty():
			c.known, c.match = true, true
		case ok && !words.NeedsText():
			c.known, c.match = true, words.MatchesTerms(landscape.Practice{}, terms)
		default:
			unknown = append(unknown, c.id)
		}
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	full, err := practicesByID(ctx, s, unknown)
	if err != nil {
		return nil, 0, err
	}
	var matched []int64
	for _, c := range all {
		if !c.known {
			p, ok := full[c.id]
			c.match = ok && words.MatchesTerms(p, s.practiceTerms.of(p, false))
		}
		if c.match {
			matched = append(matched, c.id)
		}
	}
	page := matched[min(f.Offset, len(matched)):min(f.Offset+f.Limit, len(matched))]
	var missing []int64
	for _, id := range page {
		if _, ok := full[id]; !ok {
			missing = append(missing, id)
		}
	}
	more, err := practicesByID(ctx, s, missing)
	if err != nil {
		return nil, 0, err
	}
	out := make([]landscape.Practice, 0, len(page))
	for _, id := range page {
		p, ok := full[id]
		if !ok {
			if p, ok = more[id]; !ok {
				continue // deleted since the first pass
			}
		}
		out = append(out, p)
	}
	return out, len(matched), nil
}

// practicesByID reads whole practices by id, a few hundred a query.
func practicesByID(ctx context.Context, q querier, ids []int64) (map[int64]landscape.Practice, error) {
	out := make(map[int64]landscape.Practice, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		rows, err := q.query(ctx, `SELECT `+practiceColumns+` FROM practices WHERE id IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: practices: %w", err)
		}
		for rows.Next() {
			p, err := scanPractice(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[p.ID] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}
