package sqlstore_test

import (
	"strconv"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

// A question mapped to an indicator names one that takes entered values: an unknown id
// or one computed from the matrix is refused, naming the question, and nothing is saved;
// an indicator deleted after the survey was made leaves the survey editable.
func TestSurveyIndicatorMappingSave(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		entered, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "E-teenuste arv", Better: plan.HigherIsBetter, Breakdown: plan.Sum})
		if err != nil {
			t.Fatal(err)
		}
		computed, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Maatriksist", Better: plan.HigherIsBetter,
			FromMatrix: &plan.MatrixSource{ServiceCode: "SOC-001"}})
		if err != nil {
			t.Fatal(err)
		}
		question := func(id int64) []survey.Question {
			return []survey.Question{{Key: "n", Text: "Mitu?", Type: survey.Number, Maps: survey.MapsIndicator + strconv.FormatInt(id, 10)}}
		}
		for name, id := range map[string]int64{"unknown": 999999, "from the matrix": computed.ID} {
			_, err := s.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "Küsitlus", Deadline: "2026-12-31", Questions: question(id)})
			if !kovit.FieldsOf(err).Has("questions[0].maps") {
				t.Errorf("%s indicator: %v", name, err)
			}
		}
		if list, err := s.ListSurveys(ctx); err != nil || len(list) != 0 {
			t.Errorf("a refused survey was saved: %v %v", list, err)
		}
		x, err := s.CreateSurvey(ctx, survey.Survey{Year: 2026, Title: "Küsitlus", Deadline: "2026-12-31", Questions: question(entered.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteIndicator(ctx, entered.ID, entered.Version); err != nil {
			t.Fatal(err)
		}
		x.Title = "Küsitlus 2026"
		if x, err = s.UpdateSurvey(ctx, x); err != nil {
			t.Fatalf("a survey whose indicator was deleted since: %v", err)
		}
		x.Questions = question(computed.ID)
		if _, err := s.UpdateSurvey(ctx, x); !kovit.FieldsOf(err).Has("questions[0].maps") {
			t.Errorf("a new mapping to a computed indicator: %v", err)
		}
	})
}
