package api_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

type strategyList struct {
	Items []plan.Strategy `json:"items"`
	Total int             `json:"total"`
}

// planFixture is a seed strategy with an activity under its first node, one municipality
// done and one not, and a draft strategy beside it.
type planFixture struct {
	seed     plan.Strategy
	activity plan.Node
	draft    plan.Strategy
	goal     plan.Node // a goal of the draft
}

const secretNote = "Ainult sisekasutuseks"

func newPlanFixture(t *testing.T, store *sqlstore.Store) planFixture {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati Koordinaator", Role: auth.RoleCoordinator, Active: true})
	var f planFixture
	seeds, _, err := store.ListStrategies(ctx, plan.StrategyFilter{})
	if err != nil || len(seeds) == 0 {
		t.Fatalf("seed strategies: %d %v", len(seeds), err)
	}
	// The seed is adopted for the tests' changes: archived strategies are read-only.
	f.seed = seeds[0]
	f.seed.Status = plan.Adopted
	if f.seed, err = store.UpdateStrategy(ctx, f.seed); err != nil {
		t.Fatal(err)
	}
	tree, err := store.StrategyTree(ctx, f.seed.ID)
	if err != nil || len(tree.Nodes) == 0 {
		t.Fatalf("seed tree: %v", err)
	}
	top := tree.Nodes[0].ID
	for i, n := range []plan.Node{
		{Code: "9.1", Completion: 40, Status: plan.InProgress, InternalNote: secretNote},
		{Code: "9.2", Completion: 10, Status: plan.InProgress, Weight: 3},
	} {
		n.StrategyID, n.ParentID, n.Kind, n.TitleEt = f.seed.ID, &top, plan.Activity, "Tegevus "+n.Code
		created, err := store.CreateNode(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			f.activity = created
		}
	}
	for _, p := range []plan.Participant{
		{ActivityID: f.activity.ID, MunicipalityEHAK: "0793", Status: plan.Done},
		{ActivityID: f.activity.ID, MunicipalityEHAK: "0784", Status: plan.InProgress, Completion: 20},
	} {
		if _, err := store.AddParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := store.CreateTask(ctx, plan.Task{ActivityID: f.activity.ID, TitleEt: "Ülesanne", State: plan.TaskInProgress}); err != nil {
		t.Fatal(err)
	}
	if f.draft, err = store.CreateStrategy(ctx, plan.Strategy{TitleEt: "KOV IKT strateegia 2026–2030", StartYear: 2026, EndYear: 2030,
		Status: plan.Draft}); err != nil {
		t.Fatal(err)
	}
	if f.goal, err = store.CreateNode(ctx, plan.Node{StrategyID: f.draft.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"}); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestListStrategies(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, token := s.user(auth.RoleReader, "")
		codes := func(l strategyList) []string {
			var out []string
			for _, st := range l.Items {
				out = append(out, fmt.Sprintf("%s/%s", st.Code, st.Status))
			}
			sort.Strings(out)
			return out
		}
		var public strategyList
		s.get("/api/v1/strategies", "", &public)
		if diff := cmp.Diff([]string{"IKT2021/archived", "IKT2023/adopted", "IYAK2015/archived"}, codes(public)); diff != "" || public.Total != 3 {
			t.Errorf("public: total %d (-want +got):\n%s", public.Total, diff)
		}
		var signedIn strategyList
		s.get("/api/v1/strategies", token, &signedIn)
		if diff := cmp.Diff([]string{"/draft", "IKT2021/archived", "IKT2023/adopted", "IYAK2015/archived"}, codes(signedIn)); diff != "" || signedIn.Total != 4 {
			t.Errorf("signed in: total %d (-want +got):\n%s", signedIn.Total, diff)
		}
		if r := s.do(req{path: "/api/v1/strategies"}); r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q, want no-store: the list depends on who asks", r.header.Get("Cache-Control"))
		}
		if p := s.do(req{path: "/api/v1/strategies?status=draft"}).problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 1 || p.Errors[0].Field != "status" {
			t.Errorf("unknown parameter: %+v", p)
		}

		var got plan.Strategy
		s.get(fmt.Sprintf("/api/v1/strategies/%d", f.seed.ID), "", &got)
		if got.ID != f.seed.ID || got.Code != f.seed.Code || len(got.Statuses) != 5 {
			t.Errorf("seed strategy %+v", got)
		}
		draftPath := fmt.Sprintf("/api/v1/strategies/%d", f.draft.ID)
		s.get(draftPath, token, &got)
		if got.ID != f.draft.ID || got.Status != plan.Draft {
			t.Errorf("draft %+v", got)
		}
		// The public cannot tell a draft from nothing at all.
		for _, path := range []string{draftPath, draftPath + "/tree", fmt.Sprintf("/api/v1/activities/%d", f.goal.ID),
			"/api/v1/strategies/999999", "/api/v1/strategies/0", "/api/v1/strategies/x", "/api/v1/strategies/999999/tree"} {
			if p := s.do(req{path: path}).problem(t, http.StatusNotFound); p.Code != "not_found" {
				t.Errorf("%s: %+v", path, p)
			}
		}
	})
}

