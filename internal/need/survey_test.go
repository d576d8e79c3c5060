package need

import (
	"fmt"
	"slices"
	"testing"

	"kovit/internal/tabular"
)

func TestGuessMapping(t *testing.T) {
	header := []string{"Jrk", "Omavalitsus", "Vajaduse pealkiri", "Vajaduse kirjeldus", "Kategooria", "Seotud teenused", "Infosüsteemid",
		"Hinnanguline maksumus (EUR)", "Kiireloomulisus", "Soovitud ajaraam", "Kontaktisik", "Kontaktisiku e-post"}
	got := GuessMapping(header)
	want := Mapping{"Omavalitsus": FieldMunicipality, "Vajaduse pealkiri": FieldTitle, "Vajaduse kirjeldus": FieldDescription,
		"Kategooria": FieldCategory, "Seotud teenused": FieldServices, "Infosüsteemid": FieldSystems, "Hinnanguline maksumus (EUR)": FieldCost,
		"Kiireloomulisus": FieldUrgency, "Soovitud ajaraam": FieldTimeframe, "Kontaktisik": FieldContactName, "Kontaktisiku e-post": FieldContactEmail}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if err := got.Validate(header); err != nil {
		t.Error(err)
	}
	if !slices.Equal(fields(GuessMapping(Headers).Validate(Headers)), nil) || len(GuessMapping(Headers)) != len(Fields) {
		t.Errorf("the export's own headers do not map back: %v", GuessMapping(Headers))
	}
}

func TestMappingValidate(t *testing.T) {
	header := []string{"KOV", "Nimi", "Liik", "Teine nimi"}
	tests := []struct {
		name string
		m    Mapping
		want []string
	}{
		{"good", Mapping{"KOV": FieldMunicipality, "Nimi": FieldTitle, "Liik": FieldCategory}, nil},
		{"missing category", Mapping{"KOV": FieldMunicipality, "Nimi": FieldTitle}, []string{"mapping.category"}},
		{"unknown column", Mapping{"KOV": FieldMunicipality, "Nimi": FieldTitle, "Liik": FieldCategory, "Puudub": FieldSystems}, []string{"mapping.Puudub"}},
		{"unknown field", Mapping{"KOV": FieldMunicipality, "Nimi": FieldTitle, "Liik": FieldCategory, "Teine nimi": "colour"}, []string{"mapping.Teine nimi"}},
	}
	for _, tt := range tests {
		if got := fields(tt.m.Validate(header)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// One field from two columns is reported on one of them.
	if got := fields(Mapping{"KOV": FieldMunicipality, "Nimi": FieldTitle, "Teine nimi": FieldTitle, "Liik": FieldCategory}.Validate(header)); len(got) != 1 {
		t.Errorf("two titles: %v", got)
	}
}

func TestParseSurvey(t *testing.T) {
	header := []string{"Omavalitsus", "Pealkiri", "Kategooria", "Maksumus", "Kiireloomulisus", "E-post", "Teenused"}
	rows := [][]string{
		{"Tartu linn", "Dokumendihaldus", "Dokumendihaldus", "12 000,50", "kõrge", "it@tartu.ee", "SOC-001, EDU-002"},
		{"0784", "Veeb", "e-teenus", "", "", "", ""},
		{"Atlantis", "", "unistus", "palju", "kohe", "mari", ""},
	}
	names := map[string]string{"tartu linn": "0793", "0793": "0793", "0784": "0784"}
	needs, errs := ParseSurvey(header, rows, GuessMapping(header), names, func(string) error { return nil })
	if len(needs) != 3 || needs[0].MunicipalityEHAK != "0793" || needs[0].Category != CatRecords || *needs[0].Cost != 1200050 ||
		needs[0].Urgency != UrgencyHigh || !slices.Equal(needs[0].ServiceCodes, []string{"SOC-001", "EDU-002"}) {
		t.Errorf("first need %+v", needs[0])
	}
	if needs[1].Category != CatEService || needs[1].Urgency != UrgencyMedium || needs[1].Cost != nil {
		t.Errorf("second need %+v", needs[1])
	}
	want := []tabular.RowError{{Row: 4, Column: "Omavalitsus", Key: "error.unknown_municipality"}, {Row: 4, Column: "Kategooria", Key: "need.error.category"},
		{Row: 4, Column: "Kiireloomulisus", Key: "need.error.urgency"}, {Row: 4, Column: "Maksumus", Key: "need.error.money"}, {Row: 4, Column: "Pealkiri", Key: "error.required"}, {Row: 4, Column: "E-post", Key: "error.email"}}
	if fmt.Sprint(errs) != fmt.Sprint(want) {
		t.Errorf("errors\n got %v\nwant %v", errs, want)
	}
}

func TestSurveyRowReadsBack(t *testing.T) {
	n := Need{MunicipalityEHAK: "0793", Title: "Veeb", Category: CatEService, Cost: money(1500), Urgency: UrgencyLow, ServiceCodes: []string{"A-1", "B-2"}}
	row := SurveyRow(n)
	cells := make([]string, len(row))
	for i, c := range row {
		cells[i] = fmt.Sprint(c)
		if c == nil {
			cells[i] = ""
		}
	}
	got, errs := ParseSurvey(Headers, [][]string{cells}, GuessMapping(Headers), map[string]string{"0793": "0793"}, func(string) error { return nil })
	if len(errs) > 0 || got[0].Title != "Veeb" || *got[0].Cost != *n.Cost || !slices.Equal(got[0].ServiceCodes, n.ServiceCodes) {
		t.Errorf("read back %+v %v", got, errs)
	}
}

// TestEnglishHeadersMapBack: the export's English headers map to the same fields as the
// Estonian ones, so an English export imports back.
func TestEnglishHeadersMapBack(t *testing.T) {
	en := tabular.Headers(Columns, "en")
	got := GuessMapping(en)
	for i, f := range Fields {
		if got[en[i]] != f {
			t.Errorf("%q maps to %q, want %q", en[i], got[en[i]], f)
		}
	}
	if len(got) != len(Fields) {
		t.Errorf("mapping %v", got)
	}
}
