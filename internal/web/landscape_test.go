package web

import (
	"kovit/internal/audit"
	"net/url"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// landscapeSamples is sample data for the landscape templates, used by
// TestEveryTemplateRenders.
func landscapeSamples(base Page) map[string]any {
	lp := landscapePage{Page: base, Names: map[string]string{"0793": "Tartu linn"}}
	var problems kovit.Problems
	problems.Add("name", "error.required")
	problems.Add("versions[0].end_of_support", "landscape.error.support_before_release")
	into := int64(2)
	cost := kovit.Money(120050)
	sol := landscape.Solution{ID: 1, Name: "Amphora", Kind: landscape.KindCommercial, Area: landscape.AreaRecords, Owner: "Omanik",
		Standards: []string{"DHX"}, ServiceCodes: []string{"SOC-001"}, Links: []string{"https://www.amphora.ee/"}, Source: "SOURCES-solutions.md S4",
		Versions: []landscape.Version{{Number: "15.3", Released: "2025-01-01", EndOfSupport: "2027-12-31", Status: landscape.VersionActive}},
		State:    landscape.Proposed, ProposedBy: "0793", MergedInto: &into, Version: 2}
	row := landscape.Row{ID: 5, MunicipalityEHAK: "0793", SolutionID: 1, SoftwareVersion: "15.3", Status: landscape.Production,
		BusinessOwner: "Kantselei", TechnicalOwner: "IT", YearlyCost: &cost, ContractEnd: "2027-06-30", Verdict: landscape.Invest,
		ConfirmedAt: time.Now(), History: []landscape.Change{{Status: landscape.Piloting, At: time.Now(), By: "Mari"}},
		Integrations: []landscape.Integration{{SolutionID: 2, Standard: "X-tee"}}, Version: 3}
	view := landscapeRowView{Row: row, Solution: "Amphora", Stale: true}
	tartu := municipality.Municipality{EHAK: "0793", Name: "Tartu linn"}
	now := time.Now()
	dms := int64(5)
	records := landscape.RecordsProfile{MunicipalityEHAK: "0793", DocumentRowID: &dms, DHX: landscape.DHXDirect, RegisterURL: "https://dokumendiregister.tartu.ee",
		RulesDate: "2024-01-01", Met: []int64{1, 2, 3, 4}, EvidenceURL: "https://tartu.ee/asjaajamine", ReturnReason: "Lisa tõend", Version: 2,
		Check: &landscape.RegisterCheck{At: now, Status: 200, TLS: true}}
	recordsScale := eservice.DefaultScale() // any scale renders; the records scale is data in the store
	records.Normalize(recordsScale)
	practice := landscape.Practice{ID: 4, Title: "Taotlused ühes kohas", Summary: "Kokkuvõte", Problem: "Järjekorrad", WhatDone: "SPOKU", Resources: "3 kuud",
		Results: "Kiirem", EvidenceURL: "https://tartu.ee", Municipalities: []string{"0793"}, ContactName: "Mari", ContactEmail: "mari@tartu.ee",
		ServiceCodes: []string{"SOC-001"}, SolutionIDs: []int64{1}, Links: []string{"https://tartu.ee"}, Tags: []string{"e-teenused"},
		Status: landscape.PracticePublished, Version: 2}
	advisory := landscape.Advisory{ID: 3, Query: landscape.AdvisoryQuery{SolutionID: 1, ToVersion: "15.3", SupportEndsBy: "2027-01-01"}, Title: "Uuendage",
		Message: "Palun uuendage", SentBy: "Koordinaator", SentAt: now,
		Recipients: []landscape.Recipient{{MunicipalityEHAK: "0793"}, {MunicipalityEHAK: "0784", HandledBy: "Mari", HandledAt: &now}}}
	return map[string]any{
		"landscape/solutions": solutionListPage{landscapePage: lp, Items: []landscape.Solution{sol}, Total: 1, Query: url.Values{"kind": {"shared"}},
			Pager: newPager("/solutions", url.Values{}, 1, 100, 0), Usage: map[int64]map[landscape.Status]int{1: {landscape.Production: 3}}, CanCreate: true},
		"landscape/solution_new": solutionNewPage{landscapePage: lp, solutionForm: solutionForm{In: sol, Form: form{Problems: problems}}},
		"landscape/solution": solutionPage{landscapePage: lp, S: sol, Usage: map[landscape.Status]int{landscape.Production: 1}, MergedTo: "Delta", Spread: []landscape.YearCount{{Year: 2025, Count: 2}},
			Costs:   []landscape.BandCost{{Band: "lt5000", Count: 1}, {Band: "ge50000", Count: 3, Average: 100000, Median: 90000, Shown: true}},
			Users:   []solutionUser{{Row: row, Name: "Tartu linn", Contact: "Mari", Email: "it@tartu.ee", Stale: true}},
			Targets: []landscape.Solution{{ID: 2, Name: "Delta"}}, Edit: solutionForm{In: sol, Form: form{Problems: problems}}},
		"landscape/municipality": municipalityLandscapePage{landscapePage: lp, M: tartu, Rows: []landscapeRowView{view},
			SignOff: &landscape.SignOff{By: "Mari", At: time.Now(), Rows: 1}, Solutions: []landscape.Solution{sol},
			New: rowForm{In: row, Form: form{Problems: problems}}, CanEdit: true, CanSign: true, Costs: true, Stale: 1,
			Problems: []importProblem{{Row: 2, Column: "Lahendus", Message: "x"}, {Row: 3, Message: "y"}}},
		"landscape/advisories": advisoryPage{landscapePage: lp, Query: landscape.AdvisoryQuery{SolutionID: 1, FromVersion: "13", ToVersion: "15.3", SupportEndsBy: "2027-01-01"},
			Asked: true, Solutions: []landscape.Solution{sol}, Names: map[int64]string{1: "Amphora"}, QueryURL: "solution=1",
			Affected: []affectedRow{{Row: row, Name: "Tartu linn", Contact: municipality.Contact{Name: "Mari", Email: "it@tartu.ee", Phone: "+372 5555 5555"}, Ends: "2027-12-31"}},
			Sent:     []landscape.Advisory{advisory}, AdvTitle: "Uuendage", AdvMessage: "Palun"},
		"landscape/advisory": advisoryShowPage{landscapePage: lp, A: advisory, Solution: "Amphora"},
		"landscape/matrix": landscapeMatrixPage{landscapePage: lp, Kind: landscape.KindShared, Bands: eservice.Bands,
			Filter:   landscape.PeerFilter{County: "0079", Type: municipality.City, Band: "ge50000"},
			Counties: []municipality.County{{EHAK: "0079", Name: "Tartu maakond"}},
			M: landscape.Matrix{Solutions: []landscape.Solution{sol}, Running: map[int64]int{1: 1},
				Rows: []landscape.MatrixRow{{Municipality: tartu, Status: map[int64]landscape.Status{1: landscape.Production}}}},
			Grid: []matrixLine{{EHAK: "0793", Name: "Tartu linn", Cells: []matrixCell{{"production", "Kasutusel"}, {}}}}},
		"landscape/records": recordsListPage{landscapePage: lp, Rows: []recordsRow{{M: tartu, P: records}}, ByLevel: []int{0, 0, 0, 1, 0, 0},
			Scale: recordsScale, Counties: []municipality.County{{EHAK: "0079", Name: "Tartu maakond"}}, Bands: eservice.Bands},
		"landscape/records_scale": recordsScalePage{landscapePage: lp, Scale: recordsScale, CanEdit: true, Edit: recordsScale[1].Criteria[0],
			Form: form{Problems: problems}, Events: []audit.Event{{At: now, ActorName: "Mari", Entity: audit.KindRecordsCriterion, EntityID: "4", Action: audit.Update,
				Before: []byte(`{"text_et":"Vana"}`), After: []byte(`{"text_et":"Uus"}`)}}},
		"landscape/records_profile": recordsPage{landscapePage: lp, M: tartu, P: records, In: records, Scale: recordsScale,
			DMSRows: []landscapeRowView{view}, CanEdit: true, Review: true, Form: form{Problems: problems},
			Peers: []peerView{{"Sama maakond (Tartu maakond)", 14, 3.5}, {"Kogu Eesti", 79, 1}}},
		"landscape/practices": practiceListPage{landscapePage: lp, Items: []landscape.Practice{practice}, Total: 1, Query: "spoku", Status: "published",
			Pager: newPager("/practices", url.Values{}, 1, 50, 0), CanCreate: true},
		"landscape/practice": practicePage{landscapePage: lp, P: practice, Solutions: map[int64]string{1: "SPOKU"}, AdoptAs: "0291", CanValidate: true,
			Adoptions: []landscape.Adoption{{MunicipalityEHAK: "0291", Completion: 40, Differences: "Väiksem", Applied: &now}, {MunicipalityEHAK: "0793", Done: true}},
			Form:      form{Problems: problems}, Differences: "Väiksem"},
		"landscape/practice_new": practiceNewPage{landscapePage: lp, In: practice, Municipalities: []municipality.Municipality{tartu}, Form: form{Problems: problems}},
		"landscape/row": rowPage{landscapePage: lp, Row: view, Edit: rowForm{In: row, YearlyCost: "1200,50", Form: form{Problems: problems}},
			CanEdit: true, Costs: true, Solution: sol, Neighbors: []landscape.Solution{{ID: 2, Name: "X-tee"}}},
	}
}
