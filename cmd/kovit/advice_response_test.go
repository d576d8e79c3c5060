package main

import (
	"net/url"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// A municipality's lead writes and approves its official response on the round's page,
// besides its staff's comments; the association reads it on the board, the municipality
// on its page, and another municipality sees only that it answered, on either surface.
func TestOfficialResponsePage(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Kohaliku omavalitsuse korralduse seaduse muutmise seadus",
			Ministry: "Regionaal- ja Põllumajandusministeerium", ReceivedOn: "2026-03-20", MinistryDeadline: "2099-04-10",
			InternalDeadline: "2099-04-02", Public: true, Sections: []advice.Section{{Heading: "§ 1. KOKS § 6 muutmine"}}})
		if err != nil {
			t.Fatal(err)
		}
		leadUser := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
		if _, err := a.store.SetLead(ctx, leadUser.ID, true); err != nil {
			t.Fatal(err)
		}
		lead := a.as(t, leadUser)
		path := a.URL + "/comment-rounds/" + itoa(r.ID)
		if st, b := postForm(t, lead, path+"/comments", url.Values{"municipality_ehak": {"0793"}, "body": {"Ülesandega peab kaasnema rahastus."}}); st != 303 {
			t.Fatalf("comment: %d %.300s", st, b)
		}
		if st, b := postForm(t, lead, path+"/respond", url.Values{"municipality_ehak": {"0793"}, "no_comments": {"on"}}); st != 422 || !strings.Contains(b, "töötajad on eelnõu kohta märkusi kirjutanud") {
			t.Errorf("no comments over the staff's: %d", st)
		}
		if rs, _ := a.store.Responses(ctx, r.ID); len(rs) != 0 {
			t.Fatalf("a refused response was saved: %+v", rs)
		}
		text := "Tartu linn toetab eelnõu, kui uue ülesande rahastus tagatakse riigieelarvest."
		if st, b := postForm(t, lead, path+"/respond", url.Values{"municipality_ehak": {"0793"}, "text": {text}}); st != 303 {
			t.Fatalf("respond: %d %.300s", st, b)
		}
		if _, b := get(t, lead, path); !strings.Contains(b, text) || !strings.Contains(b, "Omavalitsuse ametlik vastus") {
			t.Error("the municipality's page does not show its official response")
		}
		if _, b := get(t, a.as(t, coordUser), path+"/board"); !strings.Contains(b, text) {
			t.Error("the board does not show the official response to the association")
		}
		if st, b := get(t, a.as(t, coordUser), a.URL+"/api/v1/comment-rounds/"+itoa(r.ID)); st != 200 || !strings.Contains(b, text) {
			t.Errorf("the API does not give the association the text: %d", st)
		}
		other := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
		for _, u := range []string{path, a.URL + "/api/v1/comment-rounds/" + itoa(r.ID)} {
			if st, b := get(t, other, u); st != 200 || strings.Contains(b, text) {
				t.Errorf("%s: another municipality reads Tartu's official response (%d)", u, st)
			}
		}
		st, b := send(t, other, "POST", a.URL+"/api/v1/comment-rounds/"+itoa(r.ID)+"/respond", "application/json", `{"municipality_ehak":"0784","text":"Toetame.","no_comments":true}`)
		if st != 403 {
			t.Errorf("an editor who is not the lead responds: %d %.200s", st, b)
		}
	})
}
