package sqlstore_test

import (
	"context"
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
