package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kovit/internal/eservice"
	"kovit/internal/plan"
)

// everyPageFixture gives the admin's crawl something behind every GET route: an
// activity, two reports, an indicator, a round, a need, a consolidated need and a
// measure; it returns the replacer that turns a route pattern into an address.
func everyPageFixture(t *testing.T, a *testApp) *strings.Replacer {
	t.Helper()
	ctx := context.Background()
	// The seeded strategies have no activities (none were published): add one to strategy 1.
	reopenStrategy(t, a, 1)
	one := int64(1)
	act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: 1, ParentID: &one, Kind: plan.Activity, Code: "T-1", TitleEt: "Test"})
	if err != nil {
		t.Fatal(err)
	}
	// Reports 1 and 2 of strategy 1, for the report pages and their comparison.
	for _, title := range []string{"2026", "2027"} {
		if _, err := a.store.OpenReport(ctx, plan.Report{StrategyID: 1, TitleEt: title,
			PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	ind, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: 1, NameEt: "Mõõdik", Better: plan.HigherIsBetter})
	if err != nil {
		t.Fatal(err)
	}
	// Tartu takes part, for the participant row's form.
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0793"}); err != nil {
		t.Fatal(err)
	}
	needFixture(t, a)
	adviceFixture(t, a)
	consultFixture(t, a) // consultation 1, a draft only its managers read
	surveyFixture(t, a)  // survey 1
	securityFixture(t, a)
	landscapeFixture(t, a)
	trainingFixture(t, a)
	admin, err := a.store.UserByEmail(ctx, "admin@kovit.test")
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer("{token}", a.app.notify.Signer.SettingsToken(admin.ID), "counties/{ehak}", "counties/0079", "activities/{id}", "activities/"+itoa(act.ID),
		"indicators/{id}", "indicators/"+itoa(ind.ID),
		"modules/{code}", "modules/ISMS.1", "{year}", "2023",
		"{ehak}", "0793", "{code}", "SOC-001", "{id}", "1", "{a}", "1", "{b}", "2", "{$}", "")
}

// TestPagesAccessible renders every page the admin's crawl reaches, in both languages,
// and every form's answer to an empty submission, and checks by machine what WCAG asks
// of them: a title naming the page, a caption on each table, a label on each control,
// and each invalid field and each summary link pointing at something that is there.
func TestPagesAccessible(t *testing.T) {
	a := startApp(t, "sqlite")
	concrete := everyPageFixture(t, a)
	c := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
	for _, lang := range []string{"et", "en"} {
		for _, r := range a.routes {
			method, pattern, _ := strings.Cut(r, " ")
			if method != "GET" || strings.Contains(pattern, "oidc") {
				continue
			}
			path := concrete.Replace(pattern)
			status, body := get(t, c, a.URL+path+sep(path)+"lang="+lang)
			if !strings.HasPrefix(body, "<!doctype html>") {
				continue // a file, a feed or a redirect
			}
			for _, p := range accessProblems(body) {
				t.Errorf("%s %s (%d): %s", lang, path, status, p)
			}
		}
	}
	// A page about one item names it in its title, not only what kind of page it is.
	for path, item := range map[string]string{
		"/plan/strategies/1/edit": "arengukava 2012–2015", "/plan/strategies/1/import": "arengukava 2012–2015",
		"/plan/strategies/1/reports": "arengukava 2012–2015", "/plan/reports/1/compare/2": "2026 – 2027",
		"/admin/users/1": "admin@kovit.test", concrete.Replace("/plan/activities/{id}"): "Test", "/municipalities/0793/eservices/edit": "Tartu linn",
	} {
		if _, body := get(t, c, a.URL+path+"?lang=et"); !strings.Contains(pageTitle(body), item) {
			t.Errorf("%s: the title %q does not name %q", path, pageTitle(body), item)
		}
	}
	// Forms refused for bad values, not missing ones: each field named is tied to its message.
	if _, err := a.store.SaveCell(context.Background(), "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []struct {
		path string
		form url.Values
	}{
		{"/plan/activities/{id}/participants/0793", url.Values{"version": {"1"}, "status": {"bogus"}, "completion": {"abc"}, "due": {"32.13.2026"}}},
		{"/plan/activities/{id}/participants", url.Values{"county": {"9999"}, "type": {"küla"}}},
		{"/plan/activities/{id}/edit", url.Values{"version": {"1"}, "status": {"bogus"}, "completion": {"abc"}, "lead_org_id": {"99999"}}},
		{"/plan/activities/{id}/updates", url.Values{"body": {""}, "date": {"eile"}}},
		{"/admin/users", url.Values{"email": {"x@kovit.test"}, "name": {"X"}, "role": {"editor"}, "municipality_ehak": {"9999"}}},
		{"/eservices/0793/SOC-001/review", url.Values{"version": {"1"}, "verification": {"returned"}, "reason": {""}}},
		{"/needs/new", url.Values{"municipality_ehak": {"9999"}, "title": {"Uus"}, "category": {"muu"}}},
	} {
		path := concrete.Replace(bad.path)
		status, body := postForm(t, c, a.URL+path, bad.form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("POST %s: %d, no field marked invalid", path, status)
		}
		for _, p := range accessProblems(body) {
			t.Errorf("POST %s (%d): %s", path, status, p)
		}
	}
	// Every form answers an empty submission with its problems named and tied to their
	// fields. Sign-out and the language switch are left to the end of nothing: they are not
	// forms with fields.
	for _, r := range a.routes {
		method, pattern, _ := strings.Cut(r, " ")
		if method != "POST" || strings.Contains(pattern, "sign-out") || strings.Contains(pattern, "delete") ||
			strings.Contains(pattern, "deactivate") || strings.Contains(pattern, "revoke") || pattern == "/lang" {
			continue
		}
		path := concrete.Replace(pattern)
		status, body := postForm(t, c, a.URL+path, url.Values{"version": {"1"}})
		if status < 400 || !strings.HasPrefix(body, "<!doctype html>") {
			continue
		}
		for _, p := range accessProblems(body) {
			t.Errorf("POST %s (%d): %s", path, status, p)
		}
	}
}

