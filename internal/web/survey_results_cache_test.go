package web

import (
	"errors"
	"html/template"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestSurveyResultsCache: a section is rendered once per key and kept, the least recently
// used go first past the byte cap, one over an eighth of the cap and a failed rendering
// are not kept, and requests for a section being rendered wait for it.
func TestSurveyResultsCache(t *testing.T) {
	c := &surveyResultsCache{max: 8 << 10}
	renders := map[string]int{}
	get := func(name string, size int) resultsSection {
		t.Helper()
		key := resultsKey{Survey: 1, Group: "type", Stamp: "s", Lang: name}
		sec, err := c.get(key, func() (resultsSection, error) {
			renders[name]++
			return resultsSection{Body: template.HTML(strings.Repeat("x", size)), Total: size}, nil
		})
		if err != nil || sec.Total != size {
			t.Fatalf("%s: %+v %v", name, sec.Total, err)
		}
		return sec
	}
	get("a", 850)
	get("a", 850)
	if renders["a"] != 1 {
		t.Errorf("a rendered %d times", renders["a"])
	}
	for _, k := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		get(k, 850)
		get("a", 850) // a stays the most recently used
	}
	n, bytes := c.len()
	if bytes > 8<<10 || n != 8 {
		t.Errorf("kept %d sections, %d bytes", n, bytes)
	}
	get("i", 850)
	if get("a", 850); renders["a"] != 1 {
		t.Error("the most recently used was dropped")
	}
	if get("b", 850); renders["b"] != 2 {
		t.Error("the least recently used was kept past the cap")
	}
	get("big", 1100)
	get("big", 1100)
	if renders["big"] != 2 {
		t.Error("a section over an eighth of the cap was kept")
	}
	fails := 0
	for range 2 {
		if _, err := c.get(resultsKey{Lang: "bad"}, func() (resultsSection, error) { fails++; return resultsSection{}, errors.New("x") }); err == nil {
			t.Error("no error")
		}
	}
	if fails != 2 {
		t.Error("a failed rendering was kept")
	}
}

func TestSurveyResultsCacheOneRendering(t *testing.T) {
	var c surveyResultsCache
	var renders atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			sec, err := c.get(resultsKey{Survey: 1}, func() (resultsSection, error) {
				renders.Add(1)
				<-release
				return resultsSection{Body: "<p>x</p>", Total: 1}, nil
			})
			if err != nil || sec.Body != "<p>x</p>" {
				t.Errorf("%+v %v", sec, err)
			}
		})
	}
	for {
		c.mu.Lock()
		waiting := c.inflight[resultsKey{Survey: 1}] != nil
		c.mu.Unlock()
		if waiting {
			break
		}
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Errorf("rendered %d times", n)
	}
}

// TestSurveyResultsCacheNewStamp: a section kept under a new stamp drops the same survey
// and grouping's under the old one, and no other.
func TestSurveyResultsCacheNewStamp(t *testing.T) {
	var c surveyResultsCache
	keys := []resultsKey{{Survey: 1, Group: "type", Stamp: "old", Lang: "et"}, {Survey: 1, Group: "type", Stamp: "old", Lang: "en", Offset: 20},
		{Survey: 1, Group: "county", Stamp: "c", Lang: "et"}, {Survey: 2, Group: "type", Stamp: "old", Lang: "et"}}
	for _, k := range keys {
		c.get(k, func() (resultsSection, error) { return resultsSection{Body: "<p>x</p>"}, nil })
	}
	c.get(resultsKey{Survey: 1, Group: "type", Stamp: "new", Lang: "et"}, func() (resultsSection, error) { return resultsSection{Body: "<p>y</p>"}, nil })
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, k := range keys {
		if _, kept := c.entries[k]; kept != (i >= 2) {
			t.Errorf("%+v kept: %v", k, kept)
		}
	}
	var bytes int64
	for e := c.order.Front(); e != nil; e = e.Next() {
		bytes += e.Value.(*resultsSection).size()
	}
	if len(c.entries) != 3 || c.order.Len() != 3 || c.bytes != bytes {
		t.Errorf("%d kept, %d in order, %d bytes counted of %d", len(c.entries), c.order.Len(), c.bytes, bytes)
	}
}
