package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/municipality"
)

// getWith fetches u with the request headers given in pairs and returns the response's
// status, header and body.
func getWith(t testing.TB, c *http.Client, u string, header ...string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

// TestViewerCacheKeepsViewersApart: the signed-in viewers' cache keeps a municipality's page
// (its ETag says it comes from the cache), yet each viewer gets their own: the
// municipality's editor with the edit button, another municipality's editor and a reader
// without it, each with their own name, however often they take turns.
func TestViewerCacheKeepsViewersApart(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		type viewer struct {
			u       auth.User
			c       *http.Client
			canEdit bool
		}
		var viewers []viewer
		for _, v := range []struct {
			email string
			role  auth.Role
			ehak  string
			edit  bool
		}{
			{"mari@tallinn.test", auth.RoleEditor, "0784", true},
			{"jaan@tartu.test", auth.RoleEditor, "0793", false},
			{"liis@ministeerium.test", auth.RoleReader, "", false},
			{"koordinaator@kovit.test", auth.RoleCoordinator, "", true},
		} {
			u := a.user(t, v.email, v.role, v.ehak)
			viewers = append(viewers, viewer{u, a.as(t, u), v.edit})
		}
		const page, edit = "/municipalities/0784", `href="/municipalities/0784/edit"`
		etags := map[string]bool{}
		for round := range 3 {
			for _, v := range viewers {
				status, h, body := getWith(t, v.c, a.URL+page)
				if status != http.StatusOK {
					t.Fatalf("round %d, %s: %d", round, v.u.Email, status)
				}
				if !strings.Contains(body, ">"+v.u.Name+"</a>") {
					t.Errorf("round %d, %s: the page does not name its viewer", round, v.u.Email)
				}
				for _, other := range viewers {
					if other.u.ID != v.u.ID && strings.Contains(body, ">"+other.u.Name+"</a>") {
						t.Errorf("round %d, %s got %s's page", round, v.u.Email, other.u.Email)
					}
				}
				if got := strings.Contains(body, edit); got != v.canEdit {
					t.Errorf("round %d, %s: edit button %v, want %v", round, v.u.Email, got, v.canEdit)
				}
				if round > 0 {
					etag := h.Get("ETag")
					if etag == "" {
						t.Errorf("round %d, %s: no ETag: the page was not kept", round, v.u.Email)
					}
					etags[v.u.Email+etag] = true
				}
			}
		}
		if len(etags) != len(viewers) {
			t.Errorf("%d ETags over two rounds of %d viewers, want one each: %v", len(etags), len(viewers), etags)
		}
		// Not the page of a municipality elsewhere: its address is part of the key.
		if _, _, body := getWith(t, viewers[0].c, a.URL+"/municipalities/0793"); strings.Contains(body, edit) || !strings.Contains(body, "Tartu") {
			t.Errorf("Tartu's page as Tallinn's editor is Tallinn's or editable")
		}
		// In the other language, the page in that language.
		if _, _, body := getWith(t, viewers[0].c, a.URL+page+"?lang=en"); !strings.Contains(body, `lang="en"`) {
			t.Errorf("the English page is not in English")
		}
		if _, _, body := getWith(t, viewers[0].c, a.URL+page+"?lang=et"); !strings.Contains(body, `lang="et"`) {
			t.Errorf("the Estonian page is not in Estonian")
		}
	})
}

// TestViewerCacheShowsChangesAtOnce: a kept signed-in page answers a conditional request
// with 304; an editor's change through a form is on their very next request (with the
// one-time "saved" message, which is then not shown again), and a change made past the
// web server (a job, or another process, which the store hears of) on everyone's next.
func TestViewerCacheShowsChangesAtOnce(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		editor := a.user(t, "mari@tallinn.test", auth.RoleEditor, "0784")
		reader := a.user(t, "liis@ministeerium.test", auth.RoleReader, "")
		ce, cr := a.as(t, editor), a.as(t, reader)
		const page = "/municipalities/0784"
		for _, c := range []*http.Client{ce, cr, ce, cr} {
			getWith(t, c, a.URL+page)
		}
		_, h, _ := getWith(t, ce, a.URL+page)
		etag := h.Get("ETag")
		if status, _, _ := getWith(t, ce, a.URL+page, "If-None-Match", etag); etag == "" || status != http.StatusNotModified {
			t.Fatalf("conditional GET of a kept page with %q: %d, want 304", etag, status)
		}

		m, err := a.store.Municipality(context.Background(), "0784")
		if err != nil {
			t.Fatal(err)
		}
		const site = "https://www.tallinn.ee/vaadatud"
		status, _ := postForm(t, ce, a.URL+page+"/edit", url.Values{"website": {site}, "version": {strconv.Itoa(m.Version)}})
		if status != http.StatusSeeOther {
			t.Fatalf("saving: %d", status)
		}
		status, h, body := getWith(t, ce, a.URL+page)
		if status != http.StatusOK || !strings.Contains(body, site) || !strings.Contains(body, `class="flash"`) {
			t.Errorf("the editor's next request after saving: %d, website shown %v, saved message %v",
				status, strings.Contains(body, site), strings.Contains(body, `class="flash"`))
		}
		if h.Get("ETag") == etag {
			t.Errorf("the page before the change was served after it")
		}
		for range 2 {
			if _, _, body := getWith(t, ce, a.URL+page); !strings.Contains(body, site) || strings.Contains(body, `class="flash"`) {
				t.Errorf("after the saved message: website shown %v, message shown again %v", strings.Contains(body, site), strings.Contains(body, `class="flash"`))
			}
		}
		if status, _, _ := getWith(t, ce, a.URL+page, "If-None-Match", etag); status != http.StatusOK {
			t.Errorf("conditional GET with the ETag of before the change: %d, want 200", status)
		}
		if _, _, body := getWith(t, cr, a.URL+page); !strings.Contains(body, site) {
			t.Errorf("the reader's next request does not show the editor's change")
		}

		// A change the web server did not make: the store tells the caches.
		m, err = a.store.Municipality(context.Background(), "0784")
		if err != nil {
			t.Fatal(err)
		}
		const later = "https://www.tallinn.ee/hiljem"
		if _, err := a.store.UpdateDetails(context.Background(), "0784", municipality.Details{Website: later, Contact: m.Contact, Version: m.Version}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []*http.Client{ce, cr} {
			if _, _, body := getWith(t, c, a.URL+page); !strings.Contains(body, later) {
				t.Errorf("a change past the web server is not on the next request")
			}
		}
	})
}
