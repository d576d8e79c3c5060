package main

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/security"
)

// The embargo (issue 14): a round of three municipalities' answers holding marker strings,
// before and after publication. Every GET route of both surfaces is crawled as the
// public, a reader and an editor of another municipality: no marker of Tallinn's appears
// anywhere (pages, exports, API, notifications, the desk). Tallinn's own editor and a
// coordinator do see them, so the markers are where the crawl would find them.

var otherParam = regexp.MustCompile(`\{[^}]+\}`)

// securityRounds are the fixture's rounds: one published (its dates are past on the real
// clock the pages read; its answers are given on 2026-11-25, when it was open), one not.
type securityRounds struct{ published, embargoed security.Round }

// markerOf is a municipality's marker in the field named.
func markerOf(ehak, field string) string { return "MARK-" + ehak + "-" + field }

var markerFields = []string{"reason", "assignee", "justification", "evidence", "owner", "signer"}

// securityFixture stores, in both rounds, the answers of Tallinn (0784), Tartu (0793) and
// Narva (0511) with markers, and of three more municipalities without, so that the
// country's aggregate (five or more) is published.
func securityFixture(t *testing.T, a *testApp) securityRounds {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	var rs securityRounds
	var err error
	// The published round's answers were given while it was open.
	real := a.store.Now
	a.store.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }
	defer func() { a.store.Now = real }()
	if rs.published, err = a.store.CreateSecurityRound(ctx, security.Round{Title: "E-ITS avaldatud", Year: 2023,
		Deadline: "2026-11-30", CorrectionUntil: "2026-12-01", PublishOn: "2026-12-02"}); err != nil {
		t.Fatal(err)
	}
	if rs.embargoed, err = a.store.CreateSecurityRound(ctx, security.Round{Title: "E-ITS embargo", Year: 2023,
		Deadline: "2099-01-01", CorrectionUntil: "2099-01-10", PublishOn: "2099-02-01"}); err != nil {
		t.Fatal(err)
	}
	for _, rd := range []security.Round{rs.published, rs.embargoed} {
		for _, ehak := range []string{"0784", "0793", "0511", "0296", "0198", "0653"} {
			m := func(f string) string { return markerOf(ehak, f) }
			if ehak != "0784" && ehak != "0793" && ehak != "0511" {
				m = func(string) string { return "Tavaline" }
			}
			save := func(an security.Answer) {
				t.Helper()
				// The later round starts prefilled from the earlier: change what is there.
				if _, as, err := a.store.SecurityAssessment(ctx, rd.ID, ehak); err == nil {
					for _, x := range as {
						if x.ModuleCode == an.ModuleCode && x.MeasureCode == an.MeasureCode {
							an.Version = x.Version
						}
					}
				}
				if _, err := a.store.SaveSecurityAnswer(ctx, rd.ID, ehak, an); err != nil {
					t.Fatalf("%s: %v", ehak, err)
				}
			}
			save(security.Answer{ModuleCode: "INF.14", ExcludedReason: m("reason")})
			save(security.Answer{ModuleCode: "ISMS.1", Applies: true, Assignee: m("assignee"), Status: security.Implemented,
				Evidence: "https://kov.example/" + m("evidence")})
			save(security.Answer{ModuleCode: "CON.3", Applies: true, Status: security.NotImplemented, Justification: m("justification"),
				Owner: m("owner"), Due: "2027-06-30"})
			as, _, err := a.store.SecurityAssessment(ctx, rd.ID, ehak)
			if err != nil {
				t.Fatal(err)
			}
			as.SignedOffBy, as.SignedOffOn = m("signer"), "2026-11-25"
			if _, err := a.store.UpdateSecurityAssessment(ctx, as); err != nil {
				t.Fatal(err)
			}
		}
	}
	return rs
}

func TestSecurityEmbargoLeaks(t *testing.T) {
	onEngines(t, testSecurityEmbargoLeaks)
}

