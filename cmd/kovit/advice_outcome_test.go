package main

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// The ministry's table applies every row or none, on the page and in the API, and a
// refused one names each problem by row and column. Once it applies, every municipality
// that commented, its comment adopted, merged or not adopted, finds the outcome on its
// desk and in a notification, both leading to its own comment's fate; a municipality
// that did not comment gets neither.
func TestCommentOutcomeAllOrNothing(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Kohaliku omavalitsuse korralduse seaduse muutmise seadus",
			Ministry: "Regionaal- ja Põllumajandusministeerium", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10",
			InternalDeadline: "2026-04-02", Public: true, Recipients: []string{"0793", "0784", "0296", "0198"},
			Sections: []advice.Section{{Heading: "§ 1. KOKS § 6 muutmine"}, {Heading: "§ 2. Rakendamine"}}})
		if err != nil {
			t.Fatal(err)
		}
		bodies := map[string]string{"0793": "Ülesandega peab kaasnema rahastus.", "0784": "Rahastus tuleb tagada riigieelarvest.", "0296": "Jõustumine on liiga vara."}
		editors := map[string]string{"0793": "it@tartu.test", "0784": "it@tallinn.test", "0296": "it@keila.test", "0198": "it@haapsalu.test"}
		users := map[string]auth.User{}
		for ehak, email := range editors {
			users[ehak] = a.user(t, email, auth.RoleEditor, ehak)
		}
		comments := map[string]advice.Comment{}
		for ehak, body := range bodies {
			u := users[ehak]
			c, err := a.store.AddComment(auth.WithUser(context.Background(), &u), advice.Comment{RoundID: r.ID, MunicipalityEHAK: ehak, Body: body})
			if err != nil {
				t.Fatal(err)
			}
			comments[ehak] = c
		}
		p1, err := a.store.AddPoint(ctx, advice.Point{RoundID: r.ID, Text: "Uue ülesandega peab kaasnema rahastus riigieelarvest."})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.AddPoint(ctx, advice.Point{RoundID: r.ID, Text: "Seadus jõustugu 2028."}); err != nil {
			t.Fatal(err)
		}
		for ehak, d := range map[string]advice.Decision{"0793": {Fate: advice.Adopted, PointID: &p1.ID}, "0784": {Fate: advice.Merged, PointID: &p1.ID},
			"0296": {Fate: advice.NotAdopted, Reason: "Jõustumisaeg on piisav."}} {
			d.Version = comments[ehak].Version
			if _, err := a.store.DecideComment(ctx, comments[ehak].ID, d); err != nil {
				t.Fatal(ehak, err)
			}
		}
		coord := a.as(t, coordUser)
		path := a.URL + "/comment-rounds/" + itoa(r.ID)
		unchanged := func(what string) {
			t.Helper()
			ps, err := a.store.Points(context.Background(), r.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if p.Disposition != advice.NoAnswer {
					t.Errorf("%s changed point %d: %+v", what, p.Number, p)
				}
			}
		}
		// Row 2 is good; row 3 gives no reason for a partial acceptance, row 4 names no point.
		upload := "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"vastus.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
			"Jrk nr;Arvestatud / mittearvestatud;Selgitus\n1;arvestatud;\n2;osaliselt arvestatud;\n9;arvestatud;\n\r\n--kovit--\r\n"
		st, b := send(t, coord, "POST", path+"/dispositions", "multipart/form-data; boundary=kovit", upload)
		cells := regexp.MustCompile(`<tr><td>(\d+)</td><td><code>([^<]+)</code></td>`).FindAllStringSubmatch(b, -1)
		var got []string
		for _, c := range cells {
			got = append(got, c[1]+" "+c[2])
		}
		if st != 422 || strings.Join(got, ", ") != "3 Selgitus, 4 Jrk nr" {
			t.Errorf("a table with two bad rows: %d, problems %q, want row 3 Selgitus and row 4 Jrk nr", st, got)
		}
		unchanged("a refused table")
		st, b = send(t, coord, "PUT", a.URL+"/api/v1/positions/"+itoa(r.ID)+"/dispositions", "application/json",
			`{"rows":[{"number":1,"disposition":"accepted"},{"number":2,"disposition":"maybe"},{"number":9,"disposition":"accepted"}]}`)
		if st != 422 || !strings.Contains(b, "rows[1].disposition") || !strings.Contains(b, "rows[2].number") || strings.Contains(b, "rows[0]") {
			t.Errorf("API rows with two bad ones: %d %.500s", st, b)
		}
		unchanged("refused API rows")

		st, b = send(t, coord, "PUT", a.URL+"/api/v1/positions/"+itoa(r.ID)+"/dispositions", "application/json",
			`{"rows":[{"number":1,"disposition":"partly_accepted","reason":"Rahastus lisatakse 2028. aasta eelarvesse."},{"number":2,"disposition":"not_accepted","reason":"Ei."}]}`)
		if st != 200 {
			t.Fatalf("dispositions: %d %.500s", st, b)
		}
		fates := map[string][]string{"0793": {"Arvestatud omaette punktina", "Osaliselt arvestatud: Rahastus lisatakse 2028"},
			"0784": {"Liidetud punkti", "Osaliselt arvestatud"}, "0296": {"Arvestamata: Jõustumisaeg on piisav."}}
		// Each municipality's own fate, in both languages, on its desk and in its
		// notification; never another's.
		own := map[string][2]string{
			"0793": {"Teie märkus arvestati omaette punktina 1; ministeerium: Osaliselt arvestatud: Rahastus lisatakse 2028. aasta eelarvesse.",
				"Your comment was adopted as point 1; the ministry: Partly accepted: Rahastus lisatakse 2028. aasta eelarvesse."},
			"0784": {"Teie märkus liideti punkti 1; ministeerium: Osaliselt arvestatud: Rahastus", "Your comment was merged into point 1; the ministry: Partly accepted: Rahastus"},
			"0296": {"Teie märkust ei arvestatud: Jõustumisaeg on piisav.", "Your comment was not adopted: Jõustumisaeg on piisav."},
		}
		link := "/comment-rounds/" + itoa(r.ID) + "/position"
		for ehak, email := range editors {
			c := a.as(t, users[ehak])
			_, desk := get(t, c, a.URL+"/desk")
			_, notes := get(t, c, a.URL+"/notifications")
			_, page := get(t, c, a.URL+link)
			told := strings.Contains(desk, "Ministeerium vastas ettepanekutele") && strings.Contains(desk, `href="`+link+`"`)
			noted := strings.Contains(notes, "Ministeerium vastas eelnõu ettepanekutele")
			if ehak == "0198" {
				if told || noted {
					t.Errorf("%s did not comment but is told of the outcome (desk %v, notification %v)", email, told, noted)
				}
				continue
			}
			if !told || !noted {
				t.Errorf("%s: the outcome on the desk %v, in a notification %v", email, told, noted)
			}
			// The API words the fates in the client's language too.
			_, apiNotes := downloadAs(t, c, a.URL+"/api/v1/notifications", "Accept-Language", "en")
			_, apiDesk := downloadAs(t, c, a.URL+"/api/v1/desk", "Accept-Language", "en")
			for what, b := range map[string][]byte{"notifications": apiNotes, "desk": apiDesk} {
				if !strings.Contains(string(b), own[ehak][1]) {
					t.Errorf("%s's API %s lack its fate in English: %.300s", email, what, b)
				}
			}
			_, _ = get(t, c, a.URL+"/?lang=en")
			_, deskEn := get(t, c, a.URL+"/desk")
			_, notesEn := get(t, c, a.URL+"/notifications")
			// The fate is worded in the reader's language, so it is not marked as Estonian.
			if strings.Contains(notesEn, `<span lang="et">`+html.EscapeString(own[ehak][1])) {
				t.Errorf("%s's English notifications mark the worded fate as Estonian", email)
			}
			for other, w := range own {
				for i, pages := range [][2]string{{desk, notes}, {deskEn, notesEn}} {
					for j, pg := range pages {
						if has := strings.Contains(pg, html.EscapeString(w[i])); has != (other == ehak) {
							t.Errorf("%s's %s (language %d) shows %s's fate %q: %v", email, []string{"desk", "notifications"}[j], i, other, w[i], has)
						}
					}
				}
			}
			for _, w := range fates[ehak] {
				if !strings.Contains(page, w) {
					t.Errorf("%s's position page lacks its fate %q", email, w)
				}
			}
			for other, text := range bodies {
				if other != ehak && strings.Contains(page, text) {
					t.Errorf("%s sees %s's comment", email, other)
				}
			}
		}
	})
}
