package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestViewerCacheAcrossProcesses: a signed-in page kept by process B shows a change made
// through process A on the very next request to B, as the anonymous cache does
// (TestTwoProcesses): B hears of it through PostgreSQL and empties its viewers' cache.
func TestViewerCacheAcrossProcesses(t *testing.T) {
	postgresOnly(t, func(t *testing.T) {
		store := sharedDatabase(t)
		bin := kovitBin(t)
		a, b := startProcess(t, bin, "A", store.DSN()), startProcess(t, bin, "B", store.DSN())
		a.ready(t)
		b.ready(t)
		jar := (&testApp{}).client(t) // the jar keys cookies by host, and both are 127.0.0.1
		if status, _ := postForm(t, jar, b.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"admin-parool-1"}}); status != http.StatusSeeOther {
			t.Fatalf("sign in on B: %d", status)
		}
		status, body := postForm(t, jar, a.URL+"/account/tokens", url.Values{"name": {"vaatajate vahemälu"}})
		m := newTokenRe.FindStringSubmatch(body)
		if status != http.StatusCreated || m == nil {
			t.Fatalf("token on A: %d %.500s", status, body)
		}
		const page = "/municipalities/0784"
		public := (&testApp{}).client(t)
		for i, next := range []string{"https://www.tallinn.ee/protsess-1", "https://www.tallinn.ee/protsess-2"} {
			getWith(t, jar, b.URL+page) // the sign-in's message is shown once, then the page is kept
			if _, h, _ := getWith(t, jar, b.URL+page); h.Get("ETag") == "" {
				t.Fatalf("change %d: B did not keep the signed-in page", i)
			}
			_, version := websiteOf(t, public, a.URL, "0784")
			setWebsiteVia(t, a.URL, m[1], "0784", next, version)
			if status, _, body := getWith(t, jar, b.URL+page); status != http.StatusOK || !strings.Contains(body, next) {
				t.Errorf("change %d through A: B's signed-in page lacks it (%d)", i, status)
			}
		}
	})
}
