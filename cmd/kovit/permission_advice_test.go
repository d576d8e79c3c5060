package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// advicePermissionCases are the permission matrix's cases of the advice module (issue 15).
// Questions of 0784 are its editors' to ask; moving an unknown question is refused as one
// of 0784's would be; the knowledge base is the coordinators' to write.
func advicePermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /inquiries":                  {scopeMunicipality, "POST", "/inquiries", form, "municipality_ehak=0784&topic=law&subject=X&question=Y"},
		"POST /inquiries/{id}/move":        {scopeMunicipality, "POST", "/inquiries/999999/move", form, "to=closed&version=1"},
		"POST /kb":                         {scopeNational, "POST", "/kb", form, "title=X&answer=Y&topic=law&visibility=public"},
		"POST /kb/{id}":                    {scopeNational, "POST", "/kb/999999", form, "title=X&answer=Y&topic=law&visibility=public&version=1"},
		"POST /api/v1/inquiries":           {scopeMunicipality, "POST", "/api/v1/inquiries", js, `{"municipality_ehak":"0784","topic":"law","subject":"X","question":"Y"}`},
		"POST /api/v1/inquiries/{id}/move": {scopeMunicipality, "POST", "/api/v1/inquiries/999999/move", js, `{"to":"closed","version":1}`},
		"POST /api/v1/kb":                  {scopeNational, "POST", "/api/v1/kb", js, `{"title":"X","answer":"Y","topic":"law","visibility":"public"}`},
		"PATCH /api/v1/kb/{id}":            {scopeNational, "PATCH", "/api/v1/kb/999999", js, `{"title":"X","version":1}`},
		// Rounds of comment: opening and merging are the association's; commenting and
		// responding are 0784's, refused on an unknown round as on one of 0784's.
		"POST /comment-rounds":                              {scopeNational, "POST", "/comment-rounds", form, "title=X&ministry=M&received_on=2026-03-20&ministry_deadline=2026-04-10&public=true&all=true&sections=%C2%A7+1"},
		"POST /comment-rounds/{id}/comments":                {scopeMunicipality, "POST", "/comment-rounds/999999/comments", form, "municipality_ehak=0784&body=X"},
		"POST /comment-rounds/{id}/respond":                 {scopeMunicipality, "POST", "/comment-rounds/999999/respond", form, "municipality_ehak=0784"},
		"POST /comment-rounds/{id}":                         {scopeNational, "POST", "/comment-rounds/999999", form, "title=X&ministry=M&received_on=2026-03-20&ministry_deadline=2026-04-10&public=true&all=true&version=1"},
		"PATCH /api/v1/comment-rounds/{id}":                 {scopeNational, "PATCH", "/api/v1/comment-rounds/999999", js, `{"title":"X","version":1}`},
		"POST /comment-rounds/{id}/remind":                  {scopeNational, "POST", "/comment-rounds/999999/remind", form, ""},
		"POST /comment-rounds/{id}/points":                  {scopeNational, "POST", "/comment-rounds/999999/points", form, "text=X"},
		"POST /comment-rounds/{id}/points/{pid}":            {scopeNational, "POST", "/comment-rounds/999999/points/1", form, "text=X&version=1"},
		"POST /comment-rounds/{id}/comments/{cid}/decide":   {scopeNational, "POST", "/comment-rounds/999999/comments/1/decide", form, "fate=not_adopted&reason=X&version=1"},
		"POST /comment-rounds/{id}/board":                   {scopeNational, "POST", "/comment-rounds/999999/board", form, "board_approved_on=2026-04-08&version=1"},
		"POST /comment-rounds/{id}/dispositions":            {scopeNational, "POST", "/comment-rounds/999999/dispositions", form, ""},
		"POST /api/v1/comment-rounds":                       {scopeNational, "POST", "/api/v1/comment-rounds", js, `{"title":"X","ministry":"M","received_on":"2026-03-20","ministry_deadline":"2026-04-10","public":true,"sections":[{"heading":"§ 1"}]}`},
		"POST /api/v1/comment-rounds/{id}/comments":         {scopeMunicipality, "POST", "/api/v1/comment-rounds/999999/comments", js, `{"municipality_ehak":"0784","body":"X"}`},
		"POST /api/v1/comment-rounds/{id}/respond":          {scopeMunicipality, "POST", "/api/v1/comment-rounds/999999/respond", js, `{"municipality_ehak":"0784"}`},
		"POST /api/v1/positions/{id}/points":                {scopeNational, "POST", "/api/v1/positions/999999/points", js, `{"text":"X"}`},
		"POST /api/v1/positions/{id}/comments/{cid}/decide": {scopeNational, "POST", "/api/v1/positions/999999/comments/1/decide", js, `{"fate":"not_adopted","reason":"X","version":1}`},
		"PUT /api/v1/positions/{id}/dispositions":           {scopeNational, "PUT", "/api/v1/positions/999999/dispositions", js, `{"rows":[]}`},
	}
}

