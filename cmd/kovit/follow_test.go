package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/follow"
	"kovit/internal/plan"
)

// changeLinks are the links of a desk's changes, sorted.
func changeLinks(d deskJSON) []string {
	var out []string
	for _, i := range d.Items {
		out = append(out, i.Link)
	}
	slices.Sort(out)
	return out
}

// TestFollow: a reader follows Tallinn from its page and its desk lists only Tallinn's
// changes; a followed service and strategy add theirs; unfollowing everything from the
// settings page brings every readable change back. Following a strategy one may not read
// answers as a missing one, and an unknown thing is refused naming the field.
func TestFollow(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		reader := a.user(t, "rein@min.test", auth.RoleReader, "")
		tartuEditor := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		asCoord := auth.WithUser(ctx, &coord)
		national, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Draft}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		tallinnOrg := municipalityOrg(t, a, "0784")
		tallinnPlan, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "Tallinna IT-plaan", StartYear: 2026, EndYear: 2027,
			Status: plan.Draft, OwnerID: &tallinnOrg}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.Visit(ctx, reader.ID, time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		for _, c := range [][2]string{{"0784", "SOC-001"}, {"0793", "SOC-001"}, {"0793", "BLD-001"}} {
			if _, err := a.store.SaveCell(ctx, c[0], c[1], eservice.CellInput{Offering: eservice.NotApplicable}); err != nil {
				t.Fatal(err)
			}
		}
		act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: national.ID, Kind: plan.Activity, Code: "1", TitleEt: "Ühishange"})
		if err != nil {
			t.Fatal(err)
		}
		c := a.as(t, reader)
		all := []string{"/eservices/0784/SOC-001", "/eservices/0793/BLD-001", "/eservices/0793/SOC-001"}
		body, d := deskOf(t, a, c, "")
		if got := changeLinks(d); !slices.Equal(got, all) || !strings.Contains(body, "Te ei jälgi midagi") {
			t.Fatalf("following nothing: %v", got)
		}

		// Follow Tallinn from its page.
		_, page := get(t, c, a.URL+"/municipalities/0784")
		if !strings.Contains(page, `<form method="post" action="/follows" class="follow no-print">`) {
			t.Fatal("no Follow button on the municipality page")
		}
		follow1 := url.Values{"kind": {"municipality"}, "id": {"0784"}, "back": {"/municipalities/0784"}}
		for range 2 { // twice changes nothing
			if s, _ := postForm(t, c, a.URL+"/follows", follow1); s != http.StatusSeeOther {
				t.Fatalf("follow: %d", s)
			}
		}
		if _, page := get(t, c, a.URL+"/municipalities/0784"); !strings.Contains(page, `action="/follows/delete"`) {
			t.Error("the page does not offer to unfollow")
		}
		body, d = deskOf(t, a, c, "")
		if got := changeLinks(d); !slices.Equal(got, []string{"/eservices/0784/SOC-001"}) || !strings.Contains(body, "mida jälgite (1)") {
			t.Errorf("following Tallinn: %v", got)
		}

		// A service and the national strategy add their changes.
		for _, f := range []url.Values{{"kind": {"service"}, "id": {"BLD-001"}}, {"kind": {"strategy"}, "id": {itoa(national.ID)}}} {
			if s, body := postForm(t, c, a.URL+"/follows", f); s != http.StatusSeeOther {
				t.Fatalf("follow %v: %d %.300s", f, s, body)
			}
		}
		_, d = deskOf(t, a, c, "")
		want := []string{"/eservices/0784/SOC-001", "/eservices/0793/BLD-001", "/plan/" + itoa(national.ID), "/plan/activities/" + itoa(act.ID)}
		if got := changeLinks(d); !slices.Equal(got, want) {
			t.Errorf("following Tallinn, BLD-001 and the strategy: %v, want %v", got, want)
		}

		// Refusals change nothing.
		editor := a.as(t, tartuEditor)
		for _, r := range []struct {
			c      *http.Client
			form   url.Values
			status int
			field  string
		}{
			{editor, url.Values{"kind": {"strategy"}, "id": {itoa(tallinnPlan.ID)}}, http.StatusNotFound, ""},
			{c, url.Values{"kind": {"municipality"}, "id": {"9999"}}, http.StatusUnprocessableEntity, "id"},
			{c, url.Values{"kind": {"county"}, "id": {"0079"}}, http.StatusUnprocessableEntity, "kind"},
			{c, url.Values{"kind": {"strategy"}, "id": {"x"}}, http.StatusNotFound, ""},
			{a.client(t), follow1, http.StatusUnauthorized, ""},
		} {
			if s, _ := postForm(t, r.c, a.URL+"/follows", r.form); s != r.status {
				t.Errorf("follow %v: %d, want %d", r.form, s, r.status)
			}
		}
		if fs, _ := a.store.Follows(ctx, tartuEditor.ID); len(fs) != 0 {
			t.Errorf("the editor follows %v", fs)
		}
		if _, err := a.store.Follows(ctx, reader.ID); err != nil {
			t.Fatal(err)
		}
		if err := a.store.Follow(ctx, reader.ID, follow.Subject{Kind: follow.Municipality, ID: "9999"}); err == nil {
			t.Error("the store follows an unknown municipality")
		}

		// The API twin: the same list, and a follow and an unfollow.
		s, js := get(t, c, a.URL+"/api/v1/follows")
		if s != http.StatusOK || !strings.Contains(js, `"total":3`) || !strings.Contains(js, `{"kind":"service","id":"BLD-001"}`) {
			t.Errorf("API list: %d %s", s, js)
		}
		if s, _ := send(t, c, http.MethodPut, a.URL+"/api/v1/follows/municipality/0586", "", ""); s != http.StatusOK {
			t.Errorf("API follow: %d", s)
		}
		if s, _ := send(t, editor, http.MethodPut, a.URL+"/api/v1/follows/strategy/"+itoa(tallinnPlan.ID), "", ""); s != http.StatusNotFound {
			t.Errorf("API follow of an unreadable strategy: %d", s)
		}
		if s, js := send(t, c, http.MethodPut, a.URL+"/api/v1/follows/municipality/9999", "", ""); s != http.StatusUnprocessableEntity || !strings.Contains(js, `"field":"id"`) {
			t.Errorf("API follow of an unknown municipality: %d %s", s, js)
		}
		if s, _ := send(t, c, http.MethodDelete, a.URL+"/api/v1/follows/municipality/0586", "", ""); s != http.StatusNoContent {
			t.Errorf("API unfollow: %d", s)
		}
		if s, js := get(t, c, a.URL+"/api/v1/follows?limit=1&offset=1"); s != http.StatusOK || !strings.Contains(js, `"total":3`) || strings.Count(js, `"kind"`) != 1 {
			t.Errorf("API page: %d %s", s, js)
		}

		// The settings page lists them; unfollowing all brings everything back.
		_, page = get(t, c, a.URL+"/account/notifications")
		for _, s := range []string{"Tallinn", "BLD-001", "KOV IKT tegevuskava", `action="/follows/delete"`} {
			if !strings.Contains(page, s) {
				t.Errorf("settings page lacks %q", s)
			}
		}
		fs, _ := a.store.Follows(ctx, reader.ID)
		for _, f := range fs {
			if s, _ := postForm(t, c, a.URL+"/follows/delete", url.Values{"kind": {string(f.Kind)}, "id": {f.ID}, "back": {"/account/notifications"}}); s != http.StatusSeeOther {
				t.Errorf("unfollow %v: %d", f, s)
			}
		}
		if _, page := get(t, c, a.URL+"/account/notifications"); !strings.Contains(page, "Te ei jälgi veel midagi.") {
			t.Error("the emptied list does not say so")
		}
		if _, d := deskOf(t, a, c, ""); !slices.Equal(changeLinks(d), all) {
			t.Errorf("after unfollowing: %v", changeLinks(d))
		}
	})
}
