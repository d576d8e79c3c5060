package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/consult"
	"kovit/internal/demo"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

// The synthetic e-democracy data: an open consultation in two versions, this year's survey
// prefilled from last year's approved responses, and every municipality's practice.
func TestEDemocracy(t *testing.T) {
	ctx := context.Background()
	s := sqlstoretest.New(t, "sqlite")
	if err := demo.EDemocracy(ctx, s, 3, time.Now()); err != nil {
		t.Fatal(err)
	}
	cs, _, err := s.ListConsultations(ctx, consult.Filter{})
	if err != nil || len(cs) != 1 || cs[0].Phase != consult.Open || cs[0].Versions != 2 || !strings.HasPrefix(cs[0].Title, "Näidis") {
		t.Fatalf("%+v %v", cs, err)
	}
	surveys, err := s.ListSurveys(ctx)
	if err != nil || len(surveys) != 2 {
		t.Fatalf("%+v %v", surveys, err)
	}
	r, err := s.Response(ctx, surveys[0].ID, "0793")
	if err != nil || r.Version != 0 || len(r.Prefilled) != 4 || r.State != survey.Draft {
		t.Errorf("this year's response is not prefilled: %+v %v", r, err)
	}
	practices, err := s.EDemocracyPractices(ctx)
	if err != nil || len(practices) != 79 {
		t.Errorf("%d practices: %v", len(practices), err)
	}
}
