package main

import (
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/tabular"
)

// The municipalities' official responses, a text of their own or an explicit "no
// comments", stand in the comments-and-responses table (CSV, XLSX and the page to
// print) and in the letter's text, which only the association reads.
func TestPositionExportsOfficialResponses(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Avaliku teabe seaduse muutmise seadus",
			Ministry: "Justiits- ja Digiministeerium", ReceivedOn: "2026-03-20", MinistryDeadline: "2099-04-10",
			InternalDeadline: "2099-04-02", Public: true, Recipients: []string{"0793", "0296", "0784"},
			Sections: []advice.Section{{Heading: "§ 1. AvTS § 12 muutmine"}}})
		if err != nil {
			t.Fatal(err)
		}
		text := "Tartu linn toetab eelnõu, kui dokumendiregistri muudatuste kulu kaetakse riigieelarvest."
		if _, err := a.store.Respond(ctx, r.ID, "0793", advice.ResponseInput{Text: text}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.Respond(ctx, r.ID, "0296", advice.ResponseInput{NoComments: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.AddPoint(ctx, advice.Point{RoundID: r.ID, Text: "Dokumendiregistri muudatustele tuleb ette näha rahastus."}); err != nil {
			t.Fatal(err)
		}
		coord := a.as(t, coordUser)
		path := a.URL + "/comment-rounds/" + itoa(r.ID)
		for _, u := range []string{path + "/position.csv", path + "/table"} {
			st, b := get(t, coord, u)
			if st != 200 || !strings.Contains(b, text) || !strings.Contains(b, "Märkusi ei ole.") || !strings.Contains(b, "Keila linn") ||
				!strings.Contains(b, "Omavalitsuse ametlik vastus") {
				t.Errorf("%s lacks the official responses: %d %.1500s", u, st, b)
			}
		}
		st, b := get(t, coord, path+"/position.xlsx")
		if st != 200 {
			t.Fatalf("xlsx: %d", st)
		}
		_, rows, err := tabular.Read(strings.NewReader(b), "seisukoht.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		found := map[string]bool{}
		for _, row := range rows {
			found[strings.Join(row, "|")] = true
		}
		for _, want := range []string{"|Omavalitsuse ametlik vastus|" + text + "|Tartu linn", "|Omavalitsuse ametlik vastus|Märkusi ei ole.|Keila linn"} {
			if !found[want] {
				t.Errorf("the workbook lacks the row %q: %q", want, rows)
			}
		}
		st, b = get(t, coord, path+"/letter")
		if st != 200 || !strings.Contains(b, "Tartu linn: "+text) || !strings.Contains(b, "märkusi ei esitanud: Keila linn.") {
			t.Errorf("the letter lacks the official responses: %d\n%s", st, b)
		}
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		for _, u := range []string{path + "/position.csv", path + "/table", path + "/letter"} {
			if st, b := get(t, tartu, u); st != 403 || strings.Contains(b, text) {
				t.Errorf("%s: a municipality reads the association's table: %d", u, st)
			}
		}
	})
}
