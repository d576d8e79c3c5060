package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/survey"
)

// surveyPermissionCases are the permission matrix's cases of surveys (issue 16): answering
// is the municipality's, approving its lead's (whom admins stand in for; no lead is among
// the matrix's actors), the rest the coordinators'.
func surveyPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /surveys":                                       {scopeNational, "POST", "/surveys", form, "title=Uus&year=2026&deadline=2026-12-31&questions=a+%7C+text+%7C+K%C3%BCsimus"},
		"POST /surveys/{id}/edit":                             {scopeNational, "POST", "/surveys/999999/edit", form, "title=Uus&year=2026&deadline=2026-12-31&version=1"},
		"POST /surveys/{id}/reminders":                        {scopeNational, "POST", "/surveys/999999/reminders", form, ""},
		"POST /surveys/{id}/responses/{ehak}":                 {scopeMunicipality, "POST", "/surveys/999999/responses/0784", form, "a.x=1&version=0"},
		"POST /surveys/{id}/responses/{ehak}/apply":           {scopeMunicipality, "POST", "/surveys/999999/responses/0784/apply", form, "service_code=SOC-001&cell_version=0"},
		"POST /surveys/{id}/responses/{ehak}/approve":         {scopeAdmin, "POST", "/surveys/999999/responses/0784/approve", form, "version=1"},
		"POST /api/v1/surveys":                                {scopeNational, "POST", "/api/v1/surveys", js, `{"title":"Uus","year":2026,"deadline":"2026-12-31","questions":[{"key":"a","text":"K","type":"text"}]}`},
		"PATCH /api/v1/surveys/{id}":                          {scopeNational, "PATCH", "/api/v1/surveys/999999", js, `{"title":"Uus","version":1}`},
		"POST /api/v1/surveys/{id}/reminders":                 {scopeNational, "POST", "/api/v1/surveys/999999/reminders", js, ``},
		"PUT /api/v1/surveys/{id}/responses/{ehak}":           {scopeMunicipality, "PUT", "/api/v1/surveys/999999/responses/0784", js, `{"answers":{},"version":0}`},
		"POST /api/v1/surveys/{id}/responses/{ehak}/approval": {scopeAdmin, "POST", "/api/v1/surveys/999999/responses/0784/approval", js, `{"version":1}`},
	}
}

const (
	internalSurvey, publicSurvey = "Sisemine küsitlus", "Avalik küsitlus"
	tallinnAnswer                = "Tallinna oma tekstivastus"
)

// surveyFixture stores an internal and a public survey, each with Tallinn's approved
// response whose text answer no result may show.
func surveyFixture(t *testing.T, a *testApp) *strings.Replacer {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	ids := map[bool]string{}
	for _, public := range []bool{false, true} {
		title := internalSurvey
		if public {
			title = publicSurvey
		}
		s, err := a.store.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: title, Deadline: "2026-12-31", Open: true, PublicResults: public,
			Questions: []survey.Question{{Key: "stream", Text: "Ülekanded?", Type: survey.Single, Options: []string{"jah", "ei"}},
				{Key: "note", Text: "Märkus", Type: survey.Text}}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := a.store.SaveResponse(ctx, survey.Response{SurveyID: s.ID, MunicipalityEHAK: "0784",
			Answers: map[string]survey.Answer{"stream": {Text: "jah"}, "note": {Text: tallinnAnswer}}}, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.ApproveResponse(ctx, s.ID, "0784", r.Version); err != nil {
			t.Fatal(err)
		}
		ids[public] = itoa(s.ID)
	}
	return strings.NewReplacer("{sinternal}", ids[false], "{spublic}", ids[true])
}

func surveyReadCases() map[string]map[string]readCase {
	signedInOnly := func(refused int, w readWant) readCase {
		return readCase{anon: {status: refused}, other: w, reader: w, coord: w}
	}
	response := func(refused int) readCase {
		return readCase{anon: {status: refused}, other: {status: 403}, reader: seen([]string{tallinnAnswer}, nil), coord: seen([]string{tallinnAnswer}, nil)}
	}
	results := func(refused int) map[string]readCase {
		w := seen([]string{"jah"}, []string{tallinnAnswer})
		return map[string]readCase{"internal": {anon: {status: refused}, other: w, reader: w, coord: w},
			"public": {anon: w, other: w, reader: w, coord: w}}
	}
	pageResults, apiResults := results(303), results(404)
	return map[string]map[string]readCase{
		"GET /surveys":                              {"/surveys": signedInOnly(303, seen([]string{internalSurvey, publicSurvey}, nil))},
		"GET /surveys/{id}":                         {"/surveys/{sinternal}": signedInOnly(303, seen([]string{internalSurvey, "Tallinn"}, []string{tallinnAnswer}))},
		"GET /surveys/{id}/responses/{ehak}":        {"/surveys/{sinternal}/responses/0784": response(303)},
		"GET /surveys/{id}/results":                 {"/surveys/{sinternal}/results": pageResults["internal"], "/surveys/{spublic}/results": pageResults["public"]},
		"GET /surveys/{id}/results.xlsx":            {"/surveys/{sinternal}/results.xlsx": pageResults["internal"], "/surveys/{spublic}/results.xlsx": pageResults["public"]},
		"GET /api/v1/surveys":                       {"/api/v1/surveys": signedInOnly(401, seen([]string{internalSurvey, publicSurvey}, nil))},
		"GET /api/v1/surveys/{id}":                  {"/api/v1/surveys/{sinternal}": signedInOnly(401, seen([]string{internalSurvey, "approved"}, []string{tallinnAnswer}))},
		"GET /api/v1/surveys/{id}/responses/{ehak}": {"/api/v1/surveys/{sinternal}/responses/0784": response(401)},
		"GET /api/v1/surveys/{id}/results":          {"/api/v1/surveys/{sinternal}/results": apiResults["internal"], "/api/v1/surveys/{spublic}/results": apiResults["public"]},
		"GET /api/v1/surveys/{id}/results.xlsx":     {"/api/v1/surveys/{sinternal}/results.xlsx": apiResults["internal"], "/api/v1/surveys/{spublic}/results.xlsx": apiResults["public"]},
	}
}

func TestPermissionSurveyReads(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ids := surveyFixture(t, a)
		cases := surveyReadCases()
		for _, r := range a.routes {
			if strings.HasPrefix(r, "GET ") && strings.Contains(r, "/surveys") {
				if _, ok := cases[r]; !ok {
					t.Errorf("survey route %q has no read case", r)
				}
			}
		}
		clients := map[string]*http.Client{
			anon:   a.client(t),
			other:  a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
			reader: a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
			coord:  a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")),
		}
		for pattern, paths := range cases {
			for path, want := range paths {
				path = ids.Replace(path)
				for actor, w := range want {
					status, body := get(t, clients[actor], a.URL+path)
					body = readable(t, body)
					if status != w.status {
						t.Errorf("%s (%s) as %s: status %d, want %d\n%.300s", path, pattern, actor, status, w.status, body)
						continue
					}
					for _, s := range w.sees {
						if !strings.Contains(body, s) {
							t.Errorf("%s as %s: %q not shown", path, actor, s)
						}
					}
					for _, s := range w.hides {
						if strings.Contains(body, s) {
							t.Errorf("%s as %s: %q shown", path, actor, s)
						}
					}
				}
			}
		}
	})
}
