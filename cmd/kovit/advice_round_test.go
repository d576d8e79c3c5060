package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// The representation journey over the pages: a round whose deadline spans Good Friday
// gets its internal deadline in working days; three municipalities comment; the advisor
// merges two comments into a point and does not adopt one, with a reason; the table is
// exported; the ministry's table is imported; each municipality sees its comment's fate.
func TestCommentRoundJourney(t *testing.T) {
	onEngines(t, testCommentRoundJourney)
}

func testCommentRoundJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	editors := map[string]string{"0793": "it@tartu.test", "0784": "it@tallinn.test", "0296": "it@keila.test"}
	status, body := postForm(t, coord, a.URL+"/comment-rounds", url.Values{"title": {"Kohaliku omavalitsuse korralduse seaduse muutmise seadus"},
		"ministry": {"Regionaal- ja Põllumajandusministeerium"}, "received_on": {"2026-03-20"}, "ministry_deadline": {"2026-04-10"},
		"internal_days": {"5"}, "public": {"true"}, "recipients": {"0793", "0784", "0296"},
		"sections": {"§ 1. KOKS § 6 muutmine\nÜlesanne lisatakse.\n\n§ 2. Rakendamine\nJõustub 2027."}})
	if status != 303 {
		t.Fatalf("open the round: %d %.500s", status, body)
	}
	rounds, err := a.store.ListCommentRounds(context.Background())
	if err != nil || len(rounds) != 1 {
		t.Fatal(rounds, err)
	}
	r, _ := a.store.CommentRound(context.Background(), rounds[0].ID)
	if r.InternalDeadline != "2026-04-02" {
		t.Errorf("internal deadline %s, want 2026-04-02 (five working days back over Good Friday)", r.InternalDeadline)
	}
	path := a.URL + "/comment-rounds/" + itoa(r.ID)
	if _, body := get(t, coord, path); !strings.Contains(body, "02.04.2026") || !strings.Contains(body, "14 tööpäeva") {
		t.Errorf("the round page does not show the internal deadline and the 14 working days given")
	}
	bodies := map[string]string{"0793": "Ülesandega peab kaasnema rahastus.", "0784": "Rahastus tuleb tagada riigieelarvest.", "0296": "Jõustumine on liiga vara."}
	for ehak, email := range editors {
		u := a.user(t, email, auth.RoleEditor, ehak)
		c := a.as(t, u)
		sec := r.Sections[0].ID
		if ehak == "0296" {
			sec = r.Sections[1].ID
		}
		if st, b := postForm(t, c, path+"/comments", url.Values{"municipality_ehak": {ehak}, "section_id": {itoa(sec)}, "body": {bodies[ehak]}}); st != 303 {
			t.Fatalf("%s comments: %d %.300s", ehak, st, b)
		}
		if st, _ := postForm(t, c, path+"/respond", url.Values{"municipality_ehak": {ehak}}); st != 403 {
			t.Errorf("%s's staff, not its lead, responds: %d", ehak, st)
		}
	}
	if _, body := get(t, coord, path); !strings.Contains(body, "Vastanud 0 / 3 omavalitsust") {
		t.Error("the board does not count who has answered")
	}
	if st, _ := postForm(t, coord, path+"/points", url.Values{"section_id": {itoa(r.Sections[0].ID)}, "text": {"Uue ülesandega peab kaasnema rahastus riigieelarvest."}}); st != 303 {
		t.Fatalf("add a point: %d", st)
	}
	points, _ := a.store.Points(context.Background(), r.ID)
	comments, _ := a.store.RoundComments(context.Background(), r.ID)
	for _, c := range comments {
		v := url.Values{"version": {itoa(int64(c.Version))}}
		switch c.MunicipalityEHAK {
		case "0793":
			v.Set("fate", "adopted")
			v.Set("point_id", itoa(points[0].ID))
		case "0784":
			v.Set("fate", "merged")
			v.Set("point_id", itoa(points[0].ID))
		default:
			v.Set("fate", "not_adopted")
			if st, _ := postForm(t, coord, path+"/comments/"+itoa(c.ID)+"/decide", v); st != 422 {
				t.Errorf("not adopted without a reason: %d", st)
			}
			v.Set("reason", "Jõustumisaeg on piisav.")
		}
		if st, b := postForm(t, coord, path+"/comments/"+itoa(c.ID)+"/decide", v); st != 303 {
			t.Fatalf("decide %s: %d %.300s", c.MunicipalityEHAK, st, b)
		}
	}
	status, csv := get(t, coord, path+"/position.csv")
	if status != 200 || !strings.Contains(csv, "Uue ülesandega peab kaasnema rahastus") || !strings.Contains(csv, "Tallinn") || !strings.Contains(csv, "Tartu linn") || strings.Contains(csv, "Keila") {
		t.Errorf("the table export: %d\n%s", status, csv)
	}
	if status, page := get(t, coord, path+"/table"); status != 200 || !strings.Contains(page, "Märkus või ettepanek") || !strings.Contains(page, "Uue ülesandega") {
		t.Errorf("the printable table: %d", status)
	}
	if status, _ := get(t, coord, path+"/position.xlsx"); status != 200 {
		t.Errorf("xlsx: %d", status)
	}
	if _, letter := get(t, coord, path+"/letter"); !strings.Contains(letter, "1. (§ 1. KOKS § 6 muutmine) Uue ülesandega") {
		t.Errorf("letter:\n%s", letter)
	}
	upload := func(csv string) (int, string) {
		body := "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vastus.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--kovit--\r\n"
		return send(t, coord, "POST", path+"/dispositions", "multipart/form-data; boundary=kovit", body)
	}
	if st, b := upload("Jrk nr;Arvestatud / mittearvestatud;Selgitus\n1;mittearvestatud;\n7;arvestatud;\n"); st != 422 || !strings.Contains(b, "Selgitus") || !strings.Contains(b, "Jrk nr") {
		t.Errorf("a bad table: %d", st)
	}
	if p, _ := a.store.Points(context.Background(), r.ID); p[0].Disposition != advice.NoAnswer {
		t.Error("a refused table changed a point")
	}
	if st, b := upload("Jrk nr;Arvestatud / mittearvestatud;Selgitus\n1;osaliselt arvestatud;Rahastus lisatakse 2028. aasta eelarvesse.\n"); st != 303 {
		t.Fatalf("import: %d %.500s", st, b)
	}
	for ehak, email := range editors {
		c := a.signedIn(t, email, "parool-"+email)
		_, body := get(t, c, path+"/position")
		want := map[string][]string{"0793": {"Arvestatud omaette punktina", "Osaliselt arvestatud", "Rahastus lisatakse 2028"},
			"0784": {"Liidetud punkti", "Osaliselt arvestatud"}, "0296": {"Arvestamata", "Jõustumisaeg on piisav."}}[ehak]
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s's position page lacks %q", ehak, w)
			}
		}
		for other, text := range bodies {
			if other != ehak && strings.Contains(body, text) {
				t.Errorf("%s sees %s's comment", ehak, other)
			}
		}
		if ehak != "0296" {
			if _, n := get(t, c, a.URL+"/notifications"); !strings.Contains(n, "Ministeerium vastas eelnõu ettepanekutele") {
				t.Errorf("%s was not told of the ministry's answer", ehak)
			}
		}
	}
}

