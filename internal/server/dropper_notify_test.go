package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kovit/internal/notify"
)

// TestDropperNotificationsOnlyViewers: new notifications alone (a job's) empty the signed-
// in viewers' cache, whose pages carry the unread count, and leave the anonymous cache,
// whose public pages show none; any other kind with them empties both.
func TestDropperNotificationsOnlyViewers(t *testing.T) {
	version := 0
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		KeepForViewer(r)
		w.Header().Set("Cache-Control", "public, max-age=1")
		fmt.Fprint(w, version)
	})
	d := &Dropper{}
	h := Handler(mux, Options{SessionCookie: "kovit_session", CacheTTL: time.Hour, Dropper: d,
		ViewerKey: func(r *http.Request) string { return r.Header.Get("Viewer") }})
	get := func(signedIn bool) string {
		req := httptest.NewRequest("GET", "/page", nil)
		if signedIn {
			req.Header.Set("Cookie", "kovit_session=x")
			req.Header.Set("Viewer", "mari")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	get(false)
	get(true)
	for _, step := range []struct {
		kinds               []string
		anonymous, signedIn string
	}{
		{[]string{notify.ChangeKind}, "0", "1"},
		{[]string{notify.ChangeKind, "service_cell"}, "2", "2"},
		{nil, "3", "3"},
	} {
		version++
		d.Drop(step.kinds)
		if got := get(false); got != step.anonymous {
			t.Errorf("after %v: the public page %q, want %q", step.kinds, got, step.anonymous)
		}
		if got := get(true); got != step.signedIn {
			t.Errorf("after %v: the signed-in page %q, want %q", step.kinds, got, step.signedIn)
		}
	}
}
