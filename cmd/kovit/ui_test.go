package main

import (
	"bytes"
	"cmp"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestPublicPages(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			c := a.client(t)
			tests := []struct {
				path   string
				status int
				has    []string
				hasNot []string
			}{
				{"/", 200, []string{"79</strong>", "15</strong>"}, nil},
				{"/municipalities", 200, []string{"79 omavalitsust", "Alutaguse vald", "Võru linn"}, nil},
				{"/municipalities?q=poltsamaa", 200, []string{"Põltsamaa vald", "1 omavalitsus"}, []string{"Tartu linn"}},
				{"/municipalities?q=P%C3%B5lts", 200, []string{"Põltsamaa vald"}, []string{"Tartu linn"}},
				{"/municipalities?county=0079&type=linn", 200, []string{"Tartu linn", "1 omavalitsus"}, []string{"Elva vald"}},
				{"/municipalities?sort=population&order=desc&limit=2", 200, []string{"Tallinn", "Tartu linn", "Kuvatakse 1–2, kokku 79", "Järgmine lehekülg"}, []string{"Narva linn"}},
				{"/municipalities?q=zzzz", 200, []string{"Ühtki omavalitsust ei leitud"}, nil},
				{"/municipalities?sort=drop", 422, []string{"Tundmatu sortimisviis"}, nil},
				{"/municipalities?limit=abc", 422, []string{"Sisestage arv"}, nil},
				{"/municipalities/0793", 200, []string{"Tartu linn", "100\u00a0724", "153,99 km²", "IT-kontakti pole veel lisatud"}, []string{"Muuda kontaktandmeid"}},
				{"/municipalities/0305", 200, []string{"Kiili vald", "teadmata"}, nil},
				{"/municipalities/9999", 404, []string{"Sellist kirjet ei ole"}, nil},
				{"/municipalities/0793/history", 303, nil, nil}, // the change log is not public
				{"/counties", 200, []string{"Harju maakond", "Võru maakond"}, nil},
				{"/counties/0079", 200, []string{"Tartu maakond", "Elva vald", "8 omavalitsust"}, nil},
				{"/nowhere", 404, nil, nil},
				{"/healthz", 200, []string{"ok"}, nil},
				{"/metrics", 404, nil, []string{"kovit_http_requests_total"}},
			}
			for _, tt := range tests {
				status, body := get(t, c, a.URL+tt.path)
				if status != tt.status {
					t.Errorf("%s: status %d, want %d", tt.path, status, tt.status)
				}
				for _, s := range tt.has {
					if !strings.Contains(body, s) {
						t.Errorf("%s: no %q", tt.path, s)
					}
				}
				for _, s := range tt.hasNot {
					if strings.Contains(body, s) {
						t.Errorf("%s: unexpected %q", tt.path, s)
					}
				}
			}
		})
	}
}

func TestEveryPageAnswersForAdmin(t *testing.T) {
	a := startApp(t, "sqlite")
	concrete := everyPageFixture(t, a)
	c := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
	// Consultation 1 is a draft: nobody, the admin included, signs up to comment on it
	// (TestPublicCommenterSignUp shows the page on an open one).
	want := map[string]int{"GET /consultations/{id}/sign-up": http.StatusForbidden}
	for _, r := range a.routes {
		method, pattern, _ := strings.Cut(r, " ")
		if method != "GET" || strings.Contains(pattern, "oidc") {
			continue
		}
		status, body := get(t, c, a.URL+concrete.Replace(pattern))
		if status != cmp.Or(want[r], http.StatusOK) {
			t.Errorf("%s: status %d\n%.300s", r, status, body)
		}
	}
}

func TestSecurityHeadersAndCrossOrigin(t *testing.T) {
	a := startApp(t, "sqlite")
	res, err := http.Get(a.URL + "/municipalities")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	h := res.Header
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	// A cross-site form post (what a CSRF attack is) is refused before any handler runs.
	c := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
	status, _ := send(t, c, "POST", a.URL+"/admin/users", "application/x-www-form-urlencoded",
		"email=x@kovit.test&name=X&role=admin", "Sec-Fetch-Site", "cross-site")
	if status != http.StatusForbidden {
		t.Errorf("cross-site post: %d, want 403", status)
	}
	if _, err := a.store.UserByEmail(context.Background(), "x@kovit.test"); err == nil {
		t.Error("cross-site post created a user")
	}
	// The session cookie is HttpOnly and SameSite=Lax.
	res, err = c.Get(a.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	fresh := a.client(t)
	res, _ = fresh.PostForm(a.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"admin-parool-1"}})
	res.Body.Close()
	cookie := res.Header.Get("Set-Cookie")
	if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
		t.Errorf("session cookie %q", cookie)
	}
}

