package sqlstore_test

import (
	"strconv"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

// A per-solution grid's answers name solutions of the catalogue; a proposal not yet
// accepted, or an id that is no solution, is refused and nothing is saved.
func TestSurveySolutionGridSave(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		sol, err := s.CreateSolution(ctx, landscape.Solution{Name: "Delta", Kind: landscape.KindCommercial, State: landscape.Accepted})
		if err != nil {
			t.Fatal(err)
		}
		prop, err := s.CreateSolution(ctx, landscape.Solution{Name: "Uus", Kind: landscape.KindOwn, State: landscape.Proposed, ProposedBy: "0793"})
		if err != nil {
			t.Fatal(err)
		}
		x, err := s.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "Infosüsteemid", Deadline: "2026-12-31", Open: true, Questions: []survey.Question{
			{Key: "sol", Text: "Lahendused", Type: survey.SolutionGrid, Options: []string{"production", "planned"}, Maps: survey.MapsStatus}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{strconv.FormatInt(prop.ID, 10), "999999", "SOC-001"} {
			_, err := s.SaveResponse(ctx, survey.Response{SurveyID: x.ID, MunicipalityEHAK: "0793",
				Answers: map[string]survey.Answer{"sol": {Grid: map[string]string{id: "planned"}}}}, false)
			if !kovit.FieldsOf(err).Has("answers.sol") {
				t.Errorf("row %s: %v", id, err)
			}
		}
		if r, _ := s.Response(ctx, x.ID, "0793"); r.Version != 0 {
			t.Errorf("a refused answer was saved: %+v", r)
		}
		key := strconv.FormatInt(sol.ID, 10)
		r, err := s.SaveResponse(ctx, survey.Response{SurveyID: x.ID, MunicipalityEHAK: "0793",
			Answers: map[string]survey.Answer{"sol": {Grid: map[string]string{key: "planned"}}}}, true)
		if err != nil || r.Answers["sol"].Grid[key] != "planned" {
			t.Fatalf("%+v %v", r, err)
		}
	})
}
