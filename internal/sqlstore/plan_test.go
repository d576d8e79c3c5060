package sqlstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ plan.Store = (*sqlstore.Store)(nil)

// coordinatorCtx is a coordinator's request context, so audit events and "updated by"
// name somebody.
func coordinatorCtx() context.Context {
	return auth.WithUser(context.Background(), &auth.User{ID: 2, Name: "Kati Koordinaator", Role: auth.RoleCoordinator, Active: true})
}

// events returns the audit events of one record, newest first.
func events(t *testing.T, s *sqlstore.Store, entity, id string) []audit.Event {
	t.Helper()
	evs, _, err := s.ListEvents(context.Background(), audit.Filter{Entity: entity, EntityID: id})
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func actions(evs []audit.Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Action)
	}
	return out
}

func TestSeedStrategies(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		// sqlstoretest.New has loaded the seeds once; loading again adds nothing.
		seeds, err := refdata.Strategies()
		if err != nil {
			t.Fatal(err)
		}
		_, before, _ := s.ListEvents(ctx, audit.Filter{Limit: 1})
		if err := s.LoadStrategies(ctx, seeds); err != nil {
			t.Fatal(err)
		}
		if _, after, _ := s.ListEvents(ctx, audit.Filter{Limit: 1}); after != before {
			t.Errorf("second load wrote %d audit events", after-before)
		}
		list, total, err := s.ListStrategies(ctx, plan.StrategyFilter{})
		if err != nil || total != 3 || len(list) != 3 {
			t.Fatalf("strategies %d %v", total, err)
		}
		want := map[string]struct {
			nodes     int
			kind      plan.Kind
			start     int
			source    string
			estonian  bool
			firstCode string
		}{
			"IYAK2015": {6, plan.Direction, 2012, "http://kov.riik.ee/arengukava/", true, "1"},
			"IKT2021":  {4, plan.Goal, 2017, "https://kovtp.kovit.ee/", false, "1"},
			"IKT2023":  {3, plan.Goal, 2020, "https://www.elvl.ee/et/kov_ikt_arengustrateegia", false, "I"},
		}
		for _, st := range list {
			w, ok := want[st.Code]
			if !ok || st.Status != plan.Archived || st.StartYear != w.start || st.SourceURL != w.source || len(st.Statuses) != 5 {
				t.Errorf("%s: %+v", st.Code, st)
				continue
			}
			tree, err := s.StrategyTree(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(tree.Nodes) != w.nodes || tree.Nodes[0].Kind != w.kind || tree.Nodes[0].Code != w.firstCode {
				t.Errorf("%s: nodes %+v", st.Code, tree.Nodes)
			}
			// Missing Estonian stays empty for the UI to show the English, marked.
			if got := tree.Nodes[0].TitleEt != ""; got != w.estonian {
				t.Errorf("%s: Estonian title %q", st.Code, tree.Nodes[0].TitleEt)
			}
			for _, n := range tree.Nodes {
				if n.Kind == plan.Activity || n.ParentID != nil || n.TitleEn == "" {
					t.Errorf("%s: seeded node %+v", st.Code, n)
				}
			}
		}
		orgs, err := s.ListOrganisations(ctx)
		if err != nil || len(orgs) != 79 || orgs[0].Kind != plan.Municipality || orgs[0].MunicipalityEHAK == "" {
			t.Fatalf("organisations %d %v", len(orgs), err)
		}
	})
}

func TestStrategyCRUD(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		ministry, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Ministry, NameEt: "Majandus- ja Kommunikatsiooniministeerium"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Municipality, NameEt: "Uus vald", MunicipalityEHAK: "0793"}); !kovit.FieldsOf(err).Has("kind") {
			t.Errorf("second municipality organisation: %v", err)
		}
		ministry.NameEn = "Ministry of Economic Affairs and Communications"
		if ministry, err = s.UpdateOrganisation(ctx, ministry); err != nil || ministry.Version != 2 {
			t.Fatalf("update organisation %+v %v", ministry, err)
		}
		if orgs, _ := s.ListOrganisations(ctx); orgs[0].ID != ministry.ID {
			t.Errorf("coordinators' organisations come before municipalities: %+v", orgs[0])
		}

		st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "KOV IKT strateegia 2026–2030", StartYear: 2026, EndYear: 2030,
			Status: plan.Draft, OwnerID: &ministry.ID})
		if err != nil {
			t.Fatal(err)
		}
		if st.Version != 1 || st.Levels != plan.DefaultLevels() || len(st.Statuses) != 5 || st.StaleAfterDays != 90 || *st.OwnerID != ministry.ID {
			t.Errorf("created %+v", st)
		}
		bad := int64(999)
		if _, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "x", StartYear: 2026, EndYear: 2030, Status: plan.Draft, OwnerID: &bad}); !kovit.FieldsOf(err).Has("owner_id") {
			t.Errorf("unknown owner: %v", err)
		}
		if _, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "x", StartYear: 2026, EndYear: 2030, Status: plan.Draft, Code: "IKT2021"}); !kovit.FieldsOf(err).Has("code") {
			t.Errorf("taken code: %v", err)
		}

		first := st
		first.Status, first.StaleAfterDays = plan.Adopted, 30
		first.Levels.Activity = plan.LevelName{Et: "meede", En: "measure"}
		saved, err := s.UpdateStrategy(ctx, first)
		if err != nil || saved.Version != 2 || saved.Status != plan.Adopted || saved.Levels.Activity.Et != "meede" {
			t.Fatalf("update %+v %v", saved, err)
		}
		stale := st
		stale.TitleEt = "Hilisem muudatus vanalt versioonilt"
		if _, err := s.UpdateStrategy(ctx, stale); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale version: %v", err)
		}
		if kept, _ := s.Strategy(ctx, st.ID); kept.TitleEt != st.TitleEt || kept.Status != plan.Adopted {
			t.Errorf("first save not kept: %+v", kept)
		}
		if _, err := s.Strategy(ctx, 999); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("missing: %v", err)
		}

		public, total, err := s.ListStrategies(ctx, plan.StrategyFilter{Statuses: []plan.StrategyStatus{plan.Adopted}})
		if err != nil || total != 1 || public[0].ID != st.ID {
			t.Errorf("adopted: %d %v", total, err)
		}
		if _, n, _ := s.ListStrategies(ctx, plan.StrategyFilter{OwnerID: ministry.ID}); n != 1 {
			t.Errorf("by owner: %d", n)
		}
		if page, n, _ := s.ListStrategies(ctx, plan.StrategyFilter{Limit: 1, Offset: 1}); n != 4 || len(page) != 1 || page[0].Code != "IKT2023" {
			t.Errorf("page: %d %+v", n, page)
		}
		if _, _, err := s.ListStrategies(ctx, plan.StrategyFilter{Statuses: []plan.StrategyStatus{"secret"}}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("bad filter: %v", err)
		}

		evs := events(t, s, "strategy", itoa(st.ID))
		if !cmp.Equal(actions(evs), []string{audit.Update, audit.Create}) || evs[0].ActorName != "Kati Koordinaator" {
			t.Errorf("strategy events %+v", evs)
		}
		if got := actions(events(t, s, "organisation", itoa(ministry.ID))); !cmp.Equal(got, []string{audit.Update, audit.Create}) {
			t.Errorf("organisation events %v", got)
		}
	})
}