func TestSignInRateLimit(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.client(t)
	statuses := map[int]int{}
	for range 12 {
		s, _ := postForm(t, c, a.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"wrong-password"}})
		statuses[s]++
	}
	if statuses[http.StatusUnauthorized] != 10 || statuses[http.StatusTooManyRequests] != 2 {
		t.Errorf("statuses %v, want 10×401 then 429", statuses)
	}
	// Even the right password waits once the limit is hit.
	s, body := postForm(t, c, a.URL+"/sign-in", url.Values{"email": {"admin@kovit.test"}, "password": {"admin-parool-1"}})
	if s != http.StatusTooManyRequests || !strings.Contains(body, "Liiga palju katseid") {
		t.Errorf("after limit: %d", s)
	}
}

func TestEditContactsWithoutLostEdits(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			mari := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
			juri := a.as(t, a.user(t, "juri@tartu.test", auth.RoleEditor, "0793"))
			// Both open the form at version 1.
			for _, c := range []*http.Client{mari, juri} {
				if s, body := get(t, c, a.URL+"/municipalities/0793/edit"); s != 200 || !strings.Contains(body, `name="version" value="1"`) {
					t.Fatalf("edit form: %d", s)
				}
			}
			s, body0 := postForm(t, mari, a.URL+"/municipalities/0793/edit", url.Values{"version": {"1"}, "contact_name": {"Mari Maasikas"},
				"contact_email": {"it@tartu.ee"}, "contact_phone": {"+372 736 1111"}, "website": {"https://www.tartu.ee"}})
			if s != http.StatusSeeOther {
				t.Fatalf("first save: %d\n%s", s, body0)
			}
			s, body := postForm(t, juri, a.URL+"/municipalities/0793/edit", url.Values{"version": {"1"}, "contact_name": {"Jüri Juurikas"}})
			if s != http.StatusConflict || !strings.Contains(body, "Keegi teine salvestas") || !strings.Contains(body, "Mari Maasikas") || !strings.Contains(body, "Jüri Juurikas") {
				t.Errorf("second save: %d, want 409 showing both the saved and the typed values", s)
			}
			m, _ := a.store.Municipality(context.Background(), "0793")
			if m.Contact.Name != "Mari Maasikas" || m.Version != 2 {
				t.Errorf("stored %+v", m.Contact)
			}
			// Invalid input re-renders the form with field messages and changes nothing.
			s, body = postForm(t, mari, a.URL+"/municipalities/0793/edit", url.Values{"version": {"2"}, "contact_email": {"not-an-email"}, "website": {"tartu"}})
			if s != http.StatusUnprocessableEntity || !strings.Contains(body, "nimi@asutus.ee") || !strings.Contains(body, "https://") || !strings.Contains(body, `aria-invalid="true"`) {
				t.Errorf("invalid save: %d", s)
			}
			if m2, _ := a.store.Municipality(context.Background(), "0793"); m2.Version != 2 {
				t.Error("invalid save changed the record")
			}
			_, page := get(t, mari, a.URL+"/municipalities/0793")
			if !strings.Contains(page, "it@tartu.ee") || !strings.Contains(page, "Muuda kontaktandmeid") {
				t.Error("saved contact not shown")
			}
			_, history := get(t, mari, a.URL+"/municipalities/0793/history")
			if !strings.Contains(history, "mari@tartu.test") || !strings.Contains(history, "Mari Maasikas") {
				t.Error("history does not show who changed what")
			}
		})
	}
}

