package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/eservice"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// deskFixture is a day of work of Tartu linn (0793) and Tallinn (0784): the times are
// hours before now, so a reader's last visit can fall between them.
type deskFixture struct {
	tartu, tallinn, coordinator, reader auth.User
	returnedNeed, tallinnDraft          need.Need
	tallinnNeed, lateNeed               need.Need
	round                               need.Round
}

func newDeskFixture(t *testing.T, a *testApp) deskFixture {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	at := func(hoursAgo int) {
		a.store.Now = func() time.Time { return now.Add(-time.Duration(hoursAgo) * time.Hour) }
	}
	defer func() { a.store.Now = time.Now }()
	f := deskFixture{tartu: a.user(t, "mari@tartu.ee", auth.RoleEditor, "0793"), tallinn: a.user(t, "juku@tallinn.ee", auth.RoleEditor, "0784"),
		coordinator: a.user(t, "koordinaator@kovit.ee", auth.RoleCoordinator, ""), reader: a.user(t, "lugeja@ministeerium.ee", auth.RoleReader, "")}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	save := func(hoursAgo int, ehak, code string) eservice.Cell {
		at(hoursAgo)
		c, err := a.store.SaveCell(ctx, ehak, code, eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + code})
		must(err)
		return c
	}
	var err error
	at(30)
	f.round, err = a.store.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: now.AddDate(0, 0, 10).Format(time.DateOnly), Open: true})
	must(err)
	returned := save(20, "0793", "SOC-001")
	at(19)
	_, err = a.store.ReviewCell(ctx, "0793", "SOC-001", eservice.Review{Verification: eservice.Returned, Reason: "Link ei avane", Version: returned.Version})
	must(err)
	save(18, "0793", "BLD-001") // awaits verification, older than Tallinn's
	save(17, "0784", "SOC-002")
	at(16)
	f.returnedNeed, err = a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", RoundID: &f.round.ID, Title: "Tartu dokumendihaldus", Category: need.CatRecords})
	must(err)
	f.returnedNeed, err = a.store.TransitionNeed(ctx, f.returnedNeed.ID, need.Transition{To: need.Submitted, Version: f.returnedNeed.Version})
	must(err)
	f.returnedNeed, err = a.store.TransitionNeed(ctx, f.returnedNeed.ID, need.Transition{To: need.Returned, Reason: "Lisage maksumus", Version: f.returnedNeed.Version})
	must(err)
	_, err = a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", RoundID: &f.round.ID, Title: "Tartu mustand", Category: need.CatRecords})
	must(err)
	at(15)
	f.tallinnNeed, err = a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", RoundID: &f.round.ID, Title: "Tallinna esitatud vajadus", Category: need.CatRecords})
	must(err)
	f.tallinnNeed, err = a.store.TransitionNeed(ctx, f.tallinnNeed.ID, need.Transition{To: need.Submitted, Version: f.tallinnNeed.Version})
	must(err)
	// After the reader's last visit (two hours ago): one change they may read, and a draft
	// they may not.
	save(1, "0784", "SOC-003")
	at(1)
	f.tallinnDraft, err = a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", Title: "Tallinna salajane mustand", Category: need.CatRecords})
	must(err)
	return f
}

// deskLinks are the item links of a desk page, in the page's order.
func deskLinks(t *testing.T, body string) []string {
	t.Helper()
	var out []string
	for _, list := range regexp.MustCompile(`(?s)<ol class="desk"[^>]*>(.*?)</ol>`).FindAllStringSubmatch(body, -1) {
		for _, m := range regexp.MustCompile(`<a href="([^"]+)"`).FindAllStringSubmatch(list[1], -1) {
			out = append(out, m[1])
		}
	}
	return out
}

type deskJSON struct {
	Items  []desk.Item       `json:"items"`
	Total  int               `json:"total"`
	Counts map[desk.Kind]int `json:"counts"`
}

