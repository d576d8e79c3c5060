package web

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// samplePages returns sample data for every template, for the printer l.
func samplePages(l *i18n.Printer) map[string]any {
	admin := &auth.User{ID: 1, Name: "Anu Admin", Email: "anu@kovit.ee", Role: auth.RoleAdmin, Active: true}
	base := Page{L: l, User: admin, Title: "T", Path: "/x", Flash: "Salvestatud.", Synthetic: true, RequestID: "abc"}
	area := 153.99
	tartu := municipality.Municipality{EHAK: "0793", Name: "Tartu linn", Type: municipality.City, CountyEHAK: "0079",
		CountyName: "Tartu maakond", Population: 100724, PopulationYear: 2023, AreaKm2: &area, Website: "https://tartu.ee",
		Contact: municipality.Contact{Name: "Mari", Email: "it@tartu.ee", Phone: "+372 5555 5555"}, Version: 2, UpdatedAt: time.Now()}
	county := municipality.County{EHAK: "0079", Name: "Tartu maakond", Municipalities: 8, Population: 150000}
	pager := newPager("/municipalities", url.Values{"q": {"t"}}, 79, 10, 10)
	var problems kovit.Problems
	problems.Add("contact_email", "error.email")
	problems.Add("role", "error.role")
	event := audit.Event{ID: 1, At: time.Now(), ActorName: "Mari", Entity: "municipality", EntityID: "0793", Action: audit.Update,
		Before: json.RawMessage(`{"website":""}`), After: json.RawMessage(`{"website":"https://tartu.ee"}`)}
	now := time.Now()
	token := auth.Token{ID: 1, Name: "skript", Prefix: "kovit_abc", CreatedAt: now, LastUsedAt: &now}
	pages := map[string]any{
		"home":                   homeSample(base),
		"error":                  errorPage{Page: base, Status: 422, Message: "x", Fields: []string{"a: b"}},
		"municipality/list":      municipalityListPage{Page: base, sortState: sortState{"/municipalities", url.Values{}, "population", true}, Items: municipalityRows(base, []municipality.Municipality{tartu}), Counties: []municipality.County{county}, Filter: municipality.Filter{Sort: "population", Desc: true}, Pager: pager, Query: url.Values{}},
		"municipality/show":      municipalityPage{Page: base, M: tartu, CanEdit: true},
		"municipality/edit":      municipalityEditPage{Page: base, M: tartu, Details: municipality.Details{Version: 2}, Form: form{Problems: problems, Message: "conflict"}},
		"municipality/history":   historyPage{Page: base, M: tartu, Events: []audit.Event{event}, Pager: pager},
		"county/list":            countyPage{Page: base, Counties: []municipality.County{county}},
		"county/show":            countyPage{Page: base, County: county, Items: []municipality.Municipality{tartu}},
		"account/signin":         signInPage{Page: base, Email: "a@b.ee", Next: "/x", Form: form{Message: "bad"}, OIDCName: "TARA"},
		"account/account":        accountPage{Page: base, Form: form{Problems: problems}},
		"account/tokens":         tokensPage{Page: base, Tokens: []auth.Token{token}, NewToken: "kovit_secret"},
		"admin/users":            userListPage{Page: base, Users: []auth.User{*admin}, Pager: pager, Roles: auth.Roles, Status: "active"},
		"admin/user_form":        userFormPage{Page: base, Edit: true, ID: 1, Roles: auth.Roles, Municipalities: []municipality.Municipality{tartu}, Input: auth.NewUser{Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, Form: form{Problems: problems}},
		"admin/user_created":     userFormPage{Page: base, Saved: admin, Password: "temporary"},
		"account/link":           linkPage{Page: base, Action: "/invitation", Token: "t", Email: "a@b.ee", Form: form{Problems: problems}},
		"account/forgot":         forgotPage{Page: base, Email: "a@b.ee", Form: form{Problems: problems}},
		"admin/invite":           invitePage{Page: base, Roles: auth.Roles, Municipalities: []municipality.Municipality{tartu}, Invited: []auth.User{*admin}, Form: form{Problems: problems}, Problems: []importProblem{{Row: 2, Column: "e-post", Message: "x"}, {Row: 3, Message: "y"}}},
		"admin/team":             teamPage{Page: base, EHAK: "0793", For: 1, Form: form{Problems: problems}, Rows: []teamRow{{User: *admin, CanDeactivate: true, CanSetCode: true, CanMarkLead: true}}},
		"admin/audit":            auditPage{Page: base, Events: []audit.Event{event}, Query: url.Values{"action": {"update"}}, Pager: pager},
		"eservice/matrix":        eserviceSamples(base)["eservice/matrix"],
		"eservice/service":       eserviceSamples(base)["eservice/service"],
		"eservice/map":           eserviceSamples(base)["eservice/map"],
		"eservice/cell":          eserviceSamples(base)["eservice/cell"],
		"eservice/catalogue":     eserviceSamples(base)["eservice/catalogue"],
		"eservice/service_form":  eserviceSamples(base)["eservice/service_form"],
		"eservice/scale":         eserviceSamples(base)["eservice/scale"],
		"eservice/municipality":  eserviceSamples(base)["eservice/municipality"],
		"eservice/page_form":     eserviceSamples(base)["eservice/page_form"],
		"plan/list":              planSamples(base)["plan/list"],
		"plan/show":              planSamples(base)["plan/show"],
		"plan/activity":          planSamples(base)["plan/activity"],
		"plan/strategy_form":     planSamples(base)["plan/strategy_form"],
		"plan/node_form":         planSamples(base)["plan/node_form"],
		"plan/organisations":     planSamples(base)["plan/organisations"],
		"need/list":              needSamples(base)["need/list"],
		"need/new":               needSamples(base)["need/new"],
		"need/show":              needSamples(base)["need/show"],
		"need/rounds":            needSamples(base)["need/rounds"],
		"need/round":             needSamples(base)["need/round"],
		"need/consolidated_list": needSamples(base)["need/consolidated_list"],
		"need/consolidated":      needSamples(base)["need/consolidated"],
		"need/priorities":        needSamples(base)["need/priorities"],
		"need/measures":          needSamples(base)["need/measures"],
		"need/measure":           needSamples(base)["need/measure"],
		"need/proposal":          needSamples(base)["need/proposal"],
		"desk/desk":              deskSamples(base)["desk/desk"],
		"need/import":            needSamples(base)["need/import"],
		"plan/import":            planTransferSamples(base)["plan/import"],
		"plan/attention":         planTransferSamples(base)["plan/attention"],
		"notify/list":            notifySamples(base)["notify/list"],
		"notify/settings":        notifySamples(base)["notify/settings"],
		"plan/reports":           reportSamples(base)["plan/reports"],
		"plan/report":            reportSamples(base)["plan/report"],
		"plan/compare":           reportSamples(base)["plan/compare"],
		"plan/indicator":         planSamples(base)["plan/indicator"],
		"consult/list":           consultSamples(base)["consult/list"],
		"consult/new":            consultSamples(base)["consult/new"],
		"consult/show":           consultSamples(base)["consult/show"],
		"consult/version":        consultSamples(base)["consult/version"],
		"consult/diff":           consultSamples(base)["consult/diff"],
		"consult/comments":       consultSamples(base)["consult/comments"],
		"survey/list":            surveySamples(base)["survey/list"],
		"survey/show":            surveySamples(base)["survey/show"],
		"survey/response":        surveySamples(base)["survey/response"],
		"survey/results":         surveySamples(base)["survey/results"],
		"edemocracy/list":        edemocracySamples(base)["edemocracy/list"],
		"edemocracy/show":        edemocracySamples(base)["edemocracy/show"],
		"edemocracy/map":         edemocracySamples(base)["edemocracy/map"],
		"consult/signup":         commenterSamples(base)["consult/signup"],
		"consult/signup_confirm": commenterSamples(base)["consult/signup_confirm"],

		// The landscape module (issue 13).
		"landscape/solutions":       landscapeSamples(base)["landscape/solutions"],
		"landscape/solution_new":    landscapeSamples(base)["landscape/solution_new"],
		"landscape/solution":        landscapeSamples(base)["landscape/solution"],
		"landscape/municipality":    landscapeSamples(base)["landscape/municipality"],
		"landscape/row":             landscapeSamples(base)["landscape/row"],
		"landscape/advisories":      landscapeSamples(base)["landscape/advisories"],
		"landscape/advisory":        landscapeSamples(base)["landscape/advisory"],
		"landscape/matrix":          landscapeSamples(base)["landscape/matrix"],
		"landscape/records":         landscapeSamples(base)["landscape/records"],
		"landscape/records_profile": landscapeSamples(base)["landscape/records_profile"],
		"landscape/records_scale":   landscapeSamples(base)["landscape/records_scale"],
		"landscape/practices":       landscapeSamples(base)["landscape/practices"],
		"landscape/practice":        landscapeSamples(base)["landscape/practice"],
		"landscape/practice_new":    landscapeSamples(base)["landscape/practice_new"],

		"eservice/import": importPage{Page: base, Columns: []string{"ehak", "offering"}, Done: true, Changed: 2, Unchanged: 5, OwnEHAK: "0793",
			Problems: []importProblem{{Row: 0, Message: "fail"}, {Row: 3, Column: "offering", Message: "vigane"}}},
	}
	maps.Copy(pages, securitySamples(base))
	maps.Copy(pages, adviceSamples(base))
	maps.Copy(pages, practiceEditSamples(base))
	maps.Copy(pages, trainingSamples(base))
	maps.Copy(pages, trainingImportSamples(base))
	return pages
}

// TestEveryTemplateRenders renders every page in both languages with sample data and fails
// on a template error, a page without a sample, or a message key missing from a catalogue.
func TestEveryTemplateRenders(t *testing.T) {
	tmpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages {
		l := catalog.Printer(lang)
		samples := samplePages(l)
		for name := range tmpl.pages {
			data, ok := samples[name]
			if !ok {
				t.Errorf("template %s has no sample page in this test", name)
				continue
			}
			var b bytes.Buffer
			if err := tmpl.execute(&b, name, data); err != nil {
				t.Errorf("%s/%s: %v", lang, name, err)
				continue
			}
			html := b.String()
			if !strings.Contains(html, `<html lang="`+lang+`">`) || !strings.Contains(html, `href="#main"`) {
				t.Errorf("%s/%s: no lang attribute or skip link", lang, name)
			}
			if strings.Contains(html, "<no value>") {
				t.Errorf("%s/%s: a message lacks its arguments", lang, name)
			}
		}
	}
	if missing := catalog.Missing(); len(missing) > 0 {
		t.Errorf("message keys used but not defined: %v", missing)
	}
}

func TestLocalPath(t *testing.T) {
	tests := map[string]string{
		"/municipalities?q=a":           "/municipalities?q=a",
		"/plan/1#a":                     "/plan/1#a",
		"/needs?q=%2F%2Fx":              "/needs?q=%2F%2Fx",
		"//evil.example":                "/",
		"https://evil.example":          "/",
		"":                              "/",
		`/\evil`:                        "/",
		"/\t/evil.example":              "/",
		"/\n/evil.example":              "/",
		"/\r\n/evil.example":            "/",
		"\t//evil.example":              "/",
		" /evil.example":                "/",
		"/ /evil.example":               "/",
		"/\x00/evil.example":            "/",
		"/\x7f/evil.example":            "/",
		"/\u0085/evil.example":          "/",
		`\\evil.example`:                "/",
		`/x\evil`:                       "/",
		"/%2F/evil.example":             "/",
		"/%2f%2fevil.example":           "/",
		"javascript:alert(1)":           "/",
		"/javascript:alert(1)":          "/javascript:alert(1)",
		"http:/evil.example":            "/",
		"evil.example":                  "/",
		"//user@evil.example/":          "/",
		"/" + strings.Repeat("a", 3000): "/",
	}
	for in, want := range tests {
		if got := localPath(in, "/"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
