package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/need"
)

// TestDeskWaitingCountsDuplicates: the coordinator's count beside the desk in the
// navigation holds the suggested duplicate pairs besides the needs to review, and follows
// a new need and a dismissal at once, though it is kept between pages.
func TestDeskWaitingCountsDuplicates(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		var ids []int64
		for _, x := range []struct{ ehak, description string }{
			{"0793", "Vana dokumendihaldussüsteem vajab asendamist pilvelahendusega."},
			{"0171", "Meie vana dokumendihaldussüsteem vajab asendamist."},
		} {
			n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: x.ehak, Title: "Dokumendihaldussüsteemi uuendamine",
				Description: x.description, Category: need.CatRecords})
			if err != nil {
				t.Fatal(err)
			}
			if _, err = a.store.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, n.ID)
		}
		c := a.as(t, coord)
		badge := func() string {
			t.Helper()
			_, body := get(t, c, a.URL+"/municipalities")
			_, rest, _ := strings.Cut(body, `<span class="badge">`)
			count, _, _ := strings.Cut(rest, "</span>")
			return count
		}
		// Two needs to review and the pair they make.
		if got := badge(); got != "3 ootab" {
			t.Errorf("before dismissing: %q", got)
		}
		dismiss := "/needs/" + itoa(ids[0]) + "/suggestions/" + itoa(ids[1]) + "/dismiss"
		if s, _ := postForm(t, c, a.URL+dismiss, url.Values{"back": {"/desk"}}); s != http.StatusSeeOther {
			t.Fatalf("dismiss: %d", s)
		}
		if got := badge(); got != "2 ootab" {
			t.Errorf("after dismissing: %q", got)
		}
		// The count is kept between pages: a new need joins it at once, with the pairs it
		// makes with the two (the dismissed pair stays off), and so does its dismissal.
		n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", Title: "Dokumendihaldussüsteemi uuendamine",
			Description: "Vana dokumendihaldussüsteem vajab asendamist.", Category: need.CatRecords})
		if err != nil {
			t.Fatal(err)
		}
		if got := badge(); got != "2 ootab" {
			t.Errorf("with a draft besides: %q", got)
		}
		if _, err = a.store.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
			t.Fatal(err)
		}
		if got := badge(); got != "5 ootab" {
			t.Errorf("with the new need submitted: %q", got)
		}
		dismiss = "/needs/" + itoa(n.ID) + "/suggestions/" + itoa(ids[0]) + "/dismiss"
		if s, _ := postForm(t, c, a.URL+dismiss, url.Values{"back": {"/desk"}}); s != http.StatusSeeOther {
			t.Fatalf("dismiss: %d", s)
		}
		if got := badge(); got != "4 ootab" {
			t.Errorf("after dismissing the new need's pair: %q", got)
		}
	})
}
