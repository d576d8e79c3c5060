package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

var _ survey.Store = (*sqlstore.Store)(nil)

func num(f float64) *float64 { return &f }

// surveyOf is a yearly e-democracy survey; last, when given, is the one before it.
func surveyOf(year int, last *int64) survey.Survey {
	return survey.Survey{Year: year, Title: "E-demokraatia", Deadline: "2026-12-31", Open: true, PreviousID: last, Questions: []survey.Question{
		{Key: "stream", Text: "Ülekanded?", Type: survey.Single, Options: []string{"jah", "ei"}, Required: true},
		{Key: "budget", Text: "Kaasav eelarve (EUR)", Type: survey.Number, Min: num(0)},
		{Key: "services", Text: "Teenused", Type: survey.ServiceGrid, Options: []string{"pakutakse", "ei"}},
	}}
}

func TestSurveyPrefillApproveRemind(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		last, err := s.CreateSurvey(ctx, surveyOf(2025, nil))
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.SaveResponse(ctx, survey.Response{SurveyID: last.ID, MunicipalityEHAK: "0793", Answers: map[string]survey.Answer{
			"stream": {Text: "jah"}, "budget": {Number: num(100000)}, "services": {Grid: map[string]string{"SOC-001": "pakutakse"}}}}, true)
		if err != nil || r.State != survey.Submitted {
			t.Fatalf("%+v %v", r, err)
		}
		lead := auth.WithUser(context.Background(), &auth.User{ID: 3, Name: "Tartu juht", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true})
		if r, err = s.ApproveResponse(lead, last.ID, "0793", r.Version); err != nil || r.State != survey.Approved || r.ApprovedBy != "Tartu juht" {
			t.Fatalf("%+v %v", r, err)
		}
		if _, err := s.SaveResponse(ctx, survey.Response{SurveyID: last.ID, MunicipalityEHAK: "0793", Answers: r.Answers, Version: r.Version}, false); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("changing an approved response: %v", err)
		}

		now, err := s.CreateSurvey(ctx, surveyOf(2026, &last.ID))
		if err != nil {
			t.Fatal(err)
		}
		pre, err := s.Response(ctx, now.ID, "0793")
		if err != nil || pre.Version != 0 || pre.Answers["budget"].Number == nil || *pre.Answers["budget"].Number != 100000 || len(pre.Prefilled) != 3 {
			t.Fatalf("prefilled: %+v %v", pre, err)
		}
		if fresh, _ := s.Response(ctx, now.ID, "0784"); len(fresh.Answers) != 0 {
			t.Errorf("Tallinn, which did not answer last year, is prefilled: %+v", fresh)
		}
		pre.Answers["budget"] = survey.Answer{Number: num(120000)}
		pre.Prefilled = []string{"stream", "services"}
		saved, err := s.SaveResponse(ctx, pre, false)
		if err != nil || saved.Version != 1 || len(saved.Prefilled) != 2 {
			t.Fatalf("%+v %v", saved, err)
		}
		if _, err := s.SaveResponse(ctx, survey.Response{SurveyID: now.ID, MunicipalityEHAK: "0793", Answers: map[string]survey.Answer{"stream": {Text: "võib-olla"}}, Version: 1}, false); !kovit.FieldsOf(err).Has("answers.stream") {
			t.Errorf("a bad option: %v", err)
		}
		if _, err := s.SaveResponse(ctx, survey.Response{SurveyID: now.ID, MunicipalityEHAK: "9999"}, false); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an unknown municipality: %v", err)
		}
		if _, err := s.ApproveResponse(lead, now.ID, "0793", saved.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("approving a draft: %v", err)
		}
		if saved, err = s.SaveResponse(ctx, saved, true); err != nil || saved.State != survey.Submitted || len(saved.Prefilled) != 0 {
			t.Fatalf("submit: %+v %v", saved, err)
		}
		if _, err := s.ApproveResponse(lead, now.ID, "0793", saved.Version); err != nil {
			t.Fatal(err)
		}
		editor := commenter(t, s, "it@tallinn.test", auth.RoleEditor, "0784")
		n, err := s.RemindSurvey(ctx, now.ID)
		if err != nil || n != 78 {
			t.Fatalf("reminded %d: %v", n, err)
		}
		if again, _ := s.RemindSurvey(ctx, now.ID); again != 78 {
			t.Errorf("second reminder: %d", again)
		}
		notes, _, _, err := s.Notifications(ctx, editor.ID, 10, 0)
		if err != nil || len(notes) != 1 || notes[0].Kind != "survey_due" {
			t.Errorf("Tallinn's reminders, once a day: %+v %v", notes, err)
		}
		if len(events(t, s, "survey_response", "2/0793")) != 3 {
			t.Errorf("response history: %+v", events(t, s, "survey_response", "2/0793"))
		}
		// The questions stay while a response is approved.
		changed := now
		changed.Questions = changed.Questions[:2]
		if _, err := s.UpdateSurvey(ctx, changed); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("changing answered questions: %v", err)
		}
	})
}
