package edemocracy

import (
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func TestPracticeValidate(t *testing.T) {
	year, neg, zero := 2026, -1, 0
	money := kovit.Money(-100)
	for _, c := range []struct {
		p     Practice
		field string
	}{
		{Practice{PublicModules: []string{"votes", "gossip"}}, "public_modules"},
		{Practice{PublicModules: []string{"votes", "votes"}}, "public_modules"},
		{Practice{BudgetYear: &neg}, "budget_year"},
		{Practice{BudgetYear: &year, BudgetAmount: &money}, "budget_amount"},
		{Practice{BudgetVotes: &zero}, "budget_year"},
		{Practice{InitiativeThreshold: &zero}, "initiative_threshold"},
		{Practice{OpenDataURL: "javascript:alert(1)"}, "open_data_url"},
		{Practice{Consultations: -1}, "consultations"},
	} {
		if !kovit.FieldsOf(c.p.Validate()).Has(c.field) {
			t.Errorf("%+v: %v does not name %s", c.p, c.p.Validate(), c.field)
		}
	}
	ok := Practice{CouncilSystem: "VOLIS", PublicModules: []string{"votes", "agendas"}, BudgetYear: &year, OpenDataURL: "https://avaandmed.eesti.ee/x"}
	if err := ok.Validate(); err != nil {
		t.Error(err)
	}
	ok.Normalize()
	if ok.PublicModules[0] != "agendas" {
		t.Errorf("modules not in order: %v", ok.PublicModules)
	}
}

func TestSummarize(t *testing.T) {
	year := 2025
	ms := []municipality.Municipality{{EHAK: "0793", Type: municipality.City}, {EHAK: "0784", Type: municipality.City}, {EHAK: "0130", Type: "vald"}}
	sums := Summarize(ms, []Practice{{MunicipalityEHAK: "0793", Streaming: true, BudgetYear: &year, Rahvaalgatus: true}},
		func(m municipality.Municipality) string { return string(m.Type) })
	if len(sums) != 2 || sums[0].Group != "linn" || sums[0].Municipalities != 2 || sums[0].Entered != 1 || sums[0].Streaming != 1 || sums[0].Budget != 1 || sums[1].Entered != 0 {
		t.Errorf("%+v", sums)
	}
}
