package web

import (
	"net/url"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/refdata"
)

// adviceSamples are the advice module's pages with sample data, for TestEveryTemplateRenders.
func adviceSamples(base Page) map[string]any {
	ap := advicePage{Page: base, names: map[string]string{"0793": "Tartu linn"}}
	now := time.Now()
	median, share := 3.5, 0.5
	var problems kovit.Problems
	problems.Add("answer", "error.required")
	q := advice.Inquiry{ID: 1, MunicipalityEHAK: "0793", Topic: advice.TopicLaw, Subject: "Dokumendiregister", Question: "Kas?",
		Links: []string{"https://www.riigiteataja.ee/akt/1"}, State: advice.Answered, Answer: "Jah.", Note: "Täpsusta", AskedAt: now, FirstAnsweredAt: &now, Version: 3}
	id := int64(1)
	e := advice.Entry{ID: 1, Title: "[KOV] register", Question: "Kas?", Answer: "Jah.", Topic: advice.TopicLaw, Tags: []string{"KOKS § 6"},
		Visibility: advice.Internal, ReviewedOn: "2026-05-01", InquiryID: &id, ReviewReason: "Eelnõu X", Version: 2}
	clock := advice.Clock{Target: 10, Used: 12, Late: true, Running: true, Due: now}
	event := audit.Event{ID: 1, At: now, ActorName: "Mari", Entity: audit.KindInquiry, EntityID: "1", Action: audit.Update}
	out := map[string]any{
		"advice/inquiries": inquiryListPage{advicePage: ap, Items: []inquiryRow{{q, clock}, {q, advice.Clock{Target: 3, Used: 9, Late: true, VeryLate: true}}},
			Total: 2, Query: url.Values{"state": {"answered"}}, Pager: newPager("/inquiries", url.Values{}, 2, 50, 0),
			Municipalities: []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}}, CanAsk: true},
		"advice/inquiry_new": inquiryFormPage{advicePage: ap, In: q, LinksText: "https://x.ee", Form: form{Problems: problems},
			Municipalities: []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}}},
		"advice/inquiry": inquiryPage{advicePage: ap, Q: q, Clock: clock, Moves: []advice.State{advice.InProgress, advice.Waiting, advice.Answered, advice.Closed},
			Events: []audit.Event{event}, Form: form{Problems: problems}},
		"advice/stats": statsPage{advicePage: ap, Stats: []advice.Stat{{Year: 2026, Topic: advice.TopicLaw, Asked: 2, Answered: 1, Median: &median, OnTime: 1, Share: &share},
			{Year: 2026, Asked: 2}}},
		"advice/kb": kbListPage{advicePage: ap, Items: []advice.Entry{e}, Total: 1, Query: url.Values{"q": {"register"}},
			Pager: newPager("/kb", url.Values{}, 1, 20, 0), Tags: []string{"KOKS § 6"}},
		"advice/kb_entry": kbEntryPage{advicePage: ap, E: e, Events: []audit.Event{event}},
		"advice/kb_form":  kbFormPage{advicePage: ap, E: e, TagsText: "KOKS § 6", Form: form{Problems: problems}},
	}
	for k, v := range roundSamples(ap, problems) {
		out[k] = v
	}
	return out
}

func roundSamples(ap advicePage, problems kovit.Problems) map[string]any {
	now := time.Now()
	ap.cal, _ = refdata.Calendar()
	sec := int64(1)
	pid := int64(1)
	r := advice.Round{ID: 1, Title: "KOKS muutmine", Ministry: "RaM", DossierURL: "https://eelnoud.valitsus.ee/1", ReceivedOn: "2026-03-20",
		MinistryDeadline: "2026-04-10", InternalDays: 5, InternalDeadline: "2026-04-02", Public: false, Viewers: []int64{1},
		Recipients: []string{"0793"}, Sections: []advice.Section{{ID: 1, Number: 1, Heading: "§ 1", Text: "Tekst"}}, BoardApprovedOn: "2026-04-08", Version: 2}
	c := advice.Comment{ID: 1, RoundID: 1, SectionID: &sec, MunicipalityEHAK: "0793", AuthorName: "Mari", Body: "Lisada rahastus", Fate: advice.Merged, PointID: &pid, Version: 2, CreatedAt: now}
	c2 := advice.Comment{ID: 2, RoundID: 1, MunicipalityEHAK: "0793", AuthorName: "Mari", Body: "Muu", Fate: advice.NotAdopted, FateReason: "Ei sobi"}
	c3 := advice.Comment{ID: 3, RoundID: 1, MunicipalityEHAK: "0793", AuthorName: "Mari", Body: "Otsustamata"}
	pt := advice.Point{ID: 1, RoundID: 1, Number: 1, SectionID: &sec, Text: "Rahastus", Disposition: advice.PartlyAccepted, MinistryReason: "2028", Version: 2}
	resp := advice.Response{RoundID: 1, MunicipalityEHAK: "0793", ApprovedBy: "Mari", ApprovedAt: now}
	rate := 0.5
	show := roundShowPage{advicePage: ap, R: r, Sections: []sectionView{{Section: r.Sections[0], Comments: []advice.Comment{c}}}, General: []advice.Comment{c2},
		Board: []advice.BoardRow{{MunicipalityEHAK: "0793", Name: "Tartu linn", Comments: 2, Response: &resp}, {MunicipalityEHAK: "0784", Name: "Tallinn"}},
		Own:   "0793", CanComment: true, CanApprove: true, Views: []advice.View{{UserID: 1, UserName: "Mari", At: now}}, DaysGiven: 14, Reminded: 3, Form: form{Problems: problems}}
	responded := show
	responded.Responded = &resp
	return map[string]any{
		"advice/rounds": roundListPage2{advicePage: ap, Rounds: []advice.Round{r}, Scorecards: []advice.Scorecard{{Ministry: "RaM", Rounds: 1, TooShort: 1, MedianDays: 14, Points: 2, Accepted: 1, Rate: &rate}}},
		"advice/round_new": roundFormPage{advicePage: ap, R: r, SectionsText: "§ 1\nTekst", ViewersText: "mari@tartu.ee",
			Municipalities: []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn", CountyName: "Tartu maakond"}}, Form: form{Problems: problems},
			Counties: []municipality.County{{EHAK: "0079", Name: "Tartu maakond"}}},
		"advice/round": show,
		"advice/board": show,
		"advice/position_table": positionTablePage{advicePage: ap, R: r, Table: advice.PositionSheet(advice.Position{Round: r, Points: []advice.Point{pt}, Comments: []advice.Comment{c},
			Responses: []advice.Response{{MunicipalityEHAK: "0793", Text: "Toetame eelnõud."}}, Names: map[string]string{"0793": "Tartu linn"}}, "et")},
		"advice/position": positionPage{roundShowPage: responded, Points: []pointView{{Point: pt, Comments: []advice.Comment{c}, By: []string{"Tartu linn"}}},
			Undecided: []advice.Comment{c3}, Rejected: []advice.Comment{c2}, Mine: []commentFate{{Comment: c, Point: &pt}, {Comment: c2}},
			Problems: []importProblem{{Row: 2, Column: "Jrk nr", Message: "vigane"}}, Fates: advice.Fates, Disps: advice.Dispositions},
	}
}
