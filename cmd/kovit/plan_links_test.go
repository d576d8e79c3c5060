package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// The activity page's read view on each engine: contact persons (their e-mail only for
// signed-in users), related activities, the national activity a municipality's activity
// contributes to, and on the national activity the municipalities' activities that
// contribute to it. Nothing of a strategy the user may not read shows: the public sees no
// draft, and an editor no other municipality's draft plan.

func TestPlanActivityLinks(t *testing.T) {
	onEngines(t, testPlanActivityLinks)
}

func testPlanActivityLinks(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	contact, err := a.store.CreateUser(ctx, auth.NewUser{Email: "mari.maasikas@kovit.test", Name: "Mari Maasikas", Role: auth.RoleReader}, "x", false)
	if err != nil {
		t.Fatal(err)
	}
	public := a.client(t)
	reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
	tartuEditor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))

	strategy := func(title string, status plan.StrategyStatus, owner string) plan.Strategy {
		t.Helper()
		s := plan.Strategy{TitleEt: title, StartYear: 2026, EndYear: 2030, Status: status}
		if owner != "" {
			id := municipalityOrg(t, a, owner)
			s.OwnerID = &id
		}
		s, err := a.store.CreateStrategy(ctx, s.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	activity := func(s plan.Strategy, code, title string, change func(*plan.Node)) plan.Node {
		t.Helper()
		n := plan.Node{StrategyID: s.ID, Kind: plan.Activity, Code: code, TitleEt: title}
		if change != nil {
			change(&n)
		}
		n, err := a.store.CreateNode(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	national := strategy("Riiklik kava", plan.Adopted, "")
	nationalDraft := strategy("Riiklik mustand", plan.Draft, "")
	related := activity(national, "1.2", "Andmevahetus", nil)
	target := activity(national, "1.1", "Ühine dokumendihaldus", func(n *plan.Node) {
		n.ContactIDs, n.RelatedIDs = []int64{contact.ID}, []int64{related.ID}
	})
	draftTarget := activity(nationalDraft, "9.1", "Kavandatav ühistegevus", nil)
	tartuPlan := strategy("Tartu arengukava", plan.Adopted, "0793")
	tallinnDraft := strategy("Tallinna arengukava", plan.Draft, "0784")
	tartuAct := activity(tartuPlan, "T1", "Tartu dokumendihaldus", func(n *plan.Node) { n.ContributesTo = &target.ID })
	tartuLater := activity(tartuPlan, "T2", "Tartu tulevikuplaan", func(n *plan.Node) { n.ContributesTo = &draftTarget.ID })
	activity(tallinnDraft, "L1", "Tallinna dokumendihaldus", func(n *plan.Node) { n.ContributesTo = &target.ID })

	page := func(c *http.Client, n plan.Node) string {
		t.Helper()
		st, body := get(t, c, a.URL+"/plan/activities/"+itoa(n.ID))
		if st != http.StatusOK {
			t.Fatalf("activity %s: %d", n.Code, st)
		}
		return body
	}
	link := func(n plan.Node, label string) string {
		return `<a href="/plan/activities/` + itoa(n.ID) + `">` + label + `</a>`
	}
	tartuLink := `Tartu linn: ` + link(tartuAct, "T1 Tartu dokumendihaldus") + ` · Tartu arengukava`
	tallinn := "Tallinna dokumendihaldus"
	for _, c := range []struct {
		who           string
		client        *http.Client
		want, wantNot []string
	}{
		{"the public", public, []string{`<ul id="contacts"><li>Mari Maasikas</li></ul>`, `<ul id="related"><li>` + link(related, "1.2 Andmevahetus") + `</li></ul>`,
			`<h2 id="contributions-h">Omavalitsuste tegevused, mis sellesse panustavad</h2>`, tartuLink}, []string{"mari.maasikas@kovit.test", tallinn}},
		{"a reader", reader, []string{`<li>Mari Maasikas &lt;<a href="mailto:mari.maasikas@kovit.test">mari.maasikas@kovit.test</a>&gt;</li>`, tartuLink, tallinn}, nil},
		{"Tartu's editor", tartuEditor, []string{"mailto:mari.maasikas@kovit.test", tartuLink}, []string{tallinn}},
	} {
		body := page(c.client, target)
		mustContain(t, c.who+" on the national activity", body, c.want...)
		for _, w := range c.wantNot {
			if strings.Contains(body, w) {
				t.Errorf("%s sees %q on the national activity", c.who, w)
			}
		}
	}

	// Tartu's activity names the national one it serves; one that serves an activity of a
	// national draft names it only to signed-in users.
	mustContain(t, "Tartu's activity", page(public, tartuAct),
		`<dd id="contributes-to">`+link(target, "1.1 Ühine dokumendihaldus")+` · Riiklik kava</dd>`)
	if body := page(public, tartuLater); strings.Contains(body, `id="contributes-to"`) || strings.Contains(body, "Kavandatav") {
		t.Error("the public sees the national draft that an activity contributes to")
	}
	mustContain(t, "Tartu's later activity for a reader", page(reader, tartuLater),
		`<dd id="contributes-to">`+link(draftTarget, "9.1 Kavandatav ühistegevus")+` · Riiklik mustand</dd>`)
}
