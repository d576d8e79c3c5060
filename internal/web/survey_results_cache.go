package web

import (
	"container/list"
	"errors"
	"html/template"
	"sync"
)

// surveyResultsCache keeps the results pages' question sections as rendered: a hundred
// questions' tables and bar charts by peer group took most of the page's time
// (BenchmarkSurveyResults), and they change only when the results do. A section is kept
// under its survey's survey.ResultsStamp with the grouping, the language and the page of
// questions, so an approval or any other change the results show gives a new key and the
// next request renders anew: nothing kept can be stale, in this process or another, as
// long as the responses it stamps are fresh (the store's kept copies, dropped by the
// change feed). Who may see the results is asked of auth before the cache on every
// request; the section is the same for every reader allowed (results are by peer group).
//
// A section kept under a new stamp drops those of the same survey and grouping under
// older ones, which no request finds again. The keys still grow with what requests ask
// for (groupings, languages, pages), so the cache holds at most surveyResultsCacheBytes:
// the least recently used sections go first, and one larger than an eighth of that is not
// kept. The zero value is ready to use.
type surveyResultsCache struct {
	mu       sync.Mutex
	max      int64 // 0: surveyResultsCacheBytes
	bytes    int64
	entries  map[resultsKey]*list.Element // of *resultsSection
	order    list.List                    // most recently used first
	inflight map[resultsKey]*resultsFlight
}

// resultsKey names a page of a survey's results as rendered.
type resultsKey struct {
	Survey        int64
	Group, Stamp  string // Stamp is survey.ResultsStamp's for the grouping
	Lang          string
	Offset, Limit int
}

// surveyResultsCacheBytes caps the kept sections: a page of 20 questions by county is
// about 100 KB, so this keeps a few hundred pages.
const surveyResultsCacheBytes = 24 << 20

// resultsSection is one page of a survey's results, rendered.
type resultsSection struct {
	key   resultsKey
	Body  template.HTML
	Total int // the results in all, for the pager
}

func (s *resultsSection) size() int64 {
	return int64(len(s.key.Group)+len(s.key.Stamp)+len(s.key.Lang)+len(s.Body)) + 128
}

// resultsFlight is a rendering in progress, which the requests for the same key wait for
// rather than each render it.
type resultsFlight struct {
	done chan struct{}
	sec  resultsSection
	err  error
}

var errResultsPanicked = errors.New("web: rendering survey results panicked")

// get returns the section kept under key, rendered first by render when it is missing.
func (c *surveyResultsCache) get(key resultsKey, render func() (resultsSection, error)) (resultsSection, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		c.order.MoveToFront(e)
		sec := *e.Value.(*resultsSection)
		c.mu.Unlock()
		return sec, nil
	}
	if f, ok := c.inflight[key]; ok {
		c.mu.Unlock()
		<-f.done
		return f.sec, f.err
	}
	f := &resultsFlight{done: make(chan struct{}), err: errResultsPanicked}
	if c.inflight == nil {
		c.inflight = map[resultsKey]*resultsFlight{}
	}
	c.inflight[key] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.inflight, key)
		if f.err == nil {
			c.keep(key, f.sec)
		}
		c.mu.Unlock()
		close(f.done)
	}()
	f.sec, f.err = render()
	return f.sec, f.err
}

// keep stores sec under key, dropping the sections key's stamp supersedes and the least
// recently used past the cap. c.mu is held.
func (c *surveyResultsCache) keep(key resultsKey, sec resultsSection) {
	limit := c.max
	if limit <= 0 {
		limit = surveyResultsCacheBytes
	}
	sec.key = key
	e := &sec
	if e.size() > limit/8 {
		return
	}
	if c.entries == nil {
		c.entries = map[resultsKey]*list.Element{}
	}
	for k, old := range c.entries {
		if k.Survey == key.Survey && k.Group == key.Group && k.Stamp != key.Stamp {
			c.remove(old)
		}
	}
	c.entries[key] = c.order.PushFront(e)
	c.bytes += e.size()
	for c.bytes > limit {
		c.remove(c.order.Back())
	}
}

// remove drops a kept section. c.mu is held.
func (c *surveyResultsCache) remove(e *list.Element) {
	old := e.Value.(*resultsSection)
	c.order.Remove(e)
	delete(c.entries, old.key)
	c.bytes -= old.size()
}

// len is how many sections are kept and their bytes, for tests.
func (c *surveyResultsCache) len() (int, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries), c.bytes
}
