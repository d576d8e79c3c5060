package web

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Sample data for the e-service templates, used by TestEveryTemplateRenders.

func sampleScale() eservice.Scale {
	s := eservice.DefaultScale()
	for i := range s {
		for j := range s[i].Criteria {
			s[i].Criteria[j].ID = int64(s[i].Number*10 + j + 1)
		}
	}
	return s
}

func sampleService() eservice.Service {
	return eservice.Service{Code: "SOC-001", NameEt: "Sünnitoetus", NameEn: "Birth allowance", Area: "Sotsiaalhoolekanne",
		LifeEvent: "Lapse sünd", DescriptionEt: "Toetus", LegalBasisURL: "https://www.riigiteataja.ee/", Channels: []string{"veeb", "e-post"}, Version: 3}
}

func sampleTartu() municipality.Municipality {
	return municipality.Municipality{EHAK: "0793", Name: "Tartu linn", Type: municipality.City, CountyEHAK: "0079",
		CountyName: "Tartu maakond", Population: 100724}
}

func sampleCell() eservice.Cell {
	checked := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	return eservice.Cell{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: eservice.Offered, Met: []int64{11, 21, 31},
		Level: 2, URL: "https://tartu.ee/e", System: "SPOKU", EvidenceURL: "https://tartu.ee/toetus", EvidenceCheckedOn: &checked,
		Verification: eservice.Returned, ReturnReason: "Link ei tööta", Version: 4, UpdatedAt: time.Now(), UpdatedBy: "Mari"}
}

func eserviceSamples(base Page) map[string]any {
	es := esPage{base}
	s, m, c, scale := sampleService(), sampleTartu(), sampleCell(), sampleScale()
	var problems kovit.Problems
	problems.Add("offering", "error.offering")
	problems.Add("criteria_met", "error.criteria_not_offered")
	problems.Add("evidence_checked_on", "error.date")
	problems.Add("reason", "error.required")
	problems.Add("text_et", "error.required")
	event := audit.Event{ID: 2, At: time.Now(), ActorName: "Mari", Entity: "service_cell", EntityID: "0793/SOC-001", Action: audit.Update,
		Before: json.RawMessage(`{"level":1}`), After: json.RawMessage(`{"level":2}`)}
	g := eservice.NewGrid([]eservice.Cell{c})
	stats := g.StatsOf(s.Code, []municipality.Municipality{m})
	month := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	later, latest := month.AddDate(1, 0, 0), month.AddDate(2, 0, 0)
	history := []eservice.MonthShare{{Month: month, Share: 0.1, Reached: 8, Of: 79}, {Month: month.AddDate(0, 1, 0), Share: 0.2, Reached: 16, Of: 79}}
	service := servicePage{esPage: es, S: s, Scale: scale, Stats: stats, Rows: []serviceRow{{m, c}, {m, eservice.Cell{}}}, K: 3, Target: 80,
		History: history, CanForecast: true, CanManage: true,
		Forecast: eservice.Forecast{Target: 0.8, Points: 3, Slope: 0.1, Earliest: &later, Likely: &later, Latest: &latest}}
	service.Chart = service.adoptionChart()
	cell := cellPage{esPage: es, M: m, S: s, C: c, Scale: scale, In: eservice.CellInput{Offering: eservice.Offered, Met: c.Met, Version: 4},
		EvidenceDate: "2026-11-02", Review: eservice.Review{Verification: eservice.Returned, Reason: "x", Version: 4},
		Form: form{Problems: problems, Message: "conflict"}, ReviewForm: form{Problems: problems}, Events: []audit.Event{event},
		Pager: newPager("/eservices/0793/SOC-001", url.Values{}, 1, 20, 0), CanEdit: true, CanReview: true}
	return map[string]any{
		"eservice/matrix": matrixPage{esPage: es, Query: url.Values{"area": {"Sotsiaalhoolekanne"}}, Areas: []string{s.Area}, LifeEvents: []string{s.LifeEvent},
			Groups: groupByArea([]eservice.Service{s}), Services: []eservice.Service{s}, Stats: []eservice.ServiceStats{stats}, Scale: scale,
			Rows:     []matrixRow{{M: m, Cells: matrixCells(g, m.EHAK, []eservice.Service{s}), Stats: g.MunicipalityStatsOf(m.EHAK, []eservice.Service{s})}},
			Filtered: true, CanSnapshot: true, Months: []string{"2026-10"}},
		"eservice/service": service,
		"eservice/map": mapPage{esPage: es, Services: []eservice.Service{s}, Service: &s, Scale: scale,
			Rows: []mapRow{{M: m, Class: "lvl-2", Value: "2", Href: "/eservices/0793/SOC-001", Filled: true}},
			Map:  chart.NewMapper(nil, 100).Render(chart.MapOptions{Title: "map"})},
		"eservice/cell":         cell,
		"eservice/catalogue":    cataloguePage{esPage: es, Services: []eservice.Service{s, {Code: "X-1", NameEt: "Vana", Area: "Muu", Retired: true}}, Areas: []string{s.Area}, Q: "soc", Status: "active", Total: 2},
		"eservice/service_form": serviceFormPage{esPage: es, S: s, Stored: &s, Areas: []string{s.Area}, LifeEvents: []string{s.LifeEvent}, Form: form{Problems: problems, Message: "conflict"}},
		"eservice/scale":        scalePage{esPage: es, Scale: scale, CanEdit: true, Edit: eservice.Criterion{ID: 11, TextEt: ""}, Form: form{Problems: problems}},
		"eservice/municipality": municipalityEServicesPage{esPage: es, M: m, Summary: summaryOf(g, m.EHAK, []eservice.Service{s}),
			Peers:  []peerView{{"Sama tüüp", 15, 1.5}, {"Kogu Eesti", 79, 2}},
			Groups: []municipalityAreaRows{{Area: s.Area, Rows: []serviceCellRow{{s, c}, {s, eservice.Cell{}}}}}, CanEdit: true,
			History: []eservice.MonthValue{{Month: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), Value: 2.5}}},
		"eservice/page_form": eservicePageForm{esPage: es, M: m, Scale: scale, Form: form{Problems: problems, Message: "conflict"},
			Areas: []pageFormArea{{Area: s.Area, Rows: []pageFormRow{{S: s, C: c, In: eservice.CellInput{Offering: eservice.Offered, Met: c.Met, Version: 4}, Stale: true,
				Errors: map[string]string{"offering": "x", "criteria_met": "x", "url": "x", "system": "x", "service": "x"}}, {S: s, C: eservice.UnknownCell(m.EHAK, s.Code)}}}}},
	}
}

func TestMatrixFilter(t *testing.T) {
	if _, err := parseMatrixFilter(url.Values{"band": {"huge"}, "sort": {"drop"}, "type": {"küla"}}); len(kovit.FieldsOf(err)) != 3 {
		t.Errorf("bad filter: %v", err)
	}
	f, err := parseMatrixFilter(url.Values{"band": {"ge50000"}, "sort": {"population"}, "order": {"desc"}, "area": {"Haridus"}})
	if err != nil || f.Band != "ge50000" || f.Sort != "population" || !f.Desc || f.Area != "Haridus" {
		t.Errorf("filter %+v, %v", f, err)
	}
}