// deskOf fetches a user's desk page and its JSON twin, and checks that they list the same
// items in the same order.
func deskOf(t *testing.T, a *testApp, c *http.Client, query string) (string, deskJSON) {
	t.Helper()
	status, body := get(t, c, a.URL+"/desk"+query)
	if status != http.StatusOK {
		t.Fatalf("/desk%s: %d %s", query, status, body)
	}
	status, js := get(t, c, a.URL+"/api/v1/desk"+query)
	if status != http.StatusOK {
		t.Fatalf("/api/v1/desk%s: %d %s", query, status, js)
	}
	var d deskJSON
	if err := json.Unmarshal([]byte(js), &d); err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, i := range d.Items {
		links = append(links, i.Link)
	}
	if page := deskLinks(t, body); !slices.Equal(page, links) {
		t.Errorf("/desk%s lists %v, its JSON twin %v", query, page, links)
	}
	return body, d
}

func kinds(d deskJSON) []desk.Kind {
	var out []desk.Kind
	for _, i := range d.Items {
		if len(out) == 0 || out[len(out)-1] != i.Kind {
			out = append(out, i.Kind)
		}
	}
	return out
}

// linksWork opens every item's link as the desk's user.
func linksWork(t *testing.T, a *testApp, c *http.Client, d deskJSON) {
	t.Helper()
	seen := map[string]bool{}
	for _, i := range d.Items {
		if seen[i.Link] {
			continue
		}
		seen[i.Link] = true
		if status, _ := get(t, c, a.URL+i.Link); status != http.StatusOK {
			t.Errorf("%s item links to %s: %d", i.Kind, i.Link, status)
		}
	}
}

func TestDeskEditor(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		f := newDeskFixture(t, a)
		c := a.as(t, f.tartu)
		body, d := deskOf(t, a, c, "")
		want := []desk.Kind{desk.CellReturned, desk.NeedReturned, desk.RoundOpen, desk.CellUnfilled}
		if got := kinds(d); !slices.Equal(got, want) {
			t.Errorf("kinds in order %v, want %v", got, want)
		}
		first := d.Items[0]
		if first.Link != "/eservices/0793/SOC-001" || first.Detail != "Link ei avane" {
			t.Errorf("first item %+v, want the returned cell with its reason", first)
		}
		if i := d.Items[1]; i.Link != "/needs/"+itoa(f.returnedNeed.ID) || i.Detail != "Lisage maksumus" {
			t.Errorf("second item %+v, want the returned need with its reason", i)
		}
		if i := d.Items[2]; i.Link != "/rounds/"+itoa(f.round.ID) || i.Count != 1 {
			t.Errorf("round item %+v, want 1 draft", i)
		}
		if d.Counts[desk.CellUnfilled] < desk.PerKind || len(d.Items) != 3+desk.PerKind {
			t.Errorf("counts %v, %d items: want the first %d unfilled cells listed", d.Counts, len(d.Items), desk.PerKind)
		}
		for _, i := range d.Items {
			if i.MunicipalityEHAK != "" && i.MunicipalityEHAK != "0793" {
				t.Errorf("Tartu's desk lists %+v", i)
			}
		}
		for _, leak := range []string{"Tallinna", "/eservices/0784", "/needs/" + itoa(f.tallinnDraft.ID) + `"`} {
			if strings.Contains(body, leak) {
				t.Errorf("Tartu's desk shows %q", leak)
			}
		}
		for _, text := range []string{"Tagasi saadetud e-teenus", "Link ei avane", "1 mustand esitamata",
			`<span class="badge">2 ootab</span>`, // the menu counts the returned cell and need
			`<h2 id="todo">Tegemist ootab (78)</h2>`, `<a href="/municipalities/0793/eservices">Kõik 75 täisnimekirjas</a>`} {
			if !strings.Contains(body, text) {
				t.Errorf("desk without %q", text)
			}
		}
		linksWork(t, a, c, d)

		// Tallinn's editor sees their own draft's round, never Tartu's returns.
		_, d = deskOf(t, a, a.as(t, f.tallinn), "")
		for _, i := range d.Items {
			if i.MunicipalityEHAK != "0784" {
				t.Errorf("Tallinn's desk lists %+v", i)
			}
		}
	})
}

