package main

import (
	"net/url"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// A coordinator rewrites a point of the position after adding it, on the page and through
// the API: the version read guards each save, the point's number and round stay, another
// round's point is not reached through this one, and every change is in its history.
func TestPositionPointEdit(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		round := func(title string) advice.Round {
			r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: title, Ministry: "Regionaal- ja Põllumajandusministeerium",
				ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10", InternalDeadline: "2026-04-02", Public: true,
				Sections: []advice.Section{{Heading: "§ 1. KOKS § 6 muutmine"}, {Heading: "§ 2. Rakendamine"}}})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		r, other := round("Kohaliku omavalitsuse korralduse seaduse muutmise seadus"), round("Avaliku teabe seaduse muutmise seadus")
		pt, err := a.store.AddPoint(ctx, advice.Point{RoundID: r.ID, Text: "Ülesandega peab kaasnema rahastus."})
		if err != nil {
			t.Fatal(err)
		}
		foreign, err := a.store.AddPoint(ctx, advice.Point{RoundID: other.ID, Text: "Teise eelnõu punkt."})
		if err != nil {
			t.Fatal(err)
		}
		coord := a.as(t, coordUser)
		path := a.URL + "/comment-rounds/" + itoa(r.ID)
		edit := url.Values{"version": {"1"}, "section_id": {itoa(r.Sections[1].ID)}, "text": {"Uue ülesandega peab kaasnema rahastus riigieelarvest."}}
		if st, b := postForm(t, coord, path+"/points/"+itoa(pt.ID), edit); st != 303 {
			t.Fatalf("edit the point: %d %.300s", st, b)
		}
		if st, _ := postForm(t, coord, path+"/points/"+itoa(pt.ID), edit); st != 409 {
			t.Errorf("a save on the version already changed: %d, want 409", st)
		}
		if st, _ := postForm(t, coord, path+"/points/"+itoa(foreign.ID), url.Values{"version": {"1"}, "text": {"Võõras"}}); st != 404 {
			t.Errorf("another round's point through this round: %d, want 404", st)
		}
		blank := url.Values{"version": {"2"}, "text": {"  "}}
		if st, b := postForm(t, coord, path+"/points/"+itoa(pt.ID), blank); st != 422 || !strings.Contains(b, "Punkti tekst") {
			t.Errorf("an empty text: %d, want 422 naming the field", st)
		}
		_, page := get(t, coord, path+"/position")
		for _, want := range []string{"Uue ülesandega peab kaasnema rahastus riigieelarvest.", "Muuda punkti", "Ülesandega peab kaasnema rahastus.", "Punkti 1 muudatused"} {
			if !strings.Contains(page, want) {
				t.Errorf("the position page lacks %q", want)
			}
		}
		editor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		if st, _ := postForm(t, editor, path+"/points/"+itoa(pt.ID), url.Values{"version": {"2"}, "text": {"Toimetaja"}}); st != 403 {
			t.Errorf("an editor edits a point: %d", st)
		}

		api := a.URL + "/api/v1/positions/" + itoa(r.ID) + "/points/"
		js := "application/json"
		if st, b := send(t, coord, "PATCH", api+itoa(pt.ID), js, `{"text":"Rahastus tuleb tagada riigieelarvest.","version":2}`); st != 200 || !strings.Contains(b, `"version":3`) {
			t.Errorf("PATCH the point: %d %.300s", st, b)
		}
		if st, _ := send(t, coord, "PATCH", api+itoa(pt.ID), js, `{"text":"Vana","version":2}`); st != 409 {
			t.Errorf("PATCH on a stale version: %d, want 409", st)
		}
		if st, b := send(t, coord, "PATCH", api+itoa(pt.ID), js, `{"number":5,"version":3}`); st != 422 || !strings.Contains(b, "number") {
			t.Errorf("PATCH of the number: %d %.200s", st, b)
		}
		if st, _ := send(t, coord, "PATCH", api+itoa(pt.ID), js, `{"text":"Ilma versioonita"}`); st != 422 {
			t.Errorf("PATCH without a version: %d", st)
		}
		if st, _ := send(t, coord, "PATCH", api+itoa(foreign.ID), js, `{"text":"Võõras","version":1}`); st != 404 {
			t.Errorf("PATCH of another round's point: %d", st)
		}
		if st, _ := send(t, editor, "PATCH", api+itoa(pt.ID), js, `{"text":"Toimetaja","version":3}`); st != 403 {
			t.Errorf("an editor PATCHes a point: %d", st)
		}
		got, _ := a.store.Points(ctx, r.ID)
		if got[0].Text != "Rahastus tuleb tagada riigieelarvest." || got[0].Number != 1 || got[0].Version != 3 {
			t.Errorf("point after the edits: %+v", got[0])
		}
		if o, _ := a.store.Points(ctx, other.ID); o[0].Text != "Teise eelnõu punkt." {
			t.Errorf("another round's point changed: %+v", o[0])
		}
		_, page = get(t, coord, path+"/position")
		if n := strings.Count(page, "Rahastus tuleb tagada riigieelarvest."); n < 2 {
			t.Errorf("the point's history does not show the API's edit (%d)", n)
		}
	})
}
