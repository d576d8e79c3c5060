package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/plan"
)

// TestTaskAssigned: a task is given to one of its activity's contact persons, who is told
// at once (in the transaction of the save) and not again when the task is saved
// unchanged; anyone else is refused naming the field, on the page and through the API.
func TestTaskAssigned(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		stranger := a.user(t, "juku@tallinn.test", auth.RoleEditor, "0784")
		asCoord := auth.WithUser(ctx, &coord)
		st, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Dokumendihalduse ühishange",
			ContactIDs: []int64{mari.ID, jaan.ID}})
		if err != nil {
			t.Fatal(err)
		}
		id := itoa(act.ID)
		assigned := func(u auth.User) int {
			n := 0
			for _, x := range notificationsOf(t, a, u) {
				if x.Kind == notify.TaskAssigned && x.Entity == audit.KindPlanNode && x.EntityID == id {
					n++
				}
			}
			return n
		}
		c := a.as(t, coord)
		_, page := get(t, c, a.URL+"/plan/activities/"+id)
		if !strings.Contains(page, `name="assignee_id"`) || !strings.Contains(page, `<option value="`+itoa(mari.ID)+`">`) {
			t.Fatal("the task form offers no contact to give the task to")
		}
		form := url.Values{"title_et": {"Hanke ettevalmistus"}, "assignee_id": {itoa(mari.ID)}}
		if s, body := postForm(t, c, a.URL+"/plan/activities/"+id+"/tasks", form); s != http.StatusSeeOther {
			t.Fatalf("create: %d %.500s", s, body)
		}
		tasks, _ := a.store.Tasks(ctx, act.ID)
		if len(tasks) != 1 || tasks[0].AssigneeID == nil || *tasks[0].AssigneeID != mari.ID || assigned(mari) != 1 {
			t.Fatalf("tasks %+v, Mari told %d times", tasks, assigned(mari))
		}
		ns := notificationsOf(t, a, mari)
		if ns[0].Title != "Hanke ettevalmistus" || ns[0].Reason != "1.1 Dokumendihalduse ühishange" {
			t.Errorf("notification %+v", ns[0])
		}
		if _, page := get(t, c, a.URL+"/plan/activities/"+id); !strings.Contains(page, "Vastutaja: "+mari.Name) {
			t.Error("the task list does not name its assignee")
		}
		task := tasks[0]
		edit := func(assignee string, version int) (int, string) {
			return postForm(t, c, a.URL+"/plan/tasks/"+itoa(task.ID)+"/edit", url.Values{"title_et": {task.TitleEt},
				"state": {"in_progress"}, "assignee_id": {assignee}, "version": {itoa(int64(version))}})
		}
		// Saved again to the same person: not told again. Given to Jaan: Jaan is told.
		if s, _ := edit(itoa(mari.ID), task.Version); s != http.StatusSeeOther || assigned(mari) != 1 {
			t.Errorf("unchanged: %d, Mari told %d times", s, assigned(mari))
		}
		task, _ = a.store.Task(ctx, task.ID)
		if s, _ := edit(itoa(jaan.ID), task.Version); s != http.StatusSeeOther || assigned(jaan) != 1 {
			t.Errorf("to Jaan: %d, told %d", s, assigned(jaan))
		}
		// Someone who is no contact, or no number, is refused naming the field; nothing is
		// saved and nobody told.
		task, _ = a.store.Task(ctx, task.ID)
		for _, v := range []string{itoa(stranger.ID), "x"} {
			s, body := edit(v, task.Version)
			if s != http.StatusUnprocessableEntity || !strings.Contains(body, `id="k`+itoa(task.ID)+`-e-assignee_id"`) {
				t.Errorf("assignee %s: %d", v, s)
			}
		}
		if _, err := a.store.CreateTask(asCoord, plan.Task{ActivityID: act.ID, TitleEt: "X", State: plan.TaskNotStarted, AssigneeID: &stranger.ID}); !kovit.FieldsOf(err).Has("assignee_id") {
			t.Errorf("store: %v", err)
		}
		if got, _ := a.store.Task(ctx, task.ID); got.Version != task.Version || assigned(stranger) != 0 {
			t.Error("a refused assignee changed the task or was told")
		}
		// The API gives a task the same way.
		s, body := send(t, c, http.MethodPost, a.URL+"/api/v1/activities/"+id+"/tasks", "application/json",
			`{"title_et":"Turu-uuring","assignee_id":`+itoa(mari.ID)+`}`)
		if s != http.StatusCreated || !strings.Contains(body, `"assignee_id":`+itoa(mari.ID)) || assigned(mari) != 2 {
			t.Errorf("API: %d %s, Mari told %d", s, body, assigned(mari))
		}
		if s, _ := send(t, c, http.MethodPost, a.URL+"/api/v1/activities/"+id+"/tasks", "application/json",
			`{"title_et":"Turu-uuring","assignee_id":`+itoa(stranger.ID)+`}`); s != http.StatusUnprocessableEntity {
			t.Errorf("API, a stranger: %d", s)
		}
		if got := mustTasks(t, a, act.ID); len(got) != 2 {
			t.Errorf("tasks %+v", got)
		}
	})
}

func mustTasks(t *testing.T, a *testApp, activityID int64) []plan.Task {
	t.Helper()
	ks, err := a.store.Tasks(context.Background(), activityID)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}
