package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

type activityPage struct {
	Items []api.ActivityItem `json:"items"`
	Total int                `json:"total"`
}

func TestListActivities(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		if _, err := store.CreateNode(ctx, plan.Node{StrategyID: f.draft.ID, ParentID: &f.goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Mustandi tegevus"}); err != nil {
			t.Fatal(err)
		}
		_, token := s.user(auth.RoleReader, "")
		codes := func(p activityPage) (out []string) {
			for _, it := range p.Items {
				out = append(out, it.Code)
			}
			return out
		}
		seed := fmt.Sprint(f.seed.ID)
		for _, c := range []struct {
			query, token string
			want         []string
			total        int
		}{
			{"", "", []string{"9.1", "9.2"}, 2},           // the draft's activity is not public
			{"", token, []string{"1.1", "9.1", "9.2"}, 3}, // in the strategy list's order
			{"?strategy=" + seed + "&status=in_progress&limit=1", "", []string{"9.1"}, 2},
			{"?strategy=" + seed + "&limit=1&offset=1", "", []string{"9.2"}, 2},
			{"?municipality=0784", "", []string{"9.1"}, 1},
			{"?municipality=0198", "", nil, 0},
			{"?strategy=" + seed + "&status=done", "", nil, 0},
		} {
			var got activityPage
			s.get("/api/v1/activities"+c.query, c.token, &got)
			if diff := cmp.Diff(c.want, codes(got)); diff != "" || got.Total != c.total {
				t.Errorf("%s (token %t): total %d, want %d (-want +got):\n%s", c.query, c.token != "", got.Total, c.total, diff)
			}
		}
		var all activityPage
		s.get("/api/v1/activities?municipality=0784", "", &all)
		if it := all.Items[0]; it.Participants != 2 || it.ParticipantsDone != 1 || it.Progress == nil || *it.Progress != 0.6 || it.InternalNote != "" {
			t.Errorf("public item %+v", it)
		}
		s.get("/api/v1/activities?municipality=0784", token, &all)
		if it := all.Items[0]; it.InternalNote != secretNote {
			t.Errorf("signed-in item has note %q", it.InternalNote)
		}
		for _, c := range []struct {
			query, field string
		}{
			{"?status=done", "strategy"},
			{"?strategy=" + seed + "&status=valmis", "status"},
			{fmt.Sprintf("?strategy=%s&direction=%d", seed, f.activity.ID), "direction"},
			{"?municipality=Tartu", "municipality"},
			{"?limit=501", "limit"},
			{"?offset=-1", "offset"},
			{"?lead=x", "lead"},
		} {
			if p := s.do(req{path: "/api/v1/activities" + c.query}).problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 1 || p.Errors[0].Field != c.field {
				t.Errorf("%s: %+v", c.query, p)
			}
		}
		s.do(req{path: fmt.Sprintf("/api/v1/activities?strategy=%d", f.draft.ID)}).problem(t, http.StatusNotFound)
	})
}
