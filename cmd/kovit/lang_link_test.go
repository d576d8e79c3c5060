package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/plan"
)

// TestLangLink: a link carries the language (?lang=), which is then remembered as the
// language switch's choice is; every page lists its alternates in both languages; and the
// Estonian an English page shows for want of English is marked lang="et".
func TestLangLink(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		ctx := auth.WithUser(context.Background(), &coordUser)
		if _, err := a.store.CreateService(ctx, eservice.Service{Code: "SOC-900", NameEt: "Ainult eesti nimi", Area: "Sotsiaalhoolekanne", LifeEvent: "Lapse sünd"}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Eestikeelne kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}); err != nil {
			t.Fatal(err)
		}
		// An Estonian visitor first, so the response cache holds the Estonian page.
		if _, page := get(t, a.client(t), a.URL+"/eservices"); !strings.Contains(page, `<html lang="et">`) {
			t.Fatalf("the catalogue is not Estonian by default")
		}

		c := a.client(t)
		res, err := c.Get(a.URL + "/eservices?lang=en")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !hasLangCookie(res, "en") {
			t.Fatalf("?lang=en: status %d, cookies %v", res.StatusCode, res.Header.Values("Set-Cookie"))
		}
		for _, path := range []string{"/eservices", "/", "/municipalities", "/plan"} {
			if _, page := get(t, c, a.URL+path); !strings.Contains(page, `<html lang="en">`) {
				t.Errorf("%s after ?lang=en is not English", path)
			}
		}

		for _, path := range []string{"/", "/eservices?q=toetus", "/municipalities", "/no-such-page"} {
			_, page := get(t, a.client(t), a.URL+path)
			p, _ := url.Parse(path)
			for _, l := range []string{"et", "en"} {
				q := p.Query()
				q.Set("lang", l)
				want := `<link rel="alternate" hreflang="` + l + `" href="` + testBaseURL + p.Path + "?" + strings.ReplaceAll(q.Encode(), "&", "&amp;") + `">`
				if !strings.Contains(page, want) {
					t.Errorf("%s lacks %s", path, want)
				}
			}
			if !strings.Contains(page, `hreflang="x-default" href="`+testBaseURL+p.Path+"?") {
				t.Errorf("%s has no x-default alternate", path)
			}
		}

		// A language nobody has is ignored: the page is Estonian and nothing is remembered.
		res, err = a.client(t).Get(a.URL + "/eservices?lang=fr")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK || len(res.Header.Values("Set-Cookie")) != 0 {
			t.Errorf("?lang=fr: status %d, cookies %v", res.StatusCode, res.Header.Values("Set-Cookie"))
		}

		// The switch wins over the ?lang= of the page it was pressed on.
		s, err := c.PostForm(a.URL+"/lang", url.Values{"lang": {"et"}, "back": {"/eservices?lang=en&q=toetus"}})
		if err != nil {
			t.Fatal(err)
		}
		s.Body.Close()
		if loc := s.Header.Get("Location"); loc != "/eservices?q=toetus" {
			t.Errorf("the switch from a ?lang= page goes to %q", loc)
		}

		en := a.client(t)
		for path, want := range map[string]string{
			"/eservices/services/SOC-900?lang=en": `<h1 lang="et">Ainult eesti nimi</h1>`,
			"/eservices?lang=en":                  `lang="et">Ainult eesti nimi</a>`,
			"/plan?lang=en":                       `<span lang="et">Eestikeelne kava</span>`,
		} {
			if _, page := get(t, en, a.URL+path); !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
		// An Estonian page marks nothing.
		if _, page := get(t, a.client(t), a.URL+"/eservices/services/SOC-900"); strings.Contains(page, `<h1 lang`) {
			t.Errorf("the Estonian page marks its own Estonian:\n%s", page)
		}
	})
}

func hasLangCookie(res *http.Response, l string) bool {
	for _, c := range res.Cookies() {
		if c.Name == "lang" && c.Value == l && c.MaxAge > 0 && c.Path == "/" {
			return true
		}
	}
	return false
}
