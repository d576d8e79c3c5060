package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/survey"
)

// TestPublicCommenterReadsAsThePublic crawls every GET route of both surfaces as a member
// of the public signed in by the e-mail link: a route the anonymous public may not read
// is refused to them too, and an internal survey's marker, which a reader finds, appears
// nowhere they look.
func TestPublicCommenterReadsAsThePublic(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		ctx := auth.WithUser(context.Background(), &coordUser)
		today := time.Now().UTC()
		c, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: "IKT strateegia 2031", PublicComments: true,
			OpensOn: today.AddDate(0, 0, -1).Format(time.DateOnly), ClosesOn: today.AddDate(0, 0, 14).Format(time.DateOnly)},
			consult.DocVersion{Sections: []consult.Section{{Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."}}})
		if err != nil {
			t.Fatal(err)
		}
		const marker = "MARK-INTERNAL-SURVEY"
		if _, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: marker, Deadline: "2026-12-31", Open: true,
			Questions: []survey.Question{{Key: "q", Text: marker, Type: survey.Text}}}); err != nil {
			t.Fatal(err)
		}
		token, hash := auth.GenerateLinkToken()
		jaan, ok, err := a.store.SignUpCommenter(ctx, auth.CommenterSignUp{Name: "Jaan", Email: "jaan@avalik.test"}, c.ID)
		if err != nil || !ok {
			t.Fatalf("sign-up: %v %v", ok, err)
		}
		if err := a.store.IssueCommenterLink(ctx, jaan.ID, c.ID, hash, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		commenter := a.client(t)
		if s, _ := postForm(t, commenter, a.URL+"/consultations/sign-up/confirm", url.Values{"token": {token}}); s != http.StatusSeeOther {
			t.Fatalf("confirm: %d", s)
		}
		reader := a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))
		if _, body := get(t, reader, a.URL+"/surveys"); !strings.Contains(body, marker) {
			t.Fatal("a reader does not find the marker: the crawl would find nothing")
		}
		public := a.client(t)
		refused := func(s int) bool {
			return s == http.StatusUnauthorized || s == http.StatusForbidden || s == http.StatusNotFound
		}
		// A signed-in account's own notifications and follows, which hold only what their
		// read rules let them see, are the commenter's as anyone's.
		own := map[string]bool{"/api/v1/notifications": true, "/api/v1/account/notifications": true, "/api/v1/follows": true}
		crawled := 0
		for _, route := range a.routes {
			method, pattern, _ := strings.Cut(route, " ")
			if method != "GET" || strings.Contains(pattern, "sign-out") {
				continue
			}
			path := strings.NewReplacer("{ehak}", "0784", "{$}", "").Replace(pattern)
			path = otherParam.ReplaceAllString(path, "1")
			anon, _ := get(t, public, a.URL+path)
			s, body := get(t, commenter, a.URL+path)
			crawled++
			if refused(anon) && !refused(s) && s != http.StatusSeeOther && !own[path] {
				t.Errorf("GET %s: the public gets %d, the public commenter %d", path, anon, s)
			}
			if strings.Contains(body, marker) {
				t.Errorf("GET %s shows the public commenter an internal survey", path)
			}
		}
		if crawled < 100 {
			t.Fatalf("crawled only %d pages", crawled)
		}
	})
}
