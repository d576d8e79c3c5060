package need

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
)

func TestGuessMapping(t *testing.T) {
	header := []string{"Omavalitsus", "Pealkiri", "Kirjeldus", "Kategooria", "Hinnanguline maksumus (EUR)", "Kiireloomulisus",
		"Kontaktisik", "Kontakti e-post", "Märkused"}
	want := []string{"municipality_ehak", "title", "description", "category", "cost", "urgency", "contact_name", "contact_email", ""}
	if diff := cmp.Diff(want, GuessMapping(header)); diff != "" {
		t.Errorf("mapping (-want +got):\n%s", diff)
	}
}

func TestReadSurvey(t *testing.T) {
	ref := SurveyRef{Municipalities: map[string]string{"tartu linn": "0793", "0793": "0793", "elva vald": "0171"},
		Categories: map[string]Category{"dokumendihaldus": CatRecords, "records": CatRecords},
		Urgencies:  map[string]Urgency{"kõrge": UrgencyHigh},
		May: func(ehak string) error {
			if ehak != "0793" {
				return kovit.Forbidden()
			}
			return nil
		}}
	header := []string{"KOV", "Pealkiri", "Kategooria", "Maksumus", "Kiireloomulisus"}
	mapping := GuessMapping(header)
	good := [][]string{{"Tartu linn", "DHS uuendus", "Dokumendihaldus", "12 000,50", "kõrge"}, {"", "", "", "", ""}}
	needs, errs := ReadSurvey(header, good, mapping, ref)
	if len(errs) > 0 || len(needs) != 1 {
		t.Fatalf("good survey: %v, %d needs", errs, len(needs))
	}
	if n := needs[0]; n.MunicipalityEHAK != "0793" || *n.Cost != 1200050 || n.Urgency != UrgencyHigh || n.State != Draft {
		t.Errorf("read %+v", n)
	}
	bad := [][]string{{"Elva vald", "X", "records", "", ""}, {"Narnia", "", "toit", "palju", "homme"}}
	_, errs = ReadSurvey(header, bad, mapping, ref)
	want := []RowError{{2, "KOV", "needui.import.not_yours"}, {3, "KOV", "error.unknown_municipality"}, {3, "Kategooria", "need.error.category"},
		{3, "Kiireloomulisus", "need.error.urgency"}, {3, "Maksumus", "need.error.money"}}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	_, errs = ReadSurvey(header, good, []string{"title", "title", "", "", ""}, ref)
	if len(errs) == 0 || errs[0].Key != "need.error.mapping" {
		t.Errorf("a field mapped twice: %v", errs)
	}
}
