package sqlstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/tabular"
)

// transferPlan makes a strategy with a goal, a direction and an activity with a lead,
// two partners, dates and progress, and returns it.
func transferPlan(t *testing.T, s *sqlstore.Store, ctx context.Context) plan.Strategy {
	t.Helper()
	st := newStrategy(t, s, ctx)
	lead, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Association, NameEt: "Liit", NameEn: "Association"})
	if err != nil {
		t.Fatal(err)
	}
	ministry, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Ministry, NameEt: "Ministeerium; IT-osakond"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Agency, NameEt: "Amet"})
	if err != nil {
		t.Fatal(err)
	}
	_ = ministry // a name with the separator in it cannot be a partner, but can lead
	goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk", TitleEn: "Goal"})
	dir := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Direction, Code: "1.1", TitleEt: "Suund, \"jutumärgid\""})
	mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &dir.ID, Kind: plan.Activity, Code: "1.1.1", TitleEt: "Tegevus",
		LeadOrgID: &lead.ID, PartnerOrgIDs: []int64{other.ID, lead.ID}, Start: planDay("2026-01-15"), End: planDay("2027-06-30"),
		Status: plan.InProgress, Completion: 35, DescriptionEt: "Jääb alles"})
	return st
}

// exportFile is a strategy's export as a file of the format, read back as a table.
func exportFile(t *testing.T, s *sqlstore.Store, id int64, format string) ([]string, [][]string) {
	t.Helper()
	ctx := context.Background()
	tree, err := s.StrategyTree(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := s.ListOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	table := tabular.Table{Sheet: "tegevuskava", Header: plan.Header("et"), Rows: plan.ExportRows(tree, orgs)}
	var b bytes.Buffer
	write := tabular.WriteCSV
	if format == "xlsx" {
		write = tabular.WriteXLSX
	}
	if err := write(&b, table); err != nil {
		t.Fatal(err)
	}
	head, rows, err := tabular.Read(&b, "plan."+format)
	if err != nil {
		t.Fatal(err)
	}
	return head, rows
}

func importRef(t *testing.T, s *sqlstore.Store, id int64) plan.ImportReference {
	t.Helper()
	ctx := context.Background()
	tree, err := s.StrategyTree(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := s.ListOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return plan.ImportReference{Strategy: tree.Strategy, Nodes: tree.Nodes, Organisations: orgs}
}

func auditCount(t *testing.T, s *sqlstore.Store) int {
	t.Helper()
	_, n, err := s.ListEvents(context.Background(), audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPlanExportImportChangesNothing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := transferPlan(t, s, ctx)
		before, _ := s.StrategyTree(ctx, st.ID)
		events := auditCount(t, s)
		for _, format := range []string{"csv", "xlsx"} {
			head, rows := exportFile(t, s, st.ID, format)
			read, err := plan.ReadImport(head, rows, importRef(t, s, st.ID))
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			res, err := s.ImportPlan(ctx, st.ID, read)
			if err != nil || res != (plan.ImportResult{Unchanged: 3}) {
				t.Errorf("%s: %+v %v", format, res, err)
			}
			after, _ := s.StrategyTree(ctx, st.ID)
			if diff := cmp.Diff(before.Nodes, after.Nodes); diff != "" || auditCount(t, s) != events {
				t.Errorf("%s: import changed the plan (-before +after)\n%s", format, diff)
			}
		}
	})
}

func TestPlanImportCreatesAndUpdates(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := transferPlan(t, s, ctx)
		events := auditCount(t, s)
		head, rows := exportFile(t, s, st.ID, "csv")
		rows[2][2], rows[2][8] = "Tegevus uue nimega", "delayed" // the activity
		rows = append(rows,
			[]string{"1.1.2", "tegevus", "Uus tegevus", "", "Amet", "Liit", "01.03.2026", "", "", "10"},
			[]string{"2", "goal", "Teine eesmärk"},
			[]string{"2.1", "direction", "Teise suund"})
		read, err := plan.ReadImport(head, rows, importRef(t, s, st.ID))
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportPlan(ctx, st.ID, read)
		if err != nil || res != (plan.ImportResult{Created: 3, Updated: 1, Unchanged: 2}) {
			t.Fatalf("%+v %v", res, err)
		}
		tree, _ := s.StrategyTree(ctx, st.ID)
		byCode := map[string]plan.Node{}
		for _, n := range tree.Nodes {
			byCode[n.Code] = n
		}
		act, added := byCode["1.1.1"], byCode["1.1.2"]
		if act.TitleEt != "Tegevus uue nimega" || act.Status != plan.Delayed || act.Version != 2 || act.DescriptionEt != "Jääb alles" {
			t.Errorf("updated %+v", act)
		}
		if added.ParentID == nil || *added.ParentID != byCode["1.1"].ID || added.Completion != 10 || added.Status != plan.NotStarted ||
			len(added.PartnerOrgIDs) != 1 || added.Start == nil || *byCode["2.1"].ParentID != byCode["2"].ID {
			t.Errorf("created %+v", added)
		}
		if n := auditCount(t, s); n != events+4 {
			t.Errorf("audit events %d → %d, want 4 more", events, n)
		}
	})
}

