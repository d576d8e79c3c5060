package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/plan"
)

const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>`

// TestConsultationJourney: the association opens a consultation on a two-section draft;
// two municipalities and a member of the public comment on passages (the public's through
// moderation, within its rate limit); the coordinator publishes version 2, disposes of
// each comment with a reason and concludes; the diff and the comments table show the
// trace to the changed text and strategy item, and hostile text stays text everywhere.
func TestConsultationJourney(t *testing.T) { onEngines(t, testConsultationJourney) }

func testConsultationJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coordinator := a.as(t, coordUser)
	tartuUser := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
	tartu := a.as(t, tartuUser)
	tallinn := a.as(t, a.user(t, "tiit@tallinn.test", auth.RoleEditor, "0784"))
	public := a.as(t, a.user(t, "jaan@avalik.test", auth.RoleReader, ""))
	anonymous := a.client(t)
	expect := func(what string, status int, body string, want int) {
		t.Helper()
		if status != want {
			t.Fatalf("%s: %d, want %d\n%.600s", what, status, want, body)
		}
	}

	today := time.Now().UTC()
	text := "# Eesmärk\nKõik teenused e-kanalis. " + hostile + "\n\n# Tegevused\nArendame iseteeninduse."
	s, body := postForm(t, coordinator, a.URL+"/consultations", url.Values{"title": {"IKT strateegia 2031 " + hostile}, "text": {text},
		"opens_on": {today.AddDate(0, 0, -1).Format(time.DateOnly)}, "closes_on": {today.AddDate(0, 0, 14).Format(time.DateOnly)}, "public_comments": {"on"}})
	expect("create", s, body, http.StatusSeeOther)
	list, _, err := a.store.ListConsultations(context.Background(), consult.Filter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	c := list[0]
	base := a.URL + "/consultations/" + strconv.FormatInt(c.ID, 10)
	if s, _ := get(t, anonymous, base); s != http.StatusNotFound {
		t.Errorf("the public reads a draft: %d", s)
	}
	s, body = postForm(t, coordinator, base+"/phase", url.Values{"to": {"open"}, "version": {strconv.Itoa(c.Version)}})
	expect("open", s, body, http.StatusSeeOther)

	comment := func(c *http.Client, section, passage, text string) (int, string) {
		return postForm(t, c, base+"/comments", url.Values{"section": {section}, "passage": {passage}, "body": {text}})
	}
	s, body = comment(tartu, "2", "iseteeninduse", "Tartu: ühine iseteenindus "+hostile)
	expect("Tartu's comment", s, body, http.StatusSeeOther)
	s, body = comment(tallinn, "1", "", "Tallinn: lisage paberkanal")
	expect("Tallinn's comment", s, body, http.StatusSeeOther)
	s, body = comment(tallinn, "1", "mida pole", "x")
	expect("a passage not in the section", s, body, http.StatusUnprocessableEntity)
	s, body = comment(public, "1", "teenused", "Avalik: hea mõte")
	expect("the public's comment", s, body, http.StatusSeeOther)
	s, body = comment(coordinator, "1", "", "x")
	expect("a coordinator's comment", s, body, http.StatusForbidden)
	for i := 1; i < consult.PublicPerHour; i++ {
		comment(public, "1", "", "Veel üks "+strconv.Itoa(i))
	}
	s, body = comment(public, "1", "", "Üks liiga palju")
	expect("past the public's hourly limit", s, body, http.StatusTooManyRequests)

	// Hostile text is escaped in the page, the title and the text.
	for _, path := range []string{"/consultations", "/consultations/" + strconv.FormatInt(c.ID, 10), "/consultations/" + strconv.FormatInt(c.ID, 10) + "/comments"} {
		s, body := get(t, anonymous, a.URL+path)
		if s != http.StatusOK || strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") || !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: %d, hostile text not escaped:\n%.400s", path, s, body)
		}
	}
	_, body = get(t, anonymous, base+"/comments")
	if strings.Contains(body, "Avalik: hea mõte") {
		t.Error("the public's comment shows before moderation")
	}

	comments, _, err := a.store.Comments(context.Background(), consult.CommentFilter{ConsultationID: c.ID, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]consult.Comment{}
	for _, k := range comments {
		byText[strings.SplitN(k.Body, ":", 2)[0]] = k
	}
	moderate := func(k consult.Comment, decision string) (int, string) {
		return postForm(t, coordinator, base+"/comments/"+strconv.FormatInt(k.ID, 10)+"/moderate", url.Values{"decision": {decision}, "version": {strconv.Itoa(k.Version)}})
	}
	s, body = moderate(byText["Avalik"], "publish")
	expect("publish the public's comment", s, body, http.StatusSeeOther)
	s, body = moderate(byText["Veel üks 1"], "reject")
	expect("reject without a reason", s, body, http.StatusUnprocessableEntity)

	c, _ = a.store.Consultation(context.Background(), c.ID)
	s, body = postForm(t, coordinator, base+"/phase", url.Values{"to": {"closed"}, "version": {strconv.Itoa(c.Version)}})
	expect("close", s, body, http.StatusSeeOther)
	c, _ = a.store.Consultation(context.Background(), c.ID)
	s, body = postForm(t, coordinator, base+"/versions", url.Values{"note": {"Tartu ettepanek"}, "version": {strconv.Itoa(c.Version)},
		"text": {strings.Replace(text, "Arendame iseteeninduse.", "Arendame ühise iseteeninduse.", 1)}})
	expect("version 2", s, body, http.StatusSeeOther)
	_, body = get(t, anonymous, base+"/diff?from=1&to=2")
	if !strings.Contains(body, "<ins>ühise </ins>") || !strings.Contains(body, "muudetud") {
		t.Errorf("the diff does not show the change:\n%.2000s", body)
	}

	item := nationalItem(t, a)
	dispose := func(k consult.Comment, v url.Values) (int, string) {
		k, err := a.store.Comment(context.Background(), k.ID) // moderation moved its version on
		if err != nil {
			t.Fatal(err)
		}
		v.Set("version", strconv.Itoa(k.Version))
		return postForm(t, coordinator, base+"/comments/"+strconv.FormatInt(k.ID, 10)+"/dispose", v)
	}
	s, body = dispose(byText["Tartu"], url.Values{"disposition": {"accepted"}, "reason": {"Lisatud versiooni 2."}, "changed_in": {"2"}, "item_id": {itoa(item.ID)}})
	expect("dispose of Tartu's", s, body, http.StatusSeeOther)
	s, body = dispose(byText["Tallinn"], url.Values{"disposition": {"declined"}, "reason": {""}})
	expect("dispose without a reason", s, body, http.StatusUnprocessableEntity)
	s, body = dispose(byText["Tallinn"], url.Values{"disposition": {"declined"}, "reason": {"Paberkanal jääb omavalitsuse otsustada."}})
	expect("dispose of Tallinn's", s, body, http.StatusSeeOther)
	c, _ = a.store.Consultation(context.Background(), c.ID)
	s, body = postForm(t, coordinator, base+"/phase", url.Values{"to": {"concluded"}, "outcome": {"Strateegia võeti vastu."}, "version": {strconv.Itoa(c.Version)}})
	expect("conclude with the public's comment undisposed", s, body, http.StatusConflict)
	s, body = dispose(byText["Avalik"], url.Values{"disposition": {"partly"}, "reason": {"Arvestatud osaliselt."}})
	expect("dispose of the public's", s, body, http.StatusSeeOther)
	s, body = postForm(t, coordinator, base+"/phase", url.Values{"to": {"concluded"}, "outcome": {"Strateegia võeti vastu."}, "version": {strconv.Itoa(c.Version)}})
	expect("conclude", s, body, http.StatusSeeOther)

	// The concluded consultation stays at its address, with the trace of each comment.
	_, body = get(t, anonymous, base)
	if !strings.Contains(body, "Strateegia võeti vastu.") || !strings.Contains(body, "Lõpetatud") {
		t.Errorf("the outcome is not shown:\n%.1500s", body)
	}
	_, body = get(t, anonymous, base+"/comments")
	for _, want := range []string{"Arvestatud", "Lisatud versiooni 2.", "/diff?to=2#s2", "Tekst muutus versioonis 2", item.Code, "Mittearvestatud", "Osaliselt arvestatud"} {
		if !strings.Contains(body, want) {
			t.Errorf("the comments table has no %q", want)
		}
	}
	_, body = get(t, anonymous, base+"/comments.xlsx")
	sheet := readable(t, body)
	for _, want := range []string{"Arvestatud", "Lisatud versiooni 2.", "Tartu linn", item.Code, "Avalikkus"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("the XLSX has no %q", want)
		}
	}
	if strings.Contains(sheet, "jaan@avalik.test") {
		t.Error("the XLSX names the public commenter")
	}
	notes, _, _, err := a.store.Notifications(context.Background(), tartuUser.ID, 10, 0)
	if err != nil || len(notes) < 2 || notes[0].Kind != "comment_disposed" || notes[0].Path() != "/consultations/"+strconv.FormatInt(c.ID, 10)+"/comments#c"+strconv.FormatInt(byText["Tartu"].ID, 10) {
		t.Errorf("Tartu's notifications: %+v %v", notes, err)
	}
	if s, _ := postForm(t, coordinator, base+"/edit", url.Values{"title": {"Muudetud"}, "version": {"99"}}); s != http.StatusConflict {
		t.Errorf("editing a concluded consultation: %d", s)
	}
}

// nationalItem is an item of the seeded national strategy, an activity if it has one.
func nationalItem(t *testing.T, a *testApp) plan.Node {
	t.Helper()
	ss, _, err := a.store.ListStrategies(context.Background(), plan.StrategyFilter{Limit: 10})
	if err != nil || len(ss) == 0 {
		t.Fatalf("%v %v", ss, err)
	}
	tree, err := a.store.StrategyTree(context.Background(), ss[0].ID)
	if err != nil || len(tree.Nodes) == 0 {
		t.Fatalf("%+v %v", tree.Nodes, err)
	}
	for _, n := range tree.Nodes {
		if n.Kind == plan.Activity {
			return n
		}
	}
	return tree.Nodes[len(tree.Nodes)-1]
}
