package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

func TestPlanNodeForms(t *testing.T) {
	onEngines(t, testPlanNodeForms)
}

func testPlanNodeForms(t *testing.T, engine string) {
	f := newPlanEditFixture(t, engine)
	a := f.a
	treeURL := a.URL + "/plan/" + itoa(f.strategy.ID)
	dirURL := a.URL + "/plan/nodes/" + itoa(f.dir1)
	if _, page := get(t, f.coord, treeURL); !strings.Contains(page, `href="/plan/nodes/`+itoa(f.dir1)+`/edit"`) {
		t.Error("the tree has no edit link for a coordinator")
	}
	reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
	if _, page := get(t, reader, treeURL); strings.Contains(page, `/plan/nodes/`) {
		t.Error("the tree shows a reader the edit links")
	}
	if st, _ := get(t, reader, dirURL+"/edit"); st != http.StatusForbidden {
		t.Errorf("a reader opens the node form: %d, want 403", st)
	}
	st, page := get(t, f.coord, dirURL+"/edit")
	expect(t, "node form", st, page, http.StatusOK, `value="Esimene suund"`, "1.", "2")

	stored := f.node(t, f.dir1)
	in := url.Values{"code": {"I"}, "title_et": {"Muudetud suund"}, "title_en": {"Changed"}, "description_et": {"Kirjeldus"},
		"weight": {"3"}, "version": {itoa(int64(stored.Version))}}
	bad := cloneValues(in)
	bad.Set("code", "vale kood!")
	st, body := postForm(t, f.coord, dirURL+"/edit", bad)
	expect(t, "a bad code", st, body, http.StatusUnprocessableEntity, `id="e-code"`, `value="Muudetud suund"`)
	if n := f.node(t, f.dir1); n.Version != stored.Version {
		t.Errorf("an invalid save changed the node: %+v", n)
	}
	expect(t, "node save", postFormStatus(t, f.coord, dirURL+"/edit", in), "", http.StatusSeeOther)
	if n := f.node(t, f.dir1); n.Code != "I" || n.TitleEn != "Changed" || n.DescriptionEt != "Kirjeldus" || n.Weight != 3 {
		t.Errorf("saved node %+v", n)
	}
	in.Set("title_et", "Hilinenud")
	st, body = postForm(t, f.coord, dirURL+"/edit", in)
	expect(t, "a stale save", st, body, http.StatusConflict, `value="Hilinenud"`, "error-summary")
	if n := f.node(t, f.dir1); n.TitleEt != "Muudetud suund" {
		t.Errorf("a stale save changed the node: %+v", n)
	}

	// Moving the second direction up puts it first; a stale move is a conflict.
	top := func() []int64 {
		var ids []int64
		for _, n := range f.tree(t).Nodes {
			if n.ParentID == nil {
				ids = append(ids, n.ID)
			}
		}
		return ids
	}
	dir2 := f.node(t, f.dir2)
	move := url.Values{"direction": {"up"}, "version": {itoa(int64(dir2.Version))}}
	expect(t, "move up", postFormStatus(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.dir2)+"/move", move), "", http.StatusSeeOther)
	if got := top(); len(got) != 2 || got[0] != f.dir2 {
		t.Errorf("after moving up, top level %v, want %d first", got, f.dir2)
	}
	st, body = postForm(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.dir2)+"/move", url.Values{"direction": {"down"}, "version": {itoa(int64(dir2.Version))}})
	expect(t, "a stale move", st, body, http.StatusConflict, "error-summary")
	st, body = postForm(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.dir2)+"/move", url.Values{"direction": {"sideways"}, "version": {itoa(int64(dir2.Version) + 1)}})
	expect(t, "a move nowhere", st, body, http.StatusUnprocessableEntity, "error-summary")
	dir2 = f.node(t, f.dir2)
	expect(t, "move down", postFormStatus(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.dir2)+"/move",
		url.Values{"direction": {"down"}, "version": {itoa(int64(dir2.Version))}}), "", http.StatusSeeOther)
	if got := top(); len(got) != 2 || got[1] != f.dir2 {
		t.Errorf("after moving down, top level %v, want %d last", got, f.dir2)
	}

	// A direction with activities under it is not deleted, and the page says why.
	st, body = postForm(t, f.coord, dirURL+"/delete", url.Values{"version": {itoa(int64(f.node(t, f.dir1).Version))}})
	expect(t, "delete a direction with activities", st, body, http.StatusConflict, "Selle all on veel osi")
	if len(f.tree(t).Nodes) != 4 {
		t.Error("a refused delete removed nodes")
	}
	act2 := f.node(t, f.act2)
	st, body = postForm(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.act2)+"/delete", url.Values{"version": {itoa(int64(act2.Version) + 1)}})
	expect(t, "a stale delete", st, body, http.StatusConflict, "error-summary")
	expect(t, "delete an activity", postFormStatus(t, f.coord, a.URL+"/plan/nodes/"+itoa(f.act2)+"/delete",
		url.Values{"version": {itoa(int64(act2.Version))}}), "", http.StatusSeeOther)
	if _, err := a.store.Node(context.Background(), f.act2); err == nil {
		t.Error("the deleted activity is still there")
	}
}

