package main

import (
	"context"
	"net/http"
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
