package sqlstore_test

import (
	"context"
	"reflect"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

// TestSurveyResponsesKeptCopy reads a survey's responses, which keeps them, and checks
// that every change to a response or to the survey shows at the next read, not a minute
// later.
func TestSurveyResponsesKeptCopy(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		x, err := s.CreateSurvey(ctx, surveyOf(2026, nil))
		if err != nil {
			t.Fatal(err)
		}
		read := func() []survey.Response {
			t.Helper()
			rs, err := s.SurveyResponses(ctx, x.ID)
			if err != nil {
				t.Fatal(err)
			}
			return rs
		}
		if rs := read(); len(rs) != 0 {
			t.Fatalf("before any answer: %+v", rs)
		}
		r, err := s.SaveResponse(ctx, survey.Response{SurveyID: x.ID, MunicipalityEHAK: "0793", Answers: map[string]survey.Answer{"stream": {Text: "jah"}}}, true)
		if err != nil {
			t.Fatal(err)
		}
		if rs := read(); len(rs) != 1 || rs[0].State != survey.Submitted || rs[0].Version != r.Version {
			t.Fatalf("after submitting: %+v", rs)
		}
		lead := auth.WithUser(context.Background(), &auth.User{ID: 3, Name: "Tartu juht", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true})
		if _, err := s.ApproveResponse(lead, x.ID, "0793", r.Version); err != nil {
			t.Fatal(err)
		}
		if rs := read(); len(rs) != 1 || rs[0].State != survey.Approved || rs[0].ApprovedBy != "Tartu juht" {
			t.Fatalf("after approving: %+v", rs)
		}
		if _, err := s.SurveyResponses(ctx, x.ID+1000); err == nil {
			t.Error("the responses of a survey that does not exist")
		}
	})
}

// TestSurveyResponsesReadAgain: after a change, the responses are read again, each
// changed one with its new answers and each unchanged one as decoded before.
func TestSurveyResponsesReadAgain(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		x, err := s.CreateSurvey(ctx, surveyOf(2026, nil))
		if err != nil {
			t.Fatal(err)
		}
		save := func(ehak, answer string, version int) {
			t.Helper()
			if _, err := s.SaveResponse(ctx, survey.Response{SurveyID: x.ID, MunicipalityEHAK: ehak, Version: version,
				Answers: map[string]survey.Answer{"stream": {Text: answer}}}, false); err != nil {
				t.Fatal(err)
			}
		}
		read := func() map[string]survey.Response {
			t.Helper()
			rs, err := s.SurveyResponses(ctx, x.ID)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]survey.Response{}
			for _, r := range rs {
				out[r.MunicipalityEHAK] = r
			}
			return out
		}
		save("0793", "jah", 0)
		save("0784", "jah", 0)
		before := read()
		save("0784", "ei", 1)
		save("0624", "ei", 0)
		after := read()
		if len(after) != 3 || after["0784"].Answers["stream"].Text != "ei" || after["0784"].Version != 2 || after["0624"].Answers["stream"].Text != "ei" {
			t.Fatalf("after the changes: %+v", after)
		}
		same := func(a, b map[string]survey.Answer) bool {
			return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
		}
		if !same(before["0793"].Answers, after["0793"].Answers) || after["0793"].Answers["stream"].Text != "jah" {
			t.Error("the unchanged response was decoded again")
		}
		if same(before["0784"].Answers, after["0784"].Answers) {
			t.Error("the changed response was not decoded again")
		}
	})
}
