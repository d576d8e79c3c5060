package web

import (
	"net/url"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
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
	return map[string]any{
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
}
