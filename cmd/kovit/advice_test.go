package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/refdata"
)

// The question's journey through the pages: Tartu asks, the coordinator asks back, Tartu
// replies, the coordinator answers, Tartu is told and closes it, and the answer becomes a
// draft entry with Tartu's name taken out.
func TestInquiryPages(t *testing.T) {
	onEngines(t, testInquiryPages)
}

func testInquiryPages(t *testing.T, engine string) {
	a := startApp(t, engine)
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	status, body := postForm(t, tartu, a.URL+"/inquiries", url.Values{"topic": {"law"}, "subject": {""}, "question": {"Kas?"}, "links": {"ftp://x"}})
	if status != 422 || !strings.Contains(body, `id="e-subject"`) || !strings.Contains(body, "ftp://x") {
		t.Fatalf("a bad question: %d, want 422 naming the subject and keeping the links", status)
	}
	status, _ = postForm(t, tartu, a.URL+"/inquiries", url.Values{"topic": {"law"}, "subject": {"Tartu linna dokumendiregister"},
		"question": {"Kas Tartu linn peab registri avalikustama?"}, "links": {"https://www.riigiteataja.ee/akt/AvTS\n"}})
	if status != 303 {
		t.Fatalf("ask: %d", status)
	}
	list, _, err := a.store.ListInquiries(context.Background(), advice.InquiryFilter{})
	if err != nil || len(list) != 1 || list[0].MunicipalityEHAK != "0793" {
		t.Fatalf("stored %+v %v", list, err)
	}
	path := a.URL + "/inquiries/" + itoa(list[0].ID)
	move := func(c interface{}, to, text string, version int) int {
		v := url.Values{"to": {to}, "version": {itoa(int64(version))}, "note": {text}, "answer": {text}}
		st, _ := postForm(t, tartu, path+"/move", v)
		if c == "coord" {
			st, _ = postForm(t, coord, path+"/move", v)
		}
		return st
	}
	if st := move("tartu", "answered", "Jah", 1); st != 403 {
		t.Errorf("Tartu answers its own question: %d", st)
	}
	if st := move("coord", "waiting", "", 1); st != 422 {
		t.Errorf("asking back without saying what: %d", st)
	}
	if st := move("coord", "waiting", "Milline register?", 1); st != 303 {
		t.Errorf("ask back: %d", st)
	}
	if st := move("tartu", "in_progress", "Dokumendiregister", 2); st != 303 {
		t.Errorf("reply: %d", st)
	}
	if st := move("coord", "answered", "Jah, Tartu linn peab.", 3); st != 303 {
		t.Errorf("answer: %d", st)
	}
	if _, body := get(t, tartu, a.URL+"/notifications"); !strings.Contains(body, "Tartu linna dokumendiregister") {
		t.Error("Tartu's notifications do not tell of the answer")
	}
	_, body = get(t, tartu, path)
	for _, want := range []string{"Jah, Tartu linn peab.", "Sulge", "Ava uuesti", "Ajalugu"} {
		if !strings.Contains(body, want) {
			t.Errorf("Tartu's page lacks %q", want)
		}
	}
	if strings.Contains(body, "/kb/new") {
		t.Error("Tartu is offered to make a knowledge-base entry")
	}
	if st := move("tartu", "closed", "", 4); st != 303 {
		t.Errorf("close: %d", st)
	}
	_, body = get(t, coord, a.URL+"/kb/new?inquiry="+itoa(list[0].ID))
	if !strings.Contains(body, "[KOV] dokumendiregister") || strings.Contains(body, "Tartu linn peab") {
		t.Errorf("the promoted entry is not anonymised:\n%.2000s", body)
	}
	if status, body := get(t, coord, a.URL+"/inquiries/stats"); status != 200 || !strings.Contains(body, "Õigus") {
		t.Errorf("stats: %d", status)
	}
	if status, body := get(t, coord, a.URL+"/inquiries.csv"); status != 200 || !strings.Contains(body, "Tartu linna dokumendiregister") {
		t.Errorf("export: %d %.300s", status, body)
	}
}

