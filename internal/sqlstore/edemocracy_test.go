package sqlstore_test

import (
	"testing"

	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ edemocracy.Store = (*sqlstore.Store)(nil)

func TestPracticeSave(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		p, err := s.EDemocracyPractice(ctx, "0793")
		if err != nil || p.Version != 0 {
			t.Fatalf("%+v %v", p, err)
		}
		year, votes := 2025, 5120
		amount := kovit.Money(20_000_000)
		p = edemocracy.Practice{MunicipalityEHAK: "0793", CouncilSystem: " VOLIS ", PublicModules: []string{"votes", "agendas"}, Streaming: true,
			BudgetYear: &year, BudgetAmount: &amount, BudgetVotes: &votes, Consultations: 4, Rahvaalgatus: true}
		if p, err = s.EDemocracySavePractice(ctx, p); err != nil || p.Version != 1 || p.CouncilSystem != "VOLIS" || *p.BudgetAmount != amount || p.PublicModules[0] != "agendas" {
			t.Fatalf("%+v %v", p, err)
		}
		if _, err := s.EDemocracySavePractice(ctx, edemocracy.Practice{MunicipalityEHAK: "0793", Version: 0}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("a second first save: %v", err)
		}
		p.BudgetVotes = nil
		if p, err = s.EDemocracySavePractice(ctx, p); err != nil || p.Version != 2 || p.BudgetVotes != nil {
			t.Fatalf("%+v %v", p, err)
		}
		if _, err := s.EDemocracySavePractice(ctx, edemocracy.Practice{MunicipalityEHAK: "9999"}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an unknown municipality: %v", err)
		}
		all, err := s.EDemocracyPractices(ctx)
		if err != nil || len(all) != 1 {
			t.Errorf("%+v %v", all, err)
		}
		if len(events(t, s, "edemocracy_practice", "0793")) != 2 {
			t.Error("no history of the practice")
		}
	})
}
