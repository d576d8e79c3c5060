package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/notify"
)

// unreadBadge is the navigation's unread count as the layout shows it.
const unreadBadge = `<span class="count">`

// TestViewerCacheShowsJobNotification: a notification a scheduled job makes, with no
// audited change beside it, is in the viewer's unread count on their next request, not
// after the viewers' cache's expiry; a job whose notification was made already (its key)
// leaves the kept page as it is.
func TestViewerCacheShowsJobNotification(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		editor := a.user(t, "mari@tallinn.test", auth.RoleEditor, "0784")
		c := a.as(t, editor)
		const page = "/municipalities/0784"
		getWith(t, c, a.URL+page)
		_, h, body := getWith(t, c, a.URL+page)
		etag := h.Get("ETag")
		if etag == "" || strings.Contains(body, unreadBadge) {
			t.Fatalf("before the job: kept %v, unread shown %v", etag != "", strings.Contains(body, unreadBadge))
		}
		ev := notify.Event{Kind: notify.RoundClosing7, Entity: "need_round", EntityID: "1", Municipality: "0784",
			Title: "Vajaduste voor sulgub 7 päeva pärast", Key: "round-1-closing-7"}
		if err := a.store.Emit(context.Background(), []notify.Event{ev}); err != nil {
			t.Fatal(err)
		}
		_, h, body = getWith(t, c, a.URL+page)
		if !strings.Contains(body, unreadBadge) || h.Get("ETag") == etag {
			t.Fatalf("the request after the job's notification: unread shown %v, the page of before %v",
				strings.Contains(body, unreadBadge), h.Get("ETag") == etag)
		}
		_, h, _ = getWith(t, c, a.URL+page)
		kept := h.Get("ETag")
		if err := a.store.Emit(context.Background(), []notify.Event{ev}); err != nil {
			t.Fatal(err)
		}
		if _, h, _ := getWith(t, c, a.URL+page); kept == "" || h.Get("ETag") != kept {
			t.Errorf("a job that notified no one emptied the cache: ETag %q, then %q", kept, h.Get("ETag"))
		}
	})
}

// TestViewerCacheNotificationAcrossProcesses: a notification made by another process
// (here the test's own store on the same PostgreSQL database) is in the unread count of a
// page that process B kept, on B's next request.
func TestViewerCacheNotificationAcrossProcesses(t *testing.T) {
	postgresOnly(t, func(t *testing.T) {
		store := sharedDatabase(t)
		b := startProcess(t, kovitBin(t), "B", store.DSN())
		b.ready(t)
		jar := (&testApp{}).client(t)
		if status, _ := postForm(t, jar, b.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"admin-parool-1"}}); status != http.StatusSeeOther {
			t.Fatalf("sign in on B: %d", status)
		}
		admin, err := store.UserByEmail(context.Background(), "admin@kovit.test")
		if err != nil {
			t.Fatal(err)
		}
		// Listening, the test's store waits at commit for B to have heard of it, as a
		// kovit process does.
		ctx, stop := context.WithCancel(context.Background())
		defer stop()
		go store.Listen(ctx, slog.New(slog.DiscardHandler))
		for !store.Listening() {
			time.Sleep(10 * time.Millisecond)
		}
		const page = "/municipalities/0784"
		getWith(t, jar, b.URL+page)
		if _, h, body := getWith(t, jar, b.URL+page); h.Get("ETag") == "" || strings.Contains(body, unreadBadge) {
			t.Fatalf("B did not keep the page, or it shows unread notifications already")
		}
		if err := store.Emit(context.Background(), []notify.Event{{Kind: notify.ActivityContact, Entity: "plan_node", EntityID: "1",
			Users: []int64{admin.ID}, Title: "Tegevuse kontaktisik"}}); err != nil {
			t.Fatal(err)
		}
		if _, _, body := getWith(t, jar, b.URL+page); !strings.Contains(body, unreadBadge) {
			t.Errorf("a notification made elsewhere is not in B's next page's unread count")
		}
	})
}
