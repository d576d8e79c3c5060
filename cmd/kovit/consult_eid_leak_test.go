package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestEIDCommenterIdentityLeaks crawls every GET route of both surfaces as the public, a
// reader and a municipality's editor after a commenter signed up by eID has a published
// comment: the name the gateway gave and the end of their personal code appear nowhere
// they look, while the consultation's coordinator sees the name in the comments table.
func TestEIDCommenterIdentityLeaks(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p := newTestProvider(t)
			a := startOIDCApp(t, e, p)
			coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
			ctx := auth.WithUser(t.Context(), &coordUser)
			c := openedConsultation(t, a, ctx, "IKT strateegia 2031", true)
			p.signInAs("EE49403136526", "", false)
			p.claims = map[string]any{"profile_attributes": map[string]any{"given_name": "Liisbet", "family_name": "Kasemets"}}
			liis := a.client(t)
			if s, _, _ := signUpEID(t, a, liis, c.ID); s != http.StatusSeeOther {
				t.Fatalf("eID sign-up: %d", s)
			}
			page := a.URL + "/consultations/" + itoa(c.ID)
			if s, _ := postForm(t, liis, page+"/comments", url.Values{"section": {"1"}, "body": {"Avalik: lisage paberkanal."}}); s != http.StatusSeeOther {
				t.Fatalf("comment: %d", s)
			}
			cs, _, err := a.store.Comments(ctx, consult.CommentFilter{ConsultationID: c.ID, Limit: 10})
			if err != nil || len(cs) != 1 {
				t.Fatalf("comments: %+v %v", cs, err)
			}
			if _, err := a.store.ModerateComment(ctx, cs[0].ID, consult.Moderation{Publish: true, Version: cs[0].Version}); err != nil {
				t.Fatal(err)
			}
			coordinator := a.as(t, coordUser)
			if _, body := get(t, coordinator, page+"/comments"); !strings.Contains(body, "Liisbet Kasemets") {
				t.Fatal("the coordinator does not see the commenter's name: the crawl would find nothing")
			}
			if _, body := get(t, a.client(t), page+"/comments"); !strings.Contains(body, "lisage paberkanal") {
				t.Fatal("the public does not see the published comment")
			}
			secrets := []string{"Liisbet", "Kasemets", "•••••••6526", "49403136526"}
			outsiders := map[string]*http.Client{
				"the public":     a.client(t),
				"a reader":       a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
				"Tartu's editor": a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
			}
			crawled := 0
			for _, route := range a.routes {
				method, pattern, _ := strings.Cut(route, " ")
				if method != "GET" {
					continue
				}
				path := strings.NewReplacer("{id}", itoa(c.ID), "{ehak}", "0793", "{$}", "").Replace(pattern)
				path = otherParam.ReplaceAllString(path, "1")
				for name, cl := range outsiders {
					_, body := get(t, cl, a.URL+path)
					crawled++
					body = readable(t, body)
					for _, s := range secrets {
						if strings.Contains(body, s) {
							t.Errorf("GET %s as %s shows %q", path, name, s)
						}
					}
				}
			}
			if crawled < 100 {
				t.Fatalf("crawled only %d pages", crawled)
			}
		})
	}
}