// A round goes to a peer group: a county's municipalities and the cities, besides those
// chosen one by one.
func TestCommentRoundPeerGroups(t *testing.T) {
	a := startApp(t, "sqlite")
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	status, body := postForm(t, coord, a.URL+"/comment-rounds", url.Values{"title": {"Eelnõu"}, "ministry": {"RaM"},
		"received_on": {"2026-03-20"}, "ministry_deadline": {"2026-04-10"}, "public": {"true"}, "sections": {"§ 1"},
		"group": {"county:0079", "type:linn"}, "recipients": {"0198"}})
	if status != 303 {
		t.Fatalf("open: %d %.300s", status, body)
	}
	rounds, _ := a.store.ListCommentRounds(context.Background())
	got := rounds[0].Recipients
	for _, want := range []string{"0793", "0171", "0784", "0198"} { // Tartu linn, Elva vald (Tartu county), Tallinn (a city), chosen
		found := false
		for _, e := range got {
			found = found || e == want
		}
		if !found {
			t.Errorf("recipients %v lack %s", got, want)
		}
	}
	if len(got) != 8+15-1+1 { // Tartu county's 8 and the 15 cities, Tartu linn in both, and one chosen
		t.Errorf("%d recipients: %v", len(got), got)
	}
	// The ministry moves its deadline: the internal one follows, in working days.
	edit := url.Values{"title": {"Eelnõu"}, "ministry": {"RaM"}, "received_on": {"2026-03-20"}, "ministry_deadline": {"2026-04-17"},
		"internal_days": {"5"}, "public": {"true"}, "all": {"true"}, "version": {"1"}}
	if st, b := postForm(t, coord, a.URL+"/comment-rounds/"+itoa(rounds[0].ID), edit); st != 303 {
		t.Fatalf("edit: %d %.300s", st, b)
	}
	if st, _ := postForm(t, coord, a.URL+"/comment-rounds/"+itoa(rounds[0].ID), edit); st != 409 {
		t.Errorf("a stale edit: %d", st)
	}
	if r, _ := a.store.CommentRound(context.Background(), rounds[0].ID); r.InternalDeadline != "2026-04-10" || len(r.Recipients) != 0 || len(r.Sections) != 1 {
		t.Errorf("after the edit: %+v", r)
	}
	if status, _ := get(t, coord, a.URL+"/comment-rounds/"+itoa(rounds[0].ID)+"/edit"); status != 200 {
		t.Errorf("edit form: %d", status)
	}
	if status, _ := postForm(t, coord, a.URL+"/comment-rounds", url.Values{"title": {"X"}, "ministry": {"M"}, "received_on": {"2026-03-20"},
		"ministry_deadline": {"2026-04-10"}, "public": {"true"}, "sections": {"§ 1"}}); status != 422 {
		t.Errorf("a round to nobody: %d", status)
	}
}