func testSecurityEmbargoLeaks(t *testing.T, engine string) {
	a := startApp(t, engine)
	rs := securityFixture(t, a)
	tartuEditor := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	outsiders := map[string]*http.Client{
		"the public":     a.client(t),
		"a reader":       a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
		"Tartu's editor": a.as(t, tartuEditor),
	}
	var tallinn []string
	for _, f := range markerFields {
		tallinn = append(tallinn, markerOf("0784", f))
	}
	leaks := func(body string) []string {
		var out []string
		for _, m := range tallinn {
			if strings.Contains(body, m) {
				out = append(out, m)
			}
		}
		return out
	}
	crawled := 0
	for _, route := range a.routes {
		method, pattern, _ := strings.Cut(route, " ")
		if method != "GET" {
			continue
		}
		for _, rd := range []security.Round{rs.published, rs.embargoed} {
			path := strings.NewReplacer("{id}", itoa(rd.ID), "{ehak}", "0784", "{code}", "ISMS.1", "{year}", "2023",
				"{$}", "", "{decision}", "accept").Replace(pattern)
			path = otherParam.ReplaceAllString(path, "1") // another module's record ids
			for name, c := range outsiders {
				_, body := get(t, c, a.URL+path)
				crawled++
				if found := leaks(readable(t, body)); len(found) > 0 {
					t.Errorf("GET %s as %s shows Tallinn's answers: %v", path, name, found)
				}
			}
		}
	}
	if crawled < 100 {
		t.Fatalf("crawled only %d pages", crawled)
	}

	// The markers are there for those who may read them: Tallinn's editor and coordinators.
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	for _, rd := range []security.Round{rs.published, rs.embargoed} {
		base := fmt.Sprintf("/security/rounds/%d/municipalities/0784", rd.ID)
		for _, path := range []string{base + "/modules/ISMS.1", base + "/modules/INF.14", base + "/modules/CON.3", base + "/assessment.xlsx",
			base, fmt.Sprintf("/api/v1/assessments/%d/0784", rd.ID), base + "/history", fmt.Sprintf("/api/v1/assessments/%d/0784/history", rd.ID)} {
			for who, c := range map[string]*http.Client{"Tallinn's editor": own, "a coordinator": coord} {
				status, body := get(t, c, a.URL+path)
				if status != http.StatusOK || len(leaks(readable(t, body))) == 0 {
					t.Errorf("%s as %s: %d, no marker of Tallinn's", path, who, status)
				}
			}
		}
		// Tartu's editor reads Tartu's own, not Tallinn's.
		status, body := get(t, outsiders["Tartu's editor"], a.URL+fmt.Sprintf("/api/v1/assessments/%d/0793", rd.ID))
		if status != http.StatusOK || !strings.Contains(body, markerOf("0793", "justification")) {
			t.Errorf("Tartu's own assessment: %d", status)
		}
	}

	// The published round's aggregates are public; the embargoed round's are not, but
	// for coordinators.
	for _, c := range []struct {
		client *http.Client
		round  security.Round
		status int
	}{
		{outsiders["the public"], rs.published, http.StatusOK},
		{outsiders["the public"], rs.embargoed, http.StatusNotFound},
		{outsiders["Tartu's editor"], rs.embargoed, http.StatusNotFound},
		{coord, rs.embargoed, http.StatusOK},
	} {
		for _, path := range []string{"/security/rounds/%d/aggregates", "/api/v1/assessment-rounds/%d/aggregates"} {
			status, body := get(t, c.client, a.URL+fmt.Sprintf(path, c.round.ID))
			if status != c.status {
				t.Errorf("%s of %s: %d, want %d", path, c.round.Title, status, c.status)
			}
			if status == http.StatusOK && !strings.Contains(body, `"country"`) && !strings.Contains(body, "Kogu Eesti") {
				t.Errorf("%s: no country aggregate:\n%.500s", path, body)
			}
		}
	}
}