// A municipality's question, and the knowledge base's drafts and internal entries, reach
// nobody outside their readers on any surface: pages, exports, the API, search, the desk
// and the notifications.
func TestAdviceReadLeaks(t *testing.T) {
	onEngines(t, testAdviceReadLeaks)
}

func testAdviceReadLeaks(t *testing.T, engine string) {
	a := startApp(t, engine)
	coord := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coord)
	tartuEditor := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	q, err := a.store.CreateInquiry(ctx, advice.Inquiry{MunicipalityEHAK: "0793", Topic: advice.TopicSecurity, Subject: "Salajane Tartu intsident",
		Question: "Meil lekkis Tartuklient andmebaas"})
	if err != nil {
		t.Fatal(err)
	}
	if q, err = a.store.MoveInquiry(ctx, q.ID, advice.Move{To: advice.Waiting, Note: "Tartulisa täpsustus", Version: q.Version}); err != nil {
		t.Fatal(err)
	}
	draft, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Mustandkirje Zetor", Answer: "Zetorvastus", Topic: advice.TopicLaw, Tags: []string{"Zetor § 1"}})
	if err != nil {
		t.Fatal(err)
	}
	internal, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Sisekirje Ymber", Answer: "Ymbervastus", Topic: advice.TopicLaw, Visibility: advice.Internal, InquiryID: &q.ID})
	if err != nil {
		t.Fatal(err)
	}
	pages := []string{"/inquiries", "/inquiries.csv", "/inquiries.xlsx", "/inquiries/" + itoa(q.ID), "/inquiries/stats",
		"/kb", "/kb?q=zetor", "/kb?q=ymber", "/kb?visibility=draft", "/kb?tag=Zetor+%C2%A7+1", "/kb.csv", "/kb.csv?visibility=draft",
		"/kb/" + itoa(draft.ID), "/kb/" + itoa(internal.ID), "/desk", "/notifications",
		"/api/v1/inquiries", "/api/v1/inquiries/" + itoa(q.ID), "/api/v1/kb", "/api/v1/kb?q=zetor", "/api/v1/kb?visibility=draft",
		"/api/v1/kb/" + itoa(draft.ID), "/api/v1/kb/" + itoa(internal.ID), "/api/v1/desk", "/api/v1/notifications"}
	secrets := map[string][]string{
		"the public":       {"Salajane", "Tartuklient", "Tartulisa", "Zetor", "Ymber"},
		"a reader":         {"Salajane", "Tartuklient", "Tartulisa", "Zetor", "inquiry_id\":" + itoa(q.ID), "/inquiries/" + itoa(q.ID)},
		"Tallinn's editor": {"Salajane", "Tartuklient", "Tartulisa", "Zetor", "inquiry_id\":" + itoa(q.ID), "/inquiries/" + itoa(q.ID)},
	}
	clients := map[string]*http.Client{"the public": a.client(t), "a reader": a.as(t, a.user(t, "reader@ministry.test", auth.RoleReader, "")),
		"Tallinn's editor": a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))}
	for name, c := range clients {
		for _, p := range pages {
			status, body := get(t, c, a.URL+p)
			if status >= 500 {
				t.Errorf("%s GET %s: %d", name, p, status)
			}
			for _, s := range secrets[name] {
				// A page may echo its own address (the language switch, the search box).
				if strings.Contains(body, s) && !strings.Contains(p, s) {
					t.Errorf("%s GET %s (%d) shows %q", name, p, status, s)
				}
			}
		}
	}
	// The asking municipality and the coordinators do see them.
	tartu := a.as(t, tartuEditor)
	for p, want := range map[string]string{"/inquiries": "Salajane", "/inquiries/" + itoa(q.ID): "Tartulisa", "/desk": "Salajane",
		"/kb?q=ymber": "Sisekirje", "/notifications": "Salajane"} {
		if _, body := get(t, tartu, a.URL+p); !strings.Contains(body, want) {
			t.Errorf("Tartu's editor GET %s lacks %q", p, want)
		}
	}
	if _, body := get(t, tartu, a.URL+"/kb/"+itoa(internal.ID)); strings.Contains(body, "/inquiries/"+itoa(q.ID)) {
		t.Error("an internal entry links editors back to its question")
	}
	coordinator := a.as(t, coord)
	for p, want := range map[string]string{"/kb?visibility=draft": "Zetor", "/kb/" + itoa(internal.ID): "/inquiries/" + itoa(q.ID)} {
		if _, body := get(t, coordinator, a.URL+p); !strings.Contains(body, want) {
			t.Errorf("the coordinator GET %s lacks %q", p, want)
		}
	}
}