func TestPlanTaskForms(t *testing.T) {
	onEngines(t, testPlanTaskForms)
}

func testPlanTaskForms(t *testing.T, engine string) {
	f := newPlanEditFixture(t, engine)
	a, ctx := f.a, context.Background()
	actURL := a.URL + "/plan/activities/" + itoa(f.act1)
	tasks := func() []plan.Task {
		t.Helper()
		ks, err := a.store.Tasks(ctx, f.act1)
		if err != nil {
			t.Fatal(err)
		}
		return ks
	}
	st, body := postForm(t, f.coord, actURL+"/tasks", url.Values{"title_et": {""}, "due": {"2026-06-30"}})
	expect(t, "a task without a title", st, body, http.StatusUnprocessableEntity, `id="k-new-e-title_et"`, `value="2026-06-30"`)
	if len(tasks()) != 0 {
		t.Fatal("an invalid task was saved")
	}
	st, body = postForm(t, f.coord, actURL+"/tasks", url.Values{"title_et": {"Hange"}, "title_en": {"Procurement"}, "due": {"2026-06-30"}})
	expect(t, "add task", st, body, http.StatusSeeOther)
	ks := tasks()
	if len(ks) != 1 || ks[0].TitleEn != "Procurement" || ks[0].State != plan.TaskNotStarted || ks[0].Due == nil {
		t.Fatalf("tasks %+v", ks)
	}
	k := ks[0]
	taskURL := a.URL + "/plan/tasks/" + itoa(k.ID)
	done := url.Values{"title_et": {"Hange tehtud"}, "due": {"2026-07-31"}, "state": {"done"}, "version": {itoa(int64(k.Version))}}
	bad := cloneValues(done)
	bad.Set("state", "half")
	st, body = postForm(t, f.coord, taskURL+"/edit", bad)
	expect(t, "an unknown state", st, body, http.StatusUnprocessableEntity, `value="Hange tehtud"`, "error-summary")
	expect(t, "mark done", postFormStatus(t, f.coord, taskURL+"/edit", done), "", http.StatusSeeOther)
	k = tasks()[0]
	if k.State != plan.TaskDone || k.CompletedAt == nil || k.CompletedBy != "coord@kovit.test" || k.TitleEt != "Hange tehtud" {
		t.Errorf("done task %+v", k)
	}
	if _, page := get(t, f.coord, actURL); !strings.Contains(page, "märkis coord@kovit.test") {
		t.Error("the activity page does not say who marked the task done")
	}
	done.Set("title_et", "Hilinenud")
	st, body = postForm(t, f.coord, taskURL+"/edit", done)
	expect(t, "a stale task save", st, body, http.StatusConflict, `value="Hilinenud"`)
	st, body = postForm(t, f.coord, taskURL+"/delete", url.Values{"version": {itoa(int64(k.Version) - 1)}})
	expect(t, "a stale delete", st, body, http.StatusConflict, "error-summary")
	if len(tasks()) != 1 {
		t.Fatal("a stale delete removed the task")
	}
	expect(t, "delete", postFormStatus(t, f.coord, taskURL+"/delete", url.Values{"version": {itoa(int64(k.Version))}}), "", http.StatusSeeOther)
	if len(tasks()) != 0 {
		t.Error("the task was not deleted")
	}
}

