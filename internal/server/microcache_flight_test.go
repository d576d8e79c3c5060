package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRenderedOnce: when a kept page expires under load, one request renders it and the
// others wait for it; a change while it renders keeps that rendering out of the cache.
func TestRenderedOnce(t *testing.T) {
	var mu sync.Mutex
	renders, version := 0, 0
	gate := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		renders++
		v := version
		mu.Unlock()
		<-gate
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Cache-Control", "public")
		fmt.Fprint(w, v, page)
	})
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		version++
		mu.Unlock()
	})
	h := newMicrocache(time.Hour, "kovit_session", "", 0).handler(mux)
	var wg sync.WaitGroup
	bodies := make([]string, 16)
	for i := range bodies {
		wg.Go(func() {
			req := httptest.NewRequest("GET", "/slow", nil)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			bodies[i] = rec.Body.String()
		})
	}
	time.Sleep(100 * time.Millisecond) // let them all arrive
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/change", nil))
	close(gate)
	wg.Wait()
	mu.Lock()
	if renders > 1+15 || renders < 2 {
		t.Errorf("%d renderings", renders)
	}
	mu.Unlock()
	// Rendered before the change: the waiters rendered again, and the cache holds the new one.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/slow", nil))
	if !strings.HasPrefix(rec.Body.String(), "1") {
		t.Errorf("after the change the cache answers %.10q", rec.Body.String())
	}

	renders = 0
	h2 := newMicrocache(time.Hour, "kovit_session", "", 0).handler(mux)
	for i := range bodies {
		wg.Go(func() {
			rec := httptest.NewRecorder()
			h2.ServeHTTP(rec, httptest.NewRequest("GET", "/slow", nil))
			bodies[i] = rec.Body.String()
		})
	}
	wg.Wait()
	if renders != 1 {
		t.Errorf("16 concurrent requests for one page rendered it %d times", renders)
	}
	for _, b := range bodies {
		if b != bodies[0] || !strings.HasSuffix(b, page) {
			t.Errorf("a waiting request got %.20q", b)
		}
	}
}

// TestExpiredServedWhileRendered: while an expired page is rendered again, other requests
// get the expired copy at once rather than wait; after a change nobody gets it.
func TestExpiredServedWhileRendered(t *testing.T) {
	var mu sync.Mutex
	version := 0
	gate := make(chan struct{}, 1)
	gate <- struct{}{} // the first rendering passes
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p", func(w http.ResponseWriter, r *http.Request) {
		<-gate
		mu.Lock()
		v := version
		mu.Unlock()
		w.Header().Set("Cache-Control", "public")
		fmt.Fprint(w, v)
	})
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) {})
	c := newMicrocache(50*time.Millisecond, "kovit_session", "", 0)
	h := c.handler(mux)
	get := func() string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/p", nil))
		return rec.Body.String()
	}
	if get() != "0" {
		t.Fatal("first")
	}
	mu.Lock()
	version = 1
	mu.Unlock()
	time.Sleep(60 * time.Millisecond) // expired, not yet dropped
	leader := make(chan string)
	go func() { leader <- get() }()
	time.Sleep(20 * time.Millisecond) // the leader is rendering, held at the gate
	if got := get(); got != "0" {
		t.Errorf("while the page is rendered again: %q, want the expired copy", got)
	}
	gate <- struct{}{}
	if got := <-leader; got != "1" {
		t.Errorf("the rendering request: %q", got)
	}
	if got := get(); got != "1" {
		t.Errorf("after the rendering: %q", got)
	}
	time.Sleep(60 * time.Millisecond)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/change", nil))
	go func() { leader <- get() }()
	time.Sleep(20 * time.Millisecond)
	waited := make(chan string)
	go func() { waited <- get() }()
	select {
	case got := <-waited:
		t.Errorf("after a change, a request got %q without waiting for the rendering", got)
	case <-time.After(50 * time.Millisecond):
	}
	gate <- struct{}{}
	<-leader
	if got := <-waited; got != "1" {
		t.Errorf("after a change: %q", got)
	}
}
