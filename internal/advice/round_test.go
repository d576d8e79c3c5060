package advice_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// The internal deadline counts back in working days over the holidays.
func TestInternalDeadline(t *testing.T) {
	c := calendar(t)
	for _, tt := range []struct {
		deadline string
		days     int
		want     string
	}{
		{"2026-04-10", 5, "2026-04-02"}, // back over Easter Monday and Good Friday 3.4
		{"2026-06-26", 3, "2026-06-19"}, // back over midsummer
		{"2026-12-28", 2, "2026-12-22"}, // over Christmas
		{"2026-12-26", 1, "2026-12-22"}, // a holiday deadline counts from the day before it
		{"2027-03-30", 2, "2027-03-25"}, // Good Friday 2027 is 26.3
		{"bad", 5, ""},
	} {
		if got := c.InternalDeadlineOf(tt.deadline, tt.days); got != tt.want {
			t.Errorf("%d working days before %s = %s, want %s", tt.days, tt.deadline, got, tt.want)
		}
	}
	r := advice.Round{ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10"}
	if got := c.DaysGiven(r); got != 14 {
		t.Errorf("days given 20.3–10.4.2026 = %d, want 14 (Good Friday does not count)", got)
	}
}

func TestRoundValidate(t *testing.T) {
	r := advice.Round{Title: " Eelnõu ", Ministry: "MKM", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10", Public: true,
		Sections: []advice.Section{{Heading: "§ 1"}, {}, {Heading: "§ 2", Text: "x"}}, Recipients: []string{"0793", " 0793", "0784"}}
	r.Normalize()
	calendar(t).Schedule(&r)
	if err := r.Validate(); err != nil || len(r.Sections) != 2 || r.Sections[1].Number != 2 || !reflect.DeepEqual(r.Recipients, []string{"0784", "0793"}) || r.InternalDeadline != "2026-04-02" {
		t.Fatalf("a good round: %v %+v", err, r)
	}
	bad := advice.Round{DossierURL: "javascript:x", ReceivedOn: "2026-04-10", MinistryDeadline: "2026-04-01", InternalDays: 90}
	got := map[string]bool{}
	for _, p := range kovit.FieldsOf(bad.Validate()) {
		got[p.Field] = true
	}
	for _, f := range []string{"title", "ministry", "dossier_url", "ministry_deadline", "internal_days", "sections", "viewers"} {
		if !got[f] {
			t.Errorf("a bad round: no problem with %s (%v)", f, got)
		}
	}
}

func TestScorecards(t *testing.T) {
	c := calendar(t)
	rounds := []advice.Round{
		{ID: 1, Ministry: "RaM", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-10"}, // 14 days: too short
		{ID: 2, Ministry: "RaM", ReceivedOn: "2026-05-04", MinistryDeadline: "2026-05-29"}, // 19 days
		{ID: 3, Ministry: "MKM", ReceivedOn: "2026-05-04", MinistryDeadline: "2026-05-08"},
	}
	points := []advice.Point{{RoundID: 1, Disposition: advice.Accepted}, {RoundID: 1, Disposition: advice.NotAccepted},
		{RoundID: 2, Disposition: advice.PartlyAccepted}, {RoundID: 2}, {RoundID: 3}}
	got := c.Scorecards(rounds, points)
	if len(got) != 2 || got[0].Ministry != "RaM" || got[0].Rounds != 2 || got[0].TooShort != 1 || got[0].MedianDays != 16.5 ||
		got[0].Points != 3 || got[0].Accepted != 2 || *got[0].Rate != 2.0/3 {
		t.Errorf("RaM: %+v", got[0])
	}
	if got[1].Rate != nil || got[1].TooShort != 1 {
		t.Errorf("MKM: %+v", got[1])
	}
}

func TestReadDispositions(t *testing.T) {
	points := []advice.Point{{Number: 1}, {Number: 2}, {Number: 3}}
	header := []string{"Jrk nr", "Märkus või ettepanek", "Arvestatud / mittearvestatud", "Selgitus"}
	rows, err := advice.ReadDispositions(header, [][]string{
		{"1.", "x", "Arvestatud", ""}, {"", "", "", ""}, {"2", "y", "osaliselt  arvestatud", "Osaliselt"}, {"3", "z", "explained", ""},
	}, points)
	if err != nil || len(rows) != 3 || rows[1].Disposition != advice.PartlyAccepted || rows[2].Disposition != advice.Explained {
		t.Fatalf("good table: %+v %v", rows, err)
	}
	_, err = advice.ReadDispositions(header, [][]string{{"1", "", "arvestatud", ""}, {"1", "", "võib-olla", ""}, {"9", "", "mittearvestatud", ""}, {"x", "", "", ""}}, points)
	var ie *tabular.ImportError
	if !errorsAs(err, &ie) {
		t.Fatalf("bad table: %v", err)
	}
	var got []string
	for _, r := range ie.Rows {
		got = append(got, strings.Join([]string{itoa(r.Row), r.Column, r.Key}, " "))
	}
	want := []string{"3 Jrk nr advice.error.point_twice", "3 Arvestatud / mittearvestatud advice.error.disposition",
		"4 Jrk nr advice.error.unknown_point", "4 Selgitus advice.error.reason_needed",
		"5 Jrk nr advice.error.point_number", "5 Arvestatud / mittearvestatud advice.error.disposition"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := advice.ReadDispositions([]string{"Selgitus"}, nil, points); err == nil {
		t.Error("a table without its columns was read")
	}
}

// FuzzReadDispositions: no table makes the reader panic, and what it returns names only
// known points, once each.
func FuzzReadDispositions(f *testing.F) {
	f.Add("Jrk nr;Arvestatud / mittearvestatud;Selgitus\n1;arvestatud;\n2;mittearvestatud;Ei")
	f.Add("No.;Taken into account\n1.;partly accepted")
	f.Add("\ufeff=cmd;@x\n+1;-2")
	f.Fuzz(func(t *testing.T, s string) {
		lines := strings.Split(s, "\n")
		header := strings.Split(lines[0], ";")
		var rows [][]string
		for _, l := range lines[1:] {
			rows = append(rows, strings.Split(l, ";"))
		}
		points := []advice.Point{{Number: 1}, {Number: 2}}
		got, err := advice.ReadDispositions(header, rows, points)
		if err != nil {
			return
		}
		seen := map[int]bool{}
		for _, r := range got {
			if r.Number < 1 || r.Number > 2 || seen[r.Number] || !r.Disposition.Valid() || r.Disposition == advice.NoAnswer {
				t.Fatalf("read %+v from %q", got, s)
			}
			seen[r.Number] = true
		}
	})
}

func TestLetter(t *testing.T) {
	sec := int64(5)
	r := advice.Round{Title: "KOKS muutmine", Ministry: "RaM", Sections: []advice.Section{{ID: 5, Heading: "§ 1"}}, BoardApprovedOn: "2026-04-08"}
	l := advice.Letter(advice.Position{Round: r, Points: []advice.Point{{Number: 1, SectionID: &sec, Text: "Lisada rahastus."}},
		Responses: []advice.Response{{MunicipalityEHAK: "0793", Text: "Tartu toetab eelnõu."}, {MunicipalityEHAK: "0296", NoComments: true},
			{MunicipalityEHAK: "0784"}},
		Names: map[string]string{"0793": "Tartu linn", "0296": "Keila linn", "0784": "Tallinn"}}, "ELVL")
	for _, want := range []string{"RaM", "„KOKS muutmine“", "1. (§ 1) Lisada rahastus.", "juhatus 2026-04-08", "ELVL",
		"Omavalitsuste ametlikud vastused:\n\nTartu linn: Tartu toetab eelnõu.", "märkusi ei esitanud: Keila linn."} {
		if !strings.Contains(l, want) {
			t.Errorf("letter lacks %q:\n%s", want, l)
		}
	}
	if strings.Contains(l, "Tallinn") {
		t.Errorf("a response that approved the staff's comments as they stand is not a text of its own:\n%s", l)
	}
}

// The comments-and-responses table carries each municipality's official response after
// the points, and the ministry's table made from it imports back without those rows.
func TestPositionSheetResponses(t *testing.T) {
	r := advice.Round{Sections: []advice.Section{{ID: 5, Heading: "§ 1"}}}
	p := advice.Position{Round: r, Points: []advice.Point{{ID: 1, Number: 1, Text: "Lisada rahastus."}},
		Responses: []advice.Response{{MunicipalityEHAK: "0793", Text: "Tartu toetab eelnõu."}, {MunicipalityEHAK: "0296", NoComments: true},
			{MunicipalityEHAK: "0784"}},
		Names: map[string]string{"0793": "Tartu linn", "0296": "Keila linn", "0784": "Tallinn"}}
	for lang, want := range map[string][]string{
		"et": {"Omavalitsuse ametlik vastus|Märkusi ei ole.|Keila linn", "Omavalitsuse ametlik vastus|Kinnitas oma töötajate märkused.|Tallinn",
			"Omavalitsuse ametlik vastus|Tartu toetab eelnõu.|Tartu linn"},
		"en": {"Municipality's official response|No comments.|Keila linn", "Municipality's official response|Approved its staff's comments.|Tallinn",
			"Municipality's official response|Tartu toetab eelnõu.|Tartu linn"},
	} {
		tb := advice.PositionSheet(p, lang)
		if len(tb.Rows) != 4 {
			t.Fatalf("%s: %d rows, want the point and three responses", lang, len(tb.Rows))
		}
		for i, w := range want {
			row := tb.Rows[i+1]
			if got := fmt.Sprint(row[1]) + "|" + fmt.Sprint(row[2]) + "|" + fmt.Sprint(row[3]); got != w || row[0] != nil {
				t.Errorf("%s row %d: %q (number %v), want %q", lang, i+2, got, row[0], w)
			}
		}
		var rows [][]string
		for _, row := range tb.Rows {
			var rec []string
			for _, c := range row {
				if c == nil {
					c = ""
				}
				rec = append(rec, fmt.Sprint(c))
			}
			rows = append(rows, rec)
		}
		rows[0][4] = "arvestatud"
		got, err := advice.ReadDispositions(tb.Header, rows, p.Points)
		if err != nil || len(got) != 1 || got[0].Number != 1 {
			t.Errorf("%s: the exported table filled in by the ministry reads back as %+v, %v", lang, got, err)
		}
	}
}
