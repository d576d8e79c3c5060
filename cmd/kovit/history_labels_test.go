package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// historySection is the part of a page from its change history on, so that the facts the
// page shows above it cannot satisfy the test.
func historySection(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `class="history"`)
	if i < 0 {
		t.Fatalf("no history on the page:\n%.500s", body)
	}
	return body[i:]
}

// TestHistoryShowsLabelsAndValues: a record's change history reads as its page does, in
// the reader's language: field labels, not snapshot names; dates, numbers and choices as
// the page formats them; the system named in the page's language.
func TestHistoryShowsLabelsAndValues(t *testing.T) {
	raw := []string{"criteria_met", "county_ehak", "evidence_checked_on", "T00:00:00Z", ">system<", "area_km2", ">self_reported<", ">not_offered<"}
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			editor := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
			admin := a.as(t, a.user(t, "haldur@kovit.test", auth.RoleAdmin, ""))
			cell := a.URL + "/eservices/0899/SOC-001"
			save := url.Values{"offering": {"offered"}, "met": criteriaUpTo(t, a.store, 3), "url": {"https://www.viljandivald.ee/e"},
				"system": {"SPOKU"}, "evidence_checked_on": {"2026-11-30"}, "version": {"0"}}
			if s, body := postForm(t, editor, cell, save); s != http.StatusSeeOther {
				t.Fatalf("save: %d\n%.500s", s, body)
			}
			n := strconv.Itoa(len(save["met"]))
			pages := []struct {
				lang, url string
				want      []string
			}{
				{"et", cell, []string{"Pakkumine", "pakutakse", "Kriteeriumid", n + " kriteeriumi", "30.11.2026", "omavalitsuse hinnang"}},
				{"en", cell, []string{"Offering", "Criteria", n + " criteria", "30 Nov 2026", "self-reported", "Date checked"}},
				{"et", a.URL + "/municipalities/0793/history", []string{"süsteem", "Maakonna kood", "Maakond", "Rahvaarv", "100\u00a0724", "153,99 km²"}},
				{"en", a.URL + "/municipalities/0793/history", []string{"County code", "County", "Population", "100,724", "153.99 km²"}},
			}
			for _, p := range pages {
				for _, c := range []*http.Client{editor, admin} {
					if s, _ := postForm(t, c, a.URL+"/lang", url.Values{"lang": {p.lang}, "back": {"/"}}); s != http.StatusSeeOther {
						t.Fatalf("switch to %s: %d", p.lang, s)
					}
				}
				c := editor
				if strings.Contains(p.url, "/municipalities/") {
					c = admin
				}
				s, body := get(t, c, p.url)
				if s != http.StatusOK {
					t.Fatalf("%s %s: %d", p.lang, p.url, s)
				}
				h := historySection(t, body)
				for _, w := range p.want {
					if !strings.Contains(h, w) {
						t.Errorf("%s %s: history has no %q", p.lang, p.url, w)
					}
				}
				for _, r := range raw {
					if strings.Contains(h, r) {
						t.Errorf("%s %s: history shows the raw %q", p.lang, p.url, r)
					}
				}
			}
		})
	}
}
