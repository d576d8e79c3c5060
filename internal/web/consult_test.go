package web

import (
	"net/url"
	"time"

	"kovit/internal/audit"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// consultSamples are the consultation pages with sample data, including a comment whose
// text is hostile (the templates escape it) and a refused form.
func consultSamples(base Page) map[string]any {
	two := 2
	c := consult.Consultation{ID: 7, Title: "IKT strateegia 2031", Summary: "Kavand", Phase: consult.Closed, OpensOn: "2026-11-01",
		ClosesOn: "2026-12-31", PublicComments: true, Versions: 2, Comments: 2, Version: 4}
	v1 := consult.DocVersion{Number: 1, Sections: []consult.Section{{Key: "1", Heading: "Eesmärk", Body: "Kõik teenused."}}}
	v2 := consult.DocVersion{Number: 2, Note: "Tartu ettepanek", Sections: []consult.Section{{Key: "1", Heading: "Eesmärk", Body: "Kõik ühised teenused."}}}
	cp := consultPage{Page: base, C: c, Names: map[string]string{"0793": "Tartu linn"}}
	var problems kovit.Problems
	problems.Add("reason", "consult.error.reason")
	comments := []consult.Comment{
		{ID: 1, ConsultationID: 7, DocVersion: 1, SectionKey: "1", Passage: "teenused", Body: "<script>alert(1)</script>", AuthorName: "Mari",
			MunicipalityEHAK: "0793", Status: consult.Published, Disposition: consult.Accepted, Reason: "Lisatud.", ChangedIn: &two,
			Item: &consult.Item{ID: 3, StrategyID: 1, Kind: "activity", Code: "1.1.1", Title: "Ühine iseteenindus"}, CreatedAt: time.Now()},
		{ID: 2, ConsultationID: 7, DocVersion: 1, SectionKey: "1", Body: "Avalik", Status: consult.Pending, CreatedAt: time.Now()},
		{ID: 3, ConsultationID: 7, DocVersion: 2, SectionKey: "1", Body: "Veel", Status: consult.Published, CreatedAt: time.Now()},
	}
	rows := consult.Rows(comments, []consult.DocVersion{v1, v2}, cp.From, cp.Disposition)
	event := audit.Event{ID: 1, At: time.Now(), ActorName: "Kati", Entity: audit.KindConsultation, EntityID: "7", Action: audit.Update}
	return map[string]any{
		"consult/list": consultListPage{consultPage: cp, Items: []consult.Consultation{c}, Phase: "closed",
			Pager: newPager("/consultations", url.Values{}, 1, 50, 0)},
		"consult/new": consultNewPage{consultPage: cp, In: c, Text: "# Eesmärk", Form: form{Problems: problems}},
		"consult/show": consultShowPage{consultPage: cp, V: v2, Latest: 2, Numbers: []int{1, 2}, Counts: map[string]int{"1": 2}, Pending: 1,
			Takes: true, Comment: commentAs{Allowed: true, Moderated: true}, Form: form{Problems: problems}, Edit: c, EditForm: form{Message: "x"},
			MoveForm: form{Problems: problems}, Events: []audit.Event{event}},
		"consult/version": consultVersionPage{consultPage: cp, Text: consult.Text(v2.Sections), Note: "x", Form: form{Problems: problems}},
		"consult/diff":    consultDiffPage{consultPage: cp, Numbers: []int{1, 2}, From: 1, To: 2, Note: v2.Note, Sections: consult.Diff(v1, v2)},
		"consult/comments": consultCommentsPage{consultPage: cp, Rows: rows, Versions: 2, Status: "pending", Section: "1",
			Pager: newPager("/consultations/7/comments", url.Values{}, 3, 100, 0), FormFor: 3, Form: form{Problems: problems}},
	}
}
