package need

import (
	"reflect"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// The proposal's workbook: a summary with the measure's terms and totals, the ranked
// consolidated needs, and each municipality's part with the same figures as the budget
// view; money in euros as numbers.
func TestProposalSheets(t *testing.T) {
	m := Measure{ID: 4, Name: "KOV digipööre", Funder: "EL", StartYear: 2026, EndYear: 2029, Budget: 100_000_000, MaxGrant: 9_000_000,
		CoFinancing: 15, ClosesOn: "2026-12-31", Status: MeasureOpen, Eligibility: Eligibility{Types: []municipality.Type{municipality.City}}}
	cost := func(e kovit.Money) *kovit.Money { c := e * 100; return &c }
	needs := []Need{{ID: 1, MunicipalityEHAK: "0793", Cost: cost(120_000)}, {ID: 2, MunicipalityEHAK: "0171", Cost: cost(80_000)},
		{ID: 3, MunicipalityEHAK: "0784", Cost: cost(50_000)}}
	ms := map[string]municipality.Municipality{"0793": {EHAK: "0793", Name: "Tartu linn", Type: municipality.City, Population: 97000},
		"0171": {EHAK: "0171", Name: "Elva vald", Type: municipality.Rural, Population: 14000},
		"0784": {EHAK: "0784", Name: "Tallinn", Type: municipality.City, Population: 450000}}
	c := Consolidated{ID: 3, Title: "Ühine DHS", Category: CatRecords, StrategyFit: 4,
		Figures: Summarize(needs, map[string]int{"0793": 97000, "0171": 14000, "0784": 450000}, nil)}
	p := NewProposal(m, Rank([]Consolidated{c}, DefaultWeights()), BudgetOf(m, needs, ms), DefaultWeights(),
		map[string]int{"0793": 97000, "0171": 14000, "0784": 450000})
	label := func(key string, _ ...any) string { return "«" + key + "»" }
	sheets := ProposalSheets(p, label)
	if len(sheets) != 3 || sheets[0].Sheet != "Kokkuvõte" || sheets[1].Sheet != "Prioriteedid" || sheets[2].Sheet != "Omavalitsused" {
		t.Fatalf("sheets %+v", sheets)
	}
	summary := map[string]any{}
	for _, row := range sheets[0].Rows {
		summary[row[0].(string)] = row[1]
	}
	for k, want := range map[string]any{
		"Meede": "KOV digipööre", "Rahastaja": "EL", "Periood": "2026–2029", "Olek": "«need.measure_status.open»",
		"Taotlemine": "kuni 2026-12-31", "Eelarve (EUR)": 1_000_000.0, "Suurim toetus omavalitsusele (EUR)": 90_000.0,
		"Omafinantseeringu määr (%)": 15, "Koondvajadusi": 1, "Vajadusi": 3, "Omavalitsusi": 3, "Elanikke omavalitsustes": 561000,
		// Tartu 90,000 (85 % is 102,000, above the cap) and Tallinn 42,500 in grants;
		// Elva, a rural municipality, may not apply and carries its 80,000 itself.
		"Vajaduste maksumus kokku (EUR)": 250_000.0, "Toetused kokku (EUR)": 132_500.0, "Omafinantseering kokku (EUR)": 117_500.0,
		"Eelarve jääk (EUR)": 867_500.0, "Toetused eelarvest (%)": 13.3, "Kaal: kulutõhusus": 1.0,
	} {
		if got := summary[k]; !reflect.DeepEqual(got, want) {
			t.Errorf("summary %q: %#v, want %#v", k, got, want)
		}
	}
	ranked := sheets[1]
	if len(ranked.Rows) != 1 || len(ranked.Rows[0]) != len(ranked.Header) || ranked.Rows[0][0] != 1 || ranked.Rows[0][3] != "Ühine DHS" ||
		ranked.Rows[0][5] != 3 || ranked.Rows[0][8] != 250_000.0 {
		t.Errorf("ranked %v", ranked.Rows)
	}
	if score, ok := ranked.Rows[0][1].(float64); !ok || score <= 0 || score > 1 {
		t.Errorf("score %#v", ranked.Rows[0][1])
	}
	want := [][]any{
		{"0171", "Elva vald", false, "«need.ineligible.type»", 80_000.0, 0.0, 80_000.0},
		{"0784", "Tallinn", true, "", 50_000.0, 42_500.0, 7_500.0},
		{"0793", "Tartu linn", true, "", 120_000.0, 90_000.0, 30_000.0},
		{"", "Kokku", nil, "", 250_000.0, 132_500.0, 117_500.0},
	}
	if !reflect.DeepEqual(sheets[2].Rows, want) {
		t.Errorf("municipalities\n got %v\nwant %v", sheets[2].Rows, want)
	}
	if len(sheets[2].Header) != len(want[0]) {
		t.Errorf("header %v", sheets[2].Header)
	}
}