// A round on a draft that is not public, and its comments, reach nobody outside its named
// people: not the public, a reader, another municipality's editor, nor a colleague of the
// named editor; and every view by the named is logged.
func TestRestrictedRoundLeaks(t *testing.T) {
	onEngines(t, testRestrictedRoundLeaks)
}

func testRestrictedRoundLeaks(t *testing.T, engine string) {
	a := startApp(t, engine)
	coord := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coord)
	named := a.user(t, "named@tartu.test", auth.RoleEditor, "0793")
	entry, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Valla ülesanded", Answer: "Vastus", Topic: advice.TopicLaw, Tags: []string{"KOKS § 6"}, Visibility: advice.Public})
	if err != nil {
		t.Fatal(err)
	}
	r, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Salaeelnõu Kvarts", Ministry: "Ministeerium Kvarts", ReceivedOn: "2026-11-20",
		MinistryDeadline: "2027-01-20", InternalDeadline: "2027-01-13", Viewers: []int64{named.ID},
		Sections: []advice.Section{{Heading: "§ 1 Kvartsilõik", Text: "KOKS § 6 muudetakse Kvartsiga"}}})
	if err != nil {
		t.Fatal(err)
	}
	namedC := a.as(t, named)
	if st, _ := postForm(t, namedC, a.URL+"/comment-rounds/"+itoa(r.ID)+"/comments", url.Values{"municipality_ehak": {"0793"}, "body": {"Kvartsmärkus"}}); st != 303 {
		t.Fatalf("the named editor comments: %d", st)
	}
	id := itoa(r.ID)
	pages := []string{"/comment-rounds", "/comment-rounds/" + id, "/comment-rounds/" + id + "/position", "/comment-rounds/" + id + "/position.csv",
		"/comment-rounds/" + id + "/letter", "/desk", "/notifications", "/kb", "/api/v1/comment-rounds", "/api/v1/comment-rounds/" + id,
		"/api/v1/positions/" + id, "/api/v1/desk", "/api/v1/notifications", "/kb/" + itoa(entry.ID), "/api/v1/kb/" + itoa(entry.ID), "/kb.csv",
		"/comment-rounds/" + id + "/table", "/comment-rounds/" + id + "/board", "/comment-rounds/" + id + "/edit", "/comment-rounds/" + id + "/position.xlsx",
		"/kb?q=kvartsilõik", "/api/v1/kb?q=kvartsilõik", "/inquiries", "/inquiries.csv"}
	clients := map[string]*http.Client{"the public": a.client(t), "a reader": a.as(t, a.user(t, "reader@ministry.test", auth.RoleReader, "")),
		"Tallinn's editor":      a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")),
		"a colleague not named": a.as(t, a.user(t, "other@tartu.test", auth.RoleEditor, "0793"))}
	for name, c := range clients {
		for _, p := range pages {
			status, body := get(t, c, a.URL+p)
			if status >= 500 {
				t.Errorf("%s GET %s: %d", name, p, status)
			}
			if strings.Contains(body, "Kvarts") {
				t.Errorf("%s GET %s (%d) shows the restricted draft", name, p, status)
			}
		}
	}
	for _, p := range []string{"/comment-rounds/" + id, "/desk", "/notifications", "/api/v1/comment-rounds/" + id} {
		if _, body := get(t, namedC, a.URL+p); !strings.Contains(body, "Kvarts") {
			t.Errorf("the named editor GET %s does not see the draft", p)
		}
	}
	views, err := a.store.RoundViews(context.Background(), r.ID)
	if err != nil || len(views) < 3 {
		t.Errorf("views logged: %d %v", len(views), err)
	}
	for _, v := range views {
		if v.UserID != named.ID {
			t.Errorf("a view by %s logged: only the named read it", v.UserName)
		}
	}
}