// TestPlanImportAllOrNothing: a file checked against an older tree is checked again when
// it is applied; one row that no longer fits keeps every row out.
func TestPlanImportAllOrNothing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := transferPlan(t, s, ctx)
		head, rows := exportFile(t, s, st.ID, "csv")
		rows[2][2] = "Muudetud"
		rows = append(rows, []string{"3", "goal", "Kolmas"})
		read, err := plan.ReadImport(head, rows, importRef(t, s, st.ID))
		if err != nil {
			t.Fatal(err)
		}
		mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "3", TitleEt: "Vahepeal lisatud"})
		before, _ := s.StrategyTree(ctx, st.ID)
		events := auditCount(t, s)
		_, err = s.ImportPlan(ctx, st.ID, read)
		want := []tabular.RowError{{Row: 5, Column: "tase", Key: "plantransfer.error.level_changed"}}
		if ie, ok := err.(*tabular.ImportError); !ok || !cmp.Equal(want, ie.Rows) || kovit.ErrorCode(err) != kovit.EInvalid {
			t.Fatalf("import over a changed tree: %v", err)
		}
		after, _ := s.StrategyTree(ctx, st.ID)
		if diff := cmp.Diff(before.Nodes, after.Nodes); diff != "" || auditCount(t, s) != events {
			t.Errorf("a refused import changed the plan\n%s", diff)
		}
	})
}

func TestAttentionAndParticipations(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		national := newStrategy(t, s, ctx)
		act := mustNode(t, s, ctx, plan.Node{StrategyID: national.ID, Kind: plan.Activity, Code: "1", TitleEt: "Ühine", ContactIDs: []int64{}})
		if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0793", Due: planDay("2026-11-01")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0784", Due: planDay("2027-01-01")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Hiline", State: plan.TaskNotStarted, Due: planDay("2026-11-20")}); err != nil {
			t.Fatal(err)
		}
		draft, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Mustand", StartYear: 2026, EndYear: 2027, Status: plan.Draft})
		if err != nil {
			t.Fatal(err)
		}
		hidden := mustNode(t, s, ctx, plan.Node{StrategyID: draft.ID, Kind: plan.Activity, Code: "1", TitleEt: "Mustandi tegevus"})
		if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: hidden.ID, MunicipalityEHAK: "0793"}); err != nil {
			t.Fatal(err)
		}

		now := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC) // 46 days after the store's clock: not yet stale
		type item struct {
			Kind plan.AttentionKind
			EHAK string
			Days int
		}
		tests := []struct {
			f    plan.AttentionFilter
			want []item
		}{
			{plan.AttentionFilter{}, []item{{plan.OverdueParticipant, "0793", 70}, {plan.OverdueParticipant, "0784", 9}, {plan.OverdueTask, "", 51}}},
			{plan.AttentionFilter{Municipality: "0784"}, []item{{plan.OverdueParticipant, "0784", 9}}},
			{plan.AttentionFilter{StrategyID: draft.ID}, nil},
		}
		for _, tt := range tests {
			items, err := s.Attention(ctx, tt.f, now)
			if err != nil {
				t.Fatal(err)
			}
			var got []item
			for _, i := range items {
				got = append(got, item{i.Kind, i.MunicipalityEHAK, i.Days})
				if i.ActivityTitleEt != "Ühine" || i.StrategyID != national.ID {
					t.Errorf("item %+v", i)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%+v (-want +got)\n%s", tt.f, diff)
			}
		}
		if items, err := s.AttentionForContact(ctx, 99, "0793", now); err != nil || len(items) != 1 || items[0].MunicipalityEHAK != "0793" {
			t.Errorf("digest of Tartu's editor: %+v %v", items, err)
		}

		public, err := s.MunicipalityParticipations(ctx, "0793", plan.Readable(false, nil))
		if err != nil || len(public) != 1 || public[0].ActivityTitleEt != "Ühine" || public[0].StrategyTitleEt != "Tegevuskava" {
			t.Fatalf("public participations %+v %v", public, err)
		}
		if days, late := public[0].Overdue(now); !late || days != 70 {
			t.Errorf("overdue %d %v", days, late)
		}
		if all, err := s.MunicipalityParticipations(ctx, "0793", plan.Readable(true, nil)); err != nil || len(all) != 2 {
			t.Errorf("signed-in participations %+v %v", all, err)
		}
	})
}

// TestPlanImportAuditsTheStoredNodes: an import's audit events, for the nodes it updated
// and those it created (with a lead, partners and dates), hold each node exactly as it is
// stored afterwards, read back.
func TestPlanImportAuditsTheStoredNodes(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := transferPlan(t, s, ctx)
		_, seen, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindPlanNode, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		head, rows := exportFile(t, s, st.ID, "csv")
		rows[2][2], rows[2][8] = "Tegevus uue nimega", "delayed"
		rows = append(rows,
			[]string{"1.1.2", "tegevus", "Uus tegevus", "", "Amet", "Liit", "01.03.2026", "31.12.2027", "", "10"},
			[]string{"2", "goal", "Teine eesmärk"})
		read, err := plan.ReadImport(head, rows, importRef(t, s, st.ID))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportPlan(ctx, st.ID, read); err != nil {
			t.Fatal(err)
		}
		events, total, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindPlanNode, Limit: 100})
		if err != nil || total != seen+3 {
			t.Fatalf("%d events after the import, want %d: %v", total, seen+3, err)
		}
		tree, err := s.StrategyTree(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]plan.Node{}
		for _, n := range tree.Nodes {
			stored[strconv.FormatInt(n.ID, 10)] = n
		}
		for _, e := range events[:3] { // newest first: the import's
			want, err := json.Marshal(stored[e.EntityID])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(e.After, want) {
				t.Errorf("%s of node %s audited as\n%s\nstored as\n%s", e.Action, e.EntityID, e.After, want)
			}
		}
	})
}