// A coordinator's desk marks questions late and very late by working days.
func TestInquiryDesk(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		now := time.Now()
		ask := func(subject string, topic advice.Topic, workdaysAgo int) {
			cal, err := refdata.Calendar()
			if err != nil {
				t.Fatal(err)
			}
			at := cal.SubWorkdays(advice.Day(now, kovit.Estonia), workdaysAgo)
			a.store.Now = func() time.Time { return time.Date(at.Year(), at.Month(), at.Day(), 10, 0, 0, 0, kovit.Estonia) }
			if _, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: topic, Subject: subject, Question: "?"}); err != nil {
				t.Fatal(err)
			}
		}
		ask("Värske küsimus", advice.TopicLaw, 1)
		ask("Hiline küsimus", advice.TopicSecurity, 4)
		ask("Väga hiline küsimus", advice.TopicSecurity, 8)
		a.store.Now = time.Now
		_, body := get(t, a.as(t, coordUser), a.URL+"/desk")
		veryLate, late, open := strings.Index(body, "Väga hiline küsimus"), strings.Index(body, "Hiline küsimus"), strings.Index(body, "Värske küsimus")
		if veryLate < 0 || late < 0 || open < 0 || !(veryLate < late && late < open) {
			t.Errorf("desk order: very late %d, late %d, open %d", veryLate, late, open)
		}
		for _, want := range []string{"Väga hilinenud küsimus", "Hilinenud küsimus", "Vastamist ootav küsimus"} {
			if !strings.Contains(body, want) {
				t.Errorf("desk lacks %q", want)
			}
		}
	})
}

// adviceFixture makes a question of Tartu's, a public knowledge-base entry, a public
// round of comment asking every municipality and a comment of Tartu's on it, each the
// first of its kind (id 1), for the tests that visit every page and pair the surfaces.
func adviceFixture(t *testing.T, a *testApp) {
	t.Helper()
	coord := a.user(t, "advice-coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coord)
	if _, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: "Küsimus Tikker", Question: "Kas?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Kirje Tikker", Answer: "Vastus", Topic: advice.TopicLaw, Visibility: advice.Public}); err != nil {
		t.Fatal(err)
	}
	r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Eelnõu Tikker", Ministry: "RaM", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10",
		InternalDeadline: "2026-04-02", Public: true, Sections: []advice.Section{{Heading: "§ 1"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.AddComment(ctx, advice.Comment{RoundID: r.ID, MunicipalityEHAK: "0793", Body: "Märkus Tikker"}); err != nil {
		t.Fatal(err)
	}
}

// noEnteredText are the CSV exports that carry no text anyone entered (counts and
// codes), so the formula test finds no formula-like text to look for in them.
var noEnteredText = map[string]bool{"GET /inquiries/stats.csv": true, "GET /security/rounds/{id}/aggregates.csv": true,
	"GET /trainings/coverage.csv": true}

// adviceFormulaFixture puts evil text where the advice exports show entered text: a
// question's subject, an entry's title, a position's point; it returns the round's id.
func adviceFormulaFixture(t *testing.T, a *testApp, ctx context.Context, evil string) int64 {
	t.Helper()
	if _, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: "-" + evil, Question: "?"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateEntry(ctx, advice.Entry{Title: "+" + evil, Answer: "@" + evil, Topic: advice.TopicLaw, Visibility: advice.Public}); err != nil {
		t.Fatal(err)
	}
	r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Eelnõu", Ministry: "RaM", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10",
		InternalDeadline: "2026-04-02", Public: true, Sections: []advice.Section{{Heading: "=" + evil}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.AddPoint(ctx, advice.Point{RoundID: r.ID, SectionID: &r.Sections[0].ID, Text: evil}); err != nil {
		t.Fatal(err)
	}
	return r.ID
}
