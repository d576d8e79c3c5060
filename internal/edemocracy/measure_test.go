package edemocracy

import "testing"

func TestMeasures(t *testing.T) {
	year := 2025
	full := Practice{MunicipalityEHAK: "0793", Streaming: true, Recordings: true, BudgetYear: &year, Rahvaalgatus: true,
		OpenDataURL: "https://avaandmed.eesti.ee/x", PublicModules: []string{"votes"}, Version: 1}
	if got := full.Score(); got != len(Measures) {
		t.Errorf("full practice scores %d", got)
	}
	if got := (Practice{}).Score(); got != 0 {
		t.Errorf("no practice scores %d", got)
	}
	part := Practice{MunicipalityEHAK: "0784", Streaming: true, Version: 1}
	for _, c := range []struct {
		m    string
		want float64
	}{
		{"streaming", 50}, // Tallinn and Tartu of four, one not entered, one a stranger
		{"budget", 25},
		{"gossip", 0},
	} {
		if got := Share([]string{"0793", "0784", "0130", "0141"}, []Practice{full, part, {MunicipalityEHAK: "9999", Streaming: true}}, c.m); got != c.want {
			t.Errorf("share %s: %v, want %v", c.m, got, c.want)
		}
	}
	if Share(nil, []Practice{full}, "streaming") != 0 {
		t.Error("share of no municipalities")
	}
	if MeasureValid("gossip") || !MeasureValid("open_data") {
		t.Error("MeasureValid")
	}
}