func TestDeskCoordinator(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		f := newDeskFixture(t, a)
		c := a.as(t, f.coordinator)
		body, d := deskOf(t, a, c, "")
		want := []desk.Kind{desk.RoundMissing, desk.CellToVerify, desk.NeedToReview}
		if got := kinds(d); !slices.Equal(got, want) {
			t.Errorf("kinds in order %v, want %v", got, want)
		}
		var cells, needs []string
		for _, i := range d.Items {
			switch i.Kind {
			case desk.CellToVerify:
				cells = append(cells, i.Link)
			case desk.NeedToReview:
				needs = append(needs, i.Link)
			case desk.RoundMissing:
				if i.Count != 77 { // Tallinn and Tartu (its need returned) have submitted
					t.Errorf("round item %+v, want 77 missing", i)
				}
			}
		}
		if want := []string{"/eservices/0793/BLD-001", "/eservices/0784/SOC-002", "/eservices/0784/SOC-003"}; !slices.Equal(cells, want) {
			t.Errorf("cells to verify %v, want oldest first %v", cells, want)
		}
		if want := []string{"/needs/" + itoa(f.tallinnNeed.ID)}; !slices.Equal(needs, want) {
			t.Errorf("needs to review %v, want %v (never a draft or a returned need)", needs, want)
		}
		if !strings.Contains(body, `<h2 id="g-cell_to_verify">Kontrollimist ootav e-teenus (3)</h2>`) {
			t.Error("no heading with the count of cells to verify")
		}
		// The menu counts the queues: three cells and a need, on every page.
		if _, page := get(t, c, a.URL+"/needs"); !strings.Contains(body, `<span class="badge">4 ootab</span>`) || !strings.Contains(page, `<span class="badge">4 ootab</span>`) {
			t.Error("the menu does not count the coordinator's 4 waiting items")
		}
		linksWork(t, a, c, d)

		// Tartu maakond: only Tartu linn's cell, and no need of Tallinn.
		_, d = deskOf(t, a, c, "?county=0079")
		if got := kinds(d); !slices.Equal(got, []desk.Kind{desk.RoundMissing, desk.CellToVerify}) || d.Items[1].Link != "/eservices/0793/BLD-001" || len(d.Items) != 2 {
			t.Errorf("county filter: %+v", d.Items)
		}
		// Social welfare: only the SOC cells.
		_, d = deskOf(t, a, c, "?area=Sotsiaalhoolekanne")
		for _, i := range d.Items {
			if i.Kind == desk.CellToVerify && !strings.Contains(i.Link, "/SOC-") {
				t.Errorf("area filter kept %s", i.Link)
			}
		}
		if d.Counts[desk.CellToVerify] != 2 {
			t.Errorf("area filter: %d cells, want 2", d.Counts[desk.CellToVerify])
		}
		for _, q := range []string{"?county=9999", "?area=Puudub"} {
			field := strings.TrimPrefix(strings.Split(q, "=")[0], "?")
			for _, path := range []string{"/desk", "/api/v1/desk"} {
				if status, body := get(t, c, a.URL+path+q); status != http.StatusUnprocessableEntity || !strings.Contains(body, field) {
					t.Errorf("%s%s: %d, want 422 naming %s", path, q, status, field)
				}
			}
		}
	})
}

