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
	get := func(key string, size int) resultsSection {
		t.Helper()
		sec, err := c.get(key, func() (resultsSection, error) {
			renders[key]++
			return resultsSection{Body: template.HTML(strings.Repeat("x", size)), Total: size}, nil
		})
		if err != nil || sec.Total != size {
			t.Fatalf("%s: %+v %v", key, sec.Total, err)
		}
		return sec
	}
	get("a", 900)
	get("a", 900)
	if renders["a"] != 1 {
		t.Errorf("a rendered %d times", renders["a"])
	}
	for _, k := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		get(k, 900)
		get("a", 900) // a stays the most recently used
	}
	n, bytes := c.len()
	if bytes > 8<<10 || n != 8 {
		t.Errorf("kept %d sections, %d bytes", n, bytes)
	}
	get("i", 900)
	if get("a", 900); renders["a"] != 1 {
		t.Error("the most recently used was dropped")
	}
	if get("b", 900); renders["b"] != 2 {
		t.Error("the least recently used was kept past the cap")
	}
	get("big", 1100)
	get("big", 1100)
	if renders["big"] != 2 {
		t.Error("a section over an eighth of the cap was kept")
	}
	fails := 0
	for range 2 {
		if _, err := c.get("bad", func() (resultsSection, error) { fails++; return resultsSection{}, errors.New("x") }); err == nil {
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
			sec, err := c.get("k", func() (resultsSection, error) {
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
		waiting := c.inflight["k"] != nil
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