func TestStrategyTree(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, token := s.user(auth.RoleReader, "")
		stored, err := store.StrategyTree(context.Background(), f.seed.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := plan.Rollup(stored)
		path := fmt.Sprintf("/api/v1/strategies/%d/tree", f.seed.ID)
		for _, tt := range []struct {
			token, note string
		}{{"", ""}, {token, secretNote}} {
			var got api.StrategyTree
			s.get(path, tt.token, &got)
			if got.Strategy.ID != f.seed.ID || len(got.Nodes) != len(stored.Nodes) {
				t.Fatalf("token %t: strategy %d with %d nodes, want %d", tt.token != "", got.Strategy.ID, len(got.Nodes), len(stored.Nodes))
			}
			if w, ok := want[plan.StrategyKey]; !ok || got.Progress == nil || *got.Progress != w {
				t.Errorf("strategy progress %v, want %v", got.Progress, w)
			}
			seen := map[int64]bool{}
			for _, n := range got.Nodes {
				if n.ParentID != nil && !seen[*n.ParentID] {
					t.Errorf("node %s comes before its parent", n.Code)
				}
				seen[n.ID] = true
				w, ok := want[n.ID]
				if ok != (n.Progress != nil) || (ok && *n.Progress != w) {
					t.Errorf("node %s: progress %v, want %v (%t)", n.Code, n.Progress, w, ok)
				}
				if n.Kind == "" || n.Code == "" || (n.TitleEt == "" && n.TitleEn == "") {
					t.Errorf("node %+v", n.Node)
				}
				if n.ID == f.activity.ID && n.InternalNote != tt.note {
					t.Errorf("token %t: internal note %q, want %q", tt.token != "", n.InternalNote, tt.note)
				}
			}
			// The activity is the mean of its parts: one done, one at 20 %.
			if a, ok := want[f.activity.ID]; !ok || a != 0.6 {
				t.Errorf("activity progress %v %t, want 0.6", a, ok)
			}
		}
		var draft api.StrategyTree
		s.get(fmt.Sprintf("/api/v1/strategies/%d/tree", f.draft.ID), token, &draft)
		if len(draft.Nodes) != 1 || draft.Nodes[0].ID != f.goal.ID || draft.Nodes[0].Progress != nil || draft.Progress != nil {
			t.Errorf("draft tree %+v", draft)
		}
	})
}

func TestGetActivity(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, token := s.user(auth.RoleReader, "")
		path := fmt.Sprintf("/api/v1/activities/%d", f.activity.ID)
		for _, tt := range []struct {
			token, note string
		}{{"", ""}, {token, secretNote}} {
			var got api.ActivityDetail
			s.get(path, tt.token, &got)
			if got.Activity.ID != f.activity.ID || got.Activity.Code != "9.1" || got.Activity.InternalNote != tt.note {
				t.Errorf("token %t: activity %+v", tt.token != "", got.Activity)
			}
			var ehaks []string
			for _, p := range got.Participants {
				ehaks = append(ehaks, p.MunicipalityEHAK)
			}
			sort.Strings(ehaks)
			if diff := cmp.Diff([]string{"0784", "0793"}, ehaks); diff != "" {
				t.Errorf("participants (-want +got):\n%s", diff)
			}
			if len(got.Tasks) != 1 || got.Tasks[0].TitleEt != "Ülesanne" {
				t.Errorf("tasks %+v", got.Tasks)
			}
			if got.Progress == nil || *got.Progress != 0.6 {
				t.Errorf("progress %v, want 0.6", got.Progress)
			}
		}
		for _, path := range []string{"/api/v1/activities/999999", fmt.Sprintf("/api/v1/activities/%d", f.goal.ID)} {
			s.do(req{path: path, token: token}).problem(t, http.StatusNotFound)
		}
	})
}