func TestDeskReader(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		f := newDeskFixture(t, a)
		ctx := context.Background()
		// The reader was last here two hours ago, between the day's work and the last changes.
		if _, err := a.store.Visit(ctx, f.reader.ID, time.Now().Add(-2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		c := a.as(t, f.reader)
		body, d := deskOf(t, a, c, "")
		var links []string
		for _, i := range d.Items {
			if i.Kind != desk.Changed {
				t.Errorf("a reader's desk lists %+v", i)
			}
			links = append(links, i.Link)
		}
		if want := []string{"/eservices/0784/SOC-003"}; !slices.Equal(links, want) {
			t.Errorf("changes since the last visit %v, want %v (not the draft need)", links, want)
		}
		if strings.Contains(body, "salajane") || !strings.Contains(body, `<h2 id="g-module.eservices">E-teenused (1)</h2>`) {
			t.Errorf("reader's desk: %s", body)
		}
		linksWork(t, a, c, d)
		// Reloading keeps the list; the visit before stays the previous one.
		if _, again := deskOf(t, a, c, ""); len(again.Items) != 1 {
			t.Errorf("after a reload: %+v", again.Items)
		}
		// A first visit looks back a week: the day's changes, still without drafts.
		_, d = deskOf(t, a, a.as(t, a.user(t, "uus@ministeerium.ee", auth.RoleReader, "")), "")
		for _, i := range d.Items {
			if i.Link == "/needs/"+itoa(f.tallinnDraft.ID) {
				t.Error("a reader's first desk lists a draft need")
			}
		}
		if d.Counts[desk.Changed] < 4 {
			t.Errorf("first visit: %+v", d.Items)
		}
		// Nothing changed since a visit 40 minutes ago: the desk says so.
		quiet := a.user(t, "vaikne@ministeerium.ee", auth.RoleReader, "")
		for _, ago := range []time.Duration{40 * time.Minute, 5 * time.Minute} {
			if _, err := a.store.Visit(ctx, quiet.ID, time.Now().Add(-ago)); err != nil {
				t.Fatal(err)
			}
		}
		if body, d := deskOf(t, a, a.as(t, quiet), ""); len(d.Items) != 0 || !strings.Contains(body, "Pärast teie eelmist külastust pole midagi muutunud.") {
			t.Errorf("an empty desk: %+v", d.Items)
		}
	})
}

func TestDeskSignInLands(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		u := a.user(t, "mari@tartu.ee", auth.RoleEditor, "0793")
		for next, want := range map[string]string{"": "/desk", "/needs": "/needs"} {
			res, err := a.client(t).PostForm(a.URL+"/sign-in", map[string][]string{"email": {u.Email}, "password": {"parool-" + u.Email}, "next": {next}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != want {
				t.Errorf("sign-in with next=%q: %d to %q, want %s", next, res.StatusCode, loc, want)
			}
		}
		for _, path := range []string{"/desk", "/api/v1/desk"} {
			if status, _ := get(t, a.client(t), a.URL+path); status != http.StatusUnauthorized && status != http.StatusSeeOther {
				t.Errorf("%s for the public: %d", path, status)
			}
		}
	})
}

// The desk passes the plan's read rules: Tallinn's overdue part of the national draft is
// on its editor's desk, its part of Tartu's draft plan is not (another municipality's
// draft); Tartu's editor sees their own plan's overdue work, and nobody else's desk shows
// either plan.
func TestDeskPlanLeaks(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		ctx := auth.WithUser(context.Background(), &coordUser)
		national := newReadFixture(t, a, ctx, "Riigimustand", plan.Draft, "")
		tartu := newReadFixture(t, a, ctx, "Tartumustand", plan.Draft, "0793")
		for _, actor := range []struct {
			name   string
			client *http.Client
			shows  []readFixture
		}{
			{"Tallinn's editor", a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")), []readFixture{national}},
			{"Tartu's editor", a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")), []readFixture{tartu}},
			{"a reader", a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")), nil},
			{"a coordinator", a.as(t, coordUser), nil},
		} {
			body, d := deskOf(t, a, actor.client, "")
			js, _ := json.Marshal(d)
			for _, f := range []readFixture{national, tartu} {
				want := slices.Contains(actor.shows, f)
				if strings.Contains(body, f.stem) != want || strings.Contains(string(js), f.stem) != want {
					t.Errorf("%s's desk shows %s: %v, want %v", actor.name, f.stem, !want, want)
				}
				if want && !slices.ContainsFunc(d.Items, func(i desk.Item) bool { return i.Link == "/plan/activities/"+itoa(f.a) }) {
					t.Errorf("%s's desk has no link to %s's activity: %+v", actor.name, f.stem, d.Items)
				}
			}
			linksWork(t, a, actor.client, d)
		}
	})
}
