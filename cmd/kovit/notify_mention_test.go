package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/notify"
	"kovit/internal/plan"
)

// kindsOf lists the kinds of a user's notifications about a record (entity, id), oldest
// first.
func kindsOf(t *testing.T, a *testApp, u auth.User, entity, entityID string) []notify.Kind {
	t.Helper()
	var out []notify.Kind
	for _, n := range notificationsOf(t, a, u) {
		if n.Entity == entity && n.EntityID == entityID {
			out = append([]notify.Kind{n.Kind}, out...)
		}
	}
	return out
}

// TestProgressMentions: "@Name" or "@e-mail" in a progress update tells that person, in
// the transaction of the post, once; only people who may read the activity can be
// mentioned, and the author hears nothing of their own mention.
func TestProgressMentions(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := context.Background()
		named := func(email, name string, role auth.Role, ehak string) auth.User {
			u := a.user(t, email, role, ehak)
			u, err := a.store.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: name, Role: role, MunicipalityEHAK: ehak, Active: true, Version: u.Version})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		coord := named("kati@kovit.test", "Kati Karu", auth.RoleCoordinator, "")
		juku := named("juku@tallinn.test", "Juku Tamm", auth.RoleEditor, "0784")
		mari := named("mari@tartu.test", "Mari Maasikas", auth.RoleEditor, "0793")
		rein := named("rein@min.test", "Rein Ratas", auth.RoleReader, "")
		gone := named("vana@tallinn.test", "Vello Vana", auth.RoleEditor, "0784")
		if _, err := a.store.UpdateUser(ctx, gone.ID, auth.UserUpdate{Name: gone.Name, Role: gone.Role, MunicipalityEHAK: "0784", Version: gone.Version}); err != nil {
			t.Fatal(err)
		}
		asCoord := auth.WithUser(ctx, &coord)
		tallinn := municipalityOrg(t, a, "0784")
		draft, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "Tallinna IT-plaan", StartYear: 2026, EndYear: 2027,
			Status: plan.Draft, OwnerID: &tallinn}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: draft.ID, Kind: plan.Activity, Code: "7", TitleEt: "Tallinna hange"})
		if err != nil {
			t.Fatal(err)
		}
		id := itoa(act.ID)
		day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		up, err := a.store.PostProgressUpdate(asCoord, plan.ProgressUpdate{ActivityID: act.ID, Date: day,
			Body: "Hange on välja kuulutatud. @Juku Tamm, @Mari Maasikas, @rein@min.test, @Vello Vana ja @Kati Karu: vaadake üle."})
		if err != nil {
			t.Fatal(err)
		}
		mention := []notify.Kind{notify.ProgressMention}
		for _, c := range []struct {
			who  auth.User
			want []notify.Kind
		}{
			{juku, mention}, // Tallinn's editor reads Tallinn's draft
			{rein, mention}, // a reader reads drafts
			{mari, nil},     // Tartu's editor may not read Tallinn's draft: no mention
			{gone, nil},     // deactivated
			{coord, nil},    // the author
		} {
			if got := kindsOf(t, a, c.who, audit.KindPlanNode, id); !slices.Equal(got, c.want) {
				t.Errorf("%s: %v, want %v", c.who.Name, got, c.want)
			}
		}
		ns := notificationsOf(t, a, juku)
		if len(ns) != 1 || ns[0].Title != "7 Tallinna hange" || !strings.HasPrefix(ns[0].Reason, "Hange on välja kuulutatud.") ||
			ns[0].Path() != "/plan/activities/"+id {
			t.Errorf("Juku's notification %+v", ns)
		}

		// An edit tells only whom it newly names.
		coord2 := named("peeter@kovit.test", "Peeter Paju", auth.RoleCoordinator, "")
		if _, err := a.store.EditProgressUpdate(asCoord, plan.ProgressUpdate{ID: up.ID, ActivityID: act.ID, Date: day, Version: up.Version,
			Body: up.Body + " Lisaks @Peeter Paju."}); err != nil {
			t.Fatal(err)
		}
		if got := kindsOf(t, a, juku, audit.KindPlanNode, id); len(got) != 1 {
			t.Errorf("Juku told again: %v", got)
		}
		if got := kindsOf(t, a, coord2, audit.KindPlanNode, id); !slices.Equal(got, mention) {
			t.Errorf("Peeter: %v", got)
		}

		// Posted from the activity page by Tallinn's editor: the form says how to mention,
		// and the mention of the reader is made with the post.
		editor := a.as(t, juku)
		_, page := get(t, editor, a.URL+"/plan/activities/"+id)
		if !strings.Contains(page, `id="f-body-hint"`) {
			t.Error("the update form does not explain mentions")
		}
		if s, body := postForm(t, editor, a.URL+"/plan/activities/"+id+"/updates", url.Values{"body": {"@Rein Ratas: leping allkirjastatud."},
			"date": {"2026-11-21"}, "version": {"0"}}); s != http.StatusSeeOther {
			t.Fatalf("post: %d %.500s", s, body)
		}
		if got := kindsOf(t, a, rein, audit.KindPlanNode, id); len(got) != 2 {
			t.Errorf("Rein after the editor's post: %v", got)
		}
	})
}

// TestReportOpenedNotification: opening a report tells the contact persons of the
// strategy's activities, not the one who opened it.
func TestReportOpenedNotification(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		asCoord := auth.WithUser(ctx, &coord)
		st, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1", TitleEt: "Hange",
			ContactIDs: []int64{mari.ID, coord.ID}}); err != nil {
			t.Fatal(err)
		}
		r, err := a.store.OpenReport(asCoord, plan.Report{StrategyID: st.ID, TitleEt: "2026 aruanne",
			PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if got := kindsOf(t, a, mari, audit.KindReport, itoa(r.ID)); !slices.Equal(got, []notify.Kind{notify.ReportOpened}) {
			t.Errorf("the contact: %v", got)
		}
		if got := kindsOf(t, a, coord, audit.KindReport, itoa(r.ID)); got != nil {
			t.Errorf("the opener: %v", got)
		}
		if got := kindsOf(t, a, jaan, audit.KindReport, itoa(r.ID)); got != nil {
			t.Errorf("no contact: %v", got)
		}
	})
}