func sep(path string) string {
	if strings.Contains(path, "?") {
		return "&"
	}
	return "?"
}

// accessProblems lists what a page lacks, in words.
func accessProblems(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"not HTML: " + err.Error()}
	}
	var problems []string
	ids, labelFor, byID := map[string]bool{}, map[string]bool{}, map[string]*html.Node{}
	var walk func(n *html.Node, inLabel bool)
	var nodes []*html.Node
	walk = func(n *html.Node, inLabel bool) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				ids[id] = true
				byID[id] = n
			}
			if n.Data == "label" {
				labelFor[attr(n, "for")] = true
				inLabel = true
			}
			if inLabel {
				n.Attr = append(n.Attr, html.Attribute{Key: "data-in-label", Val: "1"})
			}
			nodes = append(nodes, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLabel)
		}
	}
	walk(doc, false)
	for _, n := range nodes {
		switch n.Data {
		case "title":
			if n.Parent == nil || n.Parent.Data != "head" {
				continue // an SVG shape's name
			}
			title := strings.TrimSpace(textOf(n))
			if name, _ := strings.CutSuffix(title, " · kovit"); strings.TrimSpace(name) == "" || name == title {
				problems = append(problems, "the title names no page: "+title)
			}
		case "table":
			if !hasChild(n, "caption") && attr(n, "aria-label") == "" && attr(n, "aria-labelledby") == "" {
				problems = append(problems, "a table without a caption: "+snippet(n))
			}
		case "input", "select", "textarea", "progress", "meter":
			switch attr(n, "type") {
			case "hidden", "submit", "button", "reset", "image":
				continue
			}
			if attr(n, "aria-label") == "" && attr(n, "aria-labelledby") == "" && attr(n, "title") == "" &&
				!labelFor[attr(n, "id")] && attr(n, "data-in-label") == "" {
				problems = append(problems, "a "+n.Data+" without a label: "+snippet(n))
			}
		}
		if attr(n, "aria-invalid") == "true" {
			d := attr(n, "aria-describedby")
			if d == "" {
				problems = append(problems, "an invalid field says not why: "+snippet(n))
			}
			for _, id := range strings.Fields(d) {
				if !ids[id] {
					problems = append(problems, "an invalid field points at no "+id+": "+snippet(n))
				}
			}
		}
		for _, a := range []string{"aria-describedby", "aria-labelledby"} {
			for _, id := range strings.Fields(attr(n, a)) {
				if !ids[id] {
					problems = append(problems, a+" points at no "+id+": "+snippet(n))
				}
			}
		}
		if n.Data == "div" && strings.Contains(attr(n, "class"), "error-summary") {
			for _, li := range descendants(n, "li") {
				link := descendants(li, "a")
				text := strings.TrimSpace(textOf(li))
				if len(link) == 0 {
					problems = append(problems, "a summary problem links to no field: "+text)
					continue
				}
				target := strings.TrimPrefix(attr(link[0], "href"), "#")
				if !ids[target] {
					problems = append(problems, "a summary problem links to no #"+target+": "+text)
				}
				if f := byID[target]; f != nil && (f.Data == "input" || f.Data == "select" || f.Data == "textarea") &&
					(attr(f, "aria-invalid") != "true" || attr(f, "aria-describedby") == "") {
					problems = append(problems, "a field in the summary is not marked invalid with its message: "+snippet(f))
				}
				if !strings.Contains(text, ": ") {
					problems = append(problems, "a summary problem names no field: "+text)
				}
			}
		}
	}
	return problems
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasChild(n *html.Node, tag string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			return true
		}
	}
	return false
}

func descendants(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
		out = append(out, descendants(c, tag)...)
	}
	return out
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func snippet(n *html.Node) string {
	var b strings.Builder
	b.WriteString("<" + n.Data)
	for _, a := range n.Attr {
		if a.Key != "data-in-label" {
			b.WriteString(" " + a.Key + `="` + a.Val + `"`)
		}
	}
	b.WriteString(">")
	s := b.String()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

func pageTitle(page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return ""
	}
	for _, t := range descendants(doc, "title") {
		if t.Parent != nil && t.Parent.Data == "head" {
			return strings.TrimSpace(textOf(t))
		}
	}
	return ""
}
