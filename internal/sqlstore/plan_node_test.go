package sqlstore_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func planDay(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

// newStrategy makes an adopted strategy for a test.
func newStrategy(t *testing.T, s *sqlstore.Store, ctx context.Context) plan.Strategy {
	t.Helper()
	st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func mustNode(t *testing.T, s *sqlstore.Store, ctx context.Context, n plan.Node) plan.Node {
	t.Helper()
	out, err := s.CreateNode(ctx, n)
	if err != nil {
		t.Fatalf("create %s: %v", n.Code, err)
	}
	return out
}

func TestNodeCRUD(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		user, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "x", false)
		if err != nil {
			t.Fatal(err)
		}
		orgs, _ := s.ListOrganisations(ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Teenused"})
		dir := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Direction, Code: "1.1", TitleEt: "E-teenused"})
		budget := kovit.Money(1250050)
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &dir.ID, Kind: plan.Activity, Code: "1.1.1",
			TitleEt: "Ühtne taotluskeskkond", LeadOrgID: &orgs[0].ID, PartnerOrgIDs: []int64{orgs[2].ID, orgs[1].ID},
			ContactIDs: []int64{user.ID}, Start: planDay("2026-01-01"), End: planDay("2027-06-30"), Completion: 10,
			PlannedBudget: &budget, FundingSource: "RRF", InternalNote: "Hange viibib"})
		if act.Status != plan.NotStarted || act.Position != 0 || act.UpdatedBy != "Kati Koordinaator" || act.Version != 1 ||
			!cmp.Equal(act.PartnerOrgIDs, []int64{orgs[1].ID, orgs[2].ID}) || *act.PlannedBudget != budget || !act.End.Equal(*planDay("2027-06-30")) {
			t.Errorf("created %+v", act)
		}
		second := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &dir.ID, Kind: plan.Activity, Code: "1.1.2", TitleEn: "Second",
			RelatedIDs: []int64{act.ID}})
		if second.Position != 1 || !cmp.Equal(second.RelatedIDs, []int64{act.ID}) {
			t.Errorf("second %+v", second)
		}

		bad := []struct {
			name  string
			n     plan.Node
			field string
		}{
			{"code taken", plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "x"}, "code"},
			{"goal under a direction", plan.Node{StrategyID: st.ID, ParentID: &dir.ID, Kind: plan.Goal, Code: "9", TitleEt: "x"}, "parent_id"},
			{"activity under an activity", plan.Node{StrategyID: st.ID, ParentID: &act.ID, Kind: plan.Activity, Code: "9", TitleEt: "x"}, "parent_id"},
			{"unknown lead", plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "9", TitleEt: "x", LeadOrgID: ref(99999)}, "lead_org_id"},
			{"unknown contact", plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "9", TitleEt: "x", ContactIDs: []int64{99999}}, "contact_ids"},
			{"related is not an activity", plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "9", TitleEt: "x", RelatedIDs: []int64{goal.ID}}, "related_ids"},
			{"unknown status", plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "9", TitleEt: "x", Status: "lost"}, "status"},
		}
		for _, tt := range bad {
			if _, err := s.CreateNode(ctx, tt.n); !kovit.FieldsOf(err).Has(tt.field) {
				t.Errorf("%s: %v", tt.name, err)
			}
		}
		if _, err := s.CreateNode(ctx, plan.Node{StrategyID: 99999, Kind: plan.Goal, Code: "1", TitleEt: "x"}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("unknown strategy: %v", err)
		}

		// Optimistic locking: two editors start from version 1; the second save is refused.
		a, b := act, act
		a.Status, a.Completion = plan.InProgress, 40
		saved, err := s.UpdateNode(ctx, a)
		if err != nil || saved.Version != 2 || saved.Completion != 40 || saved.InternalNote != "Hange viibib" {
			t.Fatalf("update %+v %v", saved, err)
		}
		b.TitleEt = "Teine pealkiri"
		if _, err := s.UpdateNode(ctx, b); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale update: %v", err)
		}
		if kept, _ := s.Node(ctx, act.ID); kept.TitleEt != act.TitleEt || kept.Completion != 40 || kept.Version != 2 {
			t.Errorf("first save not kept %+v", kept)
		}
		// An update cannot move or re-kind a node.
		c := saved
		c.Kind, c.ParentID = plan.Goal, nil
		if moved, err := s.UpdateNode(ctx, c); err != nil || moved.Kind != plan.Activity || *moved.ParentID != dir.ID {
			t.Errorf("update moved the node: %+v %v", moved, err)
		}

		// Move the second activity first under the direction, then straight under the goal.
		moved, err := s.MoveNode(ctx, second.ID, plan.Move{ParentID: &dir.ID, Position: 0, Version: second.Version})
		if err != nil || moved.Position != 0 || moved.Version != 2 {
			t.Fatalf("move %+v %v", moved, err)
		}
		if first, _ := s.Node(ctx, act.ID); first.Position != 1 || first.Version != 3 {
			t.Errorf("sibling renumbered %+v", first)
		}
		if _, err := s.MoveNode(ctx, second.ID, plan.Move{ParentID: &goal.ID, Version: second.Version}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale move: %v", err)
		}
		if _, err := s.MoveNode(ctx, goal.ID, plan.Move{ParentID: &dir.ID, Version: goal.Version}); !kovit.FieldsOf(err).Has("parent_id") {
			t.Errorf("goal under its own direction: %v", err)
		}
		if moved, err = s.MoveNode(ctx, second.ID, plan.Move{ParentID: &goal.ID, Position: 5, Version: moved.Version}); err != nil || *moved.ParentID != goal.ID || moved.Position != 1 {
			t.Fatalf("move to goal %+v %v", moved, err)
		}

		// Deleting: a node with children is refused; an activity goes with its links.
		if err := s.DeleteNode(ctx, dir.ID, dir.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("delete with children: %v", err)
		}
		if err := s.DeleteNode(ctx, act.ID, 1); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale delete: %v", err)
		}
		if err := s.DeleteNode(ctx, act.ID, 3); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.Node(ctx, second.ID); len(after.RelatedIDs) != 0 {
			t.Errorf("link to a deleted activity kept: %+v", after.RelatedIDs)
		}
		if _, err := s.Node(ctx, act.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("deleted node: %v", err)
		}
		// The update that could not move the node changed nothing, so it left no event.
		evs := events(t, s, "plan_node", itoa(act.ID))
		if !cmp.Equal(actions(evs), []string{audit.Delete, audit.Update, audit.Create}) || evs[0].Before == nil {
			t.Errorf("node events %v", actions(evs))
		}
	})
}

func ref(id int64) *int64 { return &id }