func TestLanguageIsRemembered(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.client(t)
	s, _ := postForm(t, c, a.URL+"/lang", url.Values{"lang": {"en"}, "back": {"/municipalities?q=tartu"}})
	if s != http.StatusSeeOther {
		t.Fatalf("switch: %d", s)
	}
	_, body := get(t, c, a.URL+"/municipalities/0793")
	if !strings.Contains(body, `lang="en"`) || !strings.Contains(body, "Population") || !strings.Contains(body, "100,724") || !strings.Contains(body, "153.99 km²") {
		t.Error("English page not served after switching")
	}
	if s, _ := postForm(t, c, a.URL+"/lang", url.Values{"lang": {"fr"}}); s != http.StatusUnprocessableEntity {
		t.Errorf("unknown language: %d", s)
	}
}

func TestExports(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.client(t)
	s, body := get(t, c, a.URL+"/municipalities.csv?county=0079")
	if s != 200 || !strings.HasPrefix(body, "\ufeffEHAK;Nimi;") || !strings.Contains(body, "0793;Tartu linn;linn;Tartu maakond;100724;2023;153,99") || strings.Count(body, "\n") != 9 {
		t.Errorf("csv %d:\n%s", s, body)
	}
	res, err := c.Get(a.URL + "/municipalities.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 80 || rows[0][0] != "EHAK" {
		t.Errorf("xlsx has %d rows", len(rows))
	}
}

func TestAdminManagesUsers(t *testing.T) {
	a := startApp(t, "sqlite")
	c := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
	s, body := postForm(t, c, a.URL+"/admin/users", url.Values{"email": {"Uus@Tartu.ee"}, "name": {"Uus Toimetaja"}, "role": {"editor"}, "municipality_ehak": {"0793"}})
	if s != http.StatusCreated || !strings.Contains(body, `id="initial-password"`) {
		t.Fatalf("create: %d", s)
	}
	u, err := a.store.UserByEmail(context.Background(), "uus@tartu.ee")
	if err != nil || !u.MustChangePassword || u.MunicipalityEHAK != "0793" {
		t.Fatalf("created %+v %v", u, err)
	}
	s, body = postForm(t, c, a.URL+"/admin/users", url.Values{"email": {"uus@tartu.ee"}, "name": {""}, "role": {"editor"}})
	if s != http.StatusUnprocessableEntity || !strings.Contains(body, "juba olemas") && !strings.Contains(body, "kohustuslik") {
		t.Errorf("invalid create: %d", s)
	}
	id := "/admin/users/" + itoa(u.ID)
	if s, _ := postForm(t, c, a.URL+id, url.Values{"name": {"Uus Toimetaja"}, "role": {"editor"}, "municipality_ehak": {"0793"}, "version": {itoa(int64(u.Version))}}); s != http.StatusSeeOther {
		t.Errorf("deactivate: %d", s)
	}
	if got, _ := a.store.User(context.Background(), u.ID); got.Active {
		t.Error("not deactivated")
	}
	if s, body := postForm(t, c, a.URL+id+"/reset-password", nil); s != 200 || !strings.Contains(body, `id="initial-password"`) {
		t.Errorf("reset: %d", s)
	}
	// An admin cannot lock themselves out.
	me, _ := a.store.UserByEmail(context.Background(), "admin@kovit.test")
	s, _ = postForm(t, c, a.URL+"/admin/users/"+itoa(me.ID), url.Values{"name": {"A"}, "role": {"reader"}, "active": {"on"}, "version": {itoa(int64(me.Version))}})
	if s != http.StatusUnprocessableEntity {
		t.Errorf("self-demotion: %d", s)
	}
	_, audit := get(t, c, a.URL+"/admin/audit?entity=user&action=update")
	if !strings.Contains(audit, "Administrator") {
		t.Error("audit page does not show the admin's changes")
	}
}

func TestBadTextIsRefused(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			c := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
			for _, path := range []string{"/municipalities/%00", "/counties/%ff", "/municipalities?q=%00", "/api/v1/counties/%00"} {
				if s, _ := get(t, c, a.URL+path); s < 400 || s >= 500 {
					t.Errorf("%s: status %d, want 4xx", path, s)
				}
			}
			s, _ := postForm(t, c, a.URL+"/municipalities/0793/edit", url.Values{"version": {"1"}, "contact_name": {"a\x00b"}})
			if s != http.StatusUnprocessableEntity {
				t.Errorf("NUL in a form: %d", s)
			}
			if m, _ := a.store.Municipality(context.Background(), "0793"); m.Version != 1 {
				t.Error("changed")
			}
		})
	}
}
