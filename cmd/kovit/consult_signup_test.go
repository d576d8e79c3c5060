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
)

// TestPublicCommenterSignUp: a member of the public signs up to comment on a consultation
// that allows it by e-mail confirmation. The page answers the same for a new address and
// for a staff account's, which gets no mail; the mailed link works once, within its hour,
// through a button; the commenter is signed in, comments into the moderation queue and
// reads nothing internal; requests are limited per address; a consultation for members
// only takes no sign-ups.
func TestPublicCommenterSignUp(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		ctx := auth.WithUser(context.Background(), &coordUser)
		today := time.Now().UTC()
		open := func(public bool) consult.Consultation {
			t.Helper()
			c, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: "IKT strateegia 2031", PublicComments: public,
				OpensOn: today.AddDate(0, 0, -1).Format(time.DateOnly), ClosesOn: today.AddDate(0, 0, 14).Format(time.DateOnly)},
				consult.DocVersion{Sections: []consult.Section{{Heading: "Eesmärk", Body: "Kõik teenused e-kanalis."}}})
			if err != nil {
				t.Fatal(err)
			}
			if c, err = a.store.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
				t.Fatal(err)
			}
			return c
		}
		c, members := open(true), open(false)
		page := a.URL + "/consultations/" + itoa(c.ID)
		public := a.client(t)
		if _, body := get(t, public, page); !strings.Contains(body, `href="/consultations/`+itoa(c.ID)+`/sign-up"`) {
			t.Errorf("the consultation page offers no sign-up")
		}
		if s, _ := get(t, public, a.URL+"/consultations/"+itoa(members.ID)+"/sign-up"); s != http.StatusForbidden {
			t.Errorf("sign-up to a members' consultation: %d", s)
		}
		if s, body := postForm(t, public, page+"/sign-up", url.Values{"name": {""}, "email": {"not an address"}}); s != http.StatusUnprocessableEntity ||
			!strings.Contains(body, `id="e-name"`) || !strings.Contains(body, `id="e-email"`) {
			t.Errorf("a bad sign-up: %d", s)
		}
		ask := func(email string) (int, string) {
			return postForm(t, a.client(t), page+"/sign-up", url.Values{"name": {"Jaan <b>Tamm</b>"}, "email": {email}})
		}
		s1, staff := ask("mari@tartu.test")
		s2, fresh := ask("jaan@avalik.test")
		if s1 != http.StatusOK || s2 != http.StatusOK || strings.ReplaceAll(staff, "mari@tartu.test", "X") != strings.ReplaceAll(fresh, "jaan@avalik.test", "X") {
			t.Fatalf("answers differ: %d %d", s1, s2)
		}
		msgs := smtp.Wait(t, 1)
		time.Sleep(300 * time.Millisecond) // a mail to the staff account would have come by now
		if msgs = smtp.Messages(); len(msgs) != 1 || msgs[0].To[0] != "jaan@avalik.test" {
			t.Fatalf("mails: %+v", msgs)
		}
		i := strings.Index(msgs[0].Text, testBaseURL+"/consultations/sign-up/confirm?token=")
		if i < 0 {
			t.Fatalf("no link in the mail:\n%s", msgs[0].Text)
		}
		link := strings.Fields(msgs[0].Text[i:])[0]
		token := tokenOf(t, link)
		jaan := a.client(t)
		if s, body := get(t, jaan, a.URL+"/consultations/sign-up/confirm?token="+url.QueryEscape(token)); s != http.StatusOK || !strings.Contains(body, `name="token"`) {
			t.Fatalf("the link's page: %d", s)
		}
		if s, _ := postForm(t, jaan, a.URL+"/consultations/sign-up/confirm", url.Values{"token": {"made-up"}}); s != http.StatusNotFound {
			t.Errorf("a made-up link: %d", s)
		}
		if s, body := postForm(t, jaan, a.URL+"/consultations/sign-up/confirm", url.Values{"token": {token}}); s != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%.800s", s, body)
		}
		if s, _ := postForm(t, a.client(t), a.URL+"/consultations/sign-up/confirm", url.Values{"token": {token}}); s != http.StatusNotFound {
			t.Errorf("the link used again: %d", s)
		}
		if s, body := postForm(t, jaan, page+"/comments", url.Values{"section": {"1"}, "body": {"Avalik: <script>alert(1)</script> hea mõte."}}); s != http.StatusSeeOther {
			t.Fatalf("the commenter's comment: %d\n%.1500s", s, body)
		}
		cs, _, err := a.store.Comments(ctx, consult.CommentFilter{ConsultationID: c.ID, Limit: 10})
		if err != nil || len(cs) != 1 || cs[0].Status != consult.Pending || cs[0].MunicipalityEHAK != "" || cs[0].AuthorName != "Jaan <b>Tamm</b>" {
			t.Fatalf("the comment: %+v %v", cs, err)
		}
		for _, path := range []string{"/surveys", "/api/v1/surveys", "/api/v1/security/rounds", "/trainings", "/needs/1"} {
			if s, _ := get(t, jaan, a.URL+path); s != http.StatusForbidden && s != http.StatusNotFound {
				t.Errorf("the public commenter reads %s: %d", path, s)
			}
		}
		for range 10 {
			ask("jaan@avalik.test")
		}
		if s, _ := ask("jaan@avalik.test"); s != http.StatusTooManyRequests {
			t.Errorf("sign-ups past the limit: %d", s)
		}
	})
}