func TestPlanOrganisationForms(t *testing.T) {
	onEngines(t, testPlanOrganisationForms)
}

func testPlanOrganisationForms(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := context.Background()
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	if _, page := get(t, coord, a.URL+"/plan"); !strings.Contains(page, `href="/plan/organisations"`) {
		t.Error("the plan list has no organisations link for a coordinator")
	}
	st, page := get(t, coord, a.URL+"/plan/organisations")
	expect(t, "organisations page", st, page, http.StatusOK, "Tartu linn")
	orgs := func() map[string]plan.Organisation {
		t.Helper()
		os, err := a.store.ListOrganisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]plan.Organisation{}
		for _, o := range os {
			out[o.NameEt] = o
		}
		return out
	}
	for _, o := range orgs() {
		if o.Kind == plan.Municipality && strings.Contains(page, `action="/plan/organisations/`+itoa(o.ID)+`/edit"`) {
			t.Errorf("municipality %s has an edit form", o.NameEt)
		}
	}
	before := len(orgs())
	st, body := postForm(t, coord, a.URL+"/plan/organisations", url.Values{"kind": {"ministry"}, "name_et": {""}, "name_en": {"Ministry"}})
	expect(t, "an organisation without a name", st, body, http.StatusUnprocessableEntity, `id="o-new-e-name_et"`, `value="Ministry"`)
	st, body = postForm(t, coord, a.URL+"/plan/organisations", url.Values{"kind": {"municipality"}, "name_et": {"Võlts vald"}})
	expect(t, "a hand-made municipality", st, body, http.StatusUnprocessableEntity, `id="o-new-e-kind"`)
	if len(orgs()) != before {
		t.Fatal("an invalid organisation was saved")
	}
	expect(t, "add", postFormStatus(t, coord, a.URL+"/plan/organisations", url.Values{"kind": {"ministry"}, "name_et": {"Ministeerium"}, "name_en": {"Ministry"}}), "", http.StatusSeeOther)
	m, ok := orgs()["Ministeerium"]
	if !ok || m.Kind != plan.Ministry || m.NameEn != "Ministry" {
		t.Fatalf("added organisation %+v", m)
	}
	editURL := a.URL + "/plan/organisations/" + itoa(m.ID) + "/edit"
	in := url.Values{"kind": {"agency"}, "name_et": {"Amet"}, "name_en": {"Agency"}, "version": {itoa(int64(m.Version))}}
	expect(t, "rename", postFormStatus(t, coord, editURL, in), "", http.StatusSeeOther)
	if o, ok := orgs()["Amet"]; !ok || o.Kind != plan.Agency {
		t.Errorf("renamed organisation %+v", o)
	}
	in.Set("name_et", "Hilinenud")
	st, body = postForm(t, coord, editURL, in)
	expect(t, "a stale rename", st, body, http.StatusConflict, `value="Hilinenud"`, "error-summary")
	if _, ok := orgs()["Hilinenud"]; ok {
		t.Error("a stale save renamed the organisation")
	}
	tartu := orgs()["Tartu linn"]
	st, _ = postForm(t, coord, a.URL+"/plan/organisations/"+itoa(tartu.ID)+"/edit", url.Values{"kind": {"other"}, "name_et": {"X"}, "version": {itoa(int64(tartu.Version))}})
	if st != http.StatusForbidden || orgs()["Tartu linn"].Version != tartu.Version {
		t.Errorf("renaming a municipality: %d, want 403 and nothing changed", st)
	}
}
