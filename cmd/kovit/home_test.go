package main

import (
	"context"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// homeAs fetches the home page anonymously in lang and checks it may be kept by the
// anonymous microcache.
func homeAs(t *testing.T, a *testApp, lang string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, a.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: "lang", Value: lang})
	res, err := a.client(t).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Cache-Control"), "public") {
		t.Fatalf("home in %s: %d, Cache-Control %q", lang, res.StatusCode, res.Header.Get("Cache-Control"))
	}
	return string(b)
}

// block is one block of the home page by its id, e.g. "changes".
func block(t *testing.T, page, id string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, `<section class="home-block" id="`+id+`"`)
	if !ok {
		t.Fatalf("no block %s in:\n%s", id, page)
	}
	s, _, _ := strings.Cut(rest, "</section>")
	return s
}

func TestHomeEmpty(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		for lang, want := range map[string]map[string]string{
			"et": {"spread": "Ükski omavalitsus pole veel oma e-teenuseid kirja pannud.", "strategy": "Ühtki strateegiat pole veel vastu võetud.",
				"needs": "Koondvajadusi ega toetusmeetmeid pole veel avaldatud.", "changes": "Avalikke muudatusi pole veel tehtud."},
			"en": {"spread": "No municipality has recorded its e-services yet.", "strategy": "No strategy has been adopted yet.",
				"needs": "No consolidated need or support measure has been published yet.", "changes": "No public change has been made yet."},
		} {
			page := homeAs(t, a, lang)
			for id, text := range want {
				if b := block(t, page, id); !strings.Contains(b, `<p class="empty">`+text+`</p>`) {
					t.Errorf("%s: block %s without its empty state %q:\n%s", lang, id, text, b)
				}
			}
			// The reference data's own loading (services, seeded strategies) is no change.
			if strings.Contains(block(t, page, "changes"), "<li>") {
				t.Errorf("%s: changes listed on a fresh database", lang)
			}
		}
	})
}

// etPct is a share as Estonian writes a whole percentage, independently of the printer.
func etPct(n, of int) string {
	return strconv.Itoa(int(math.Round(100*float64(n)/float64(of)))) + "\u00a0%"
}

func TestHomeFigures(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		coordinator.Name = "Kati Koordinaator-Salajane"
		ctx := auth.WithUser(context.Background(), &coordinator)
		s := a.store

		// E-services: a month's snapshot, then more cells, then this month's. A cell
		// offered is saved at its level by setLevel, one not offered here.
		save := func(ehak, code string, o eservice.Offering, level int) {
			if o == eservice.Offered {
				setLevel(t, s, ehak, code, level)
				return
			}
			c, err := s.Cell(ctx, ehak, code)
			if err == nil {
				_, err = s.SaveCell(ctx, ehak, code, eservice.CellInput{Offering: o, Version: c.Version})
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		services, err := s.ListServices(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		save("0793", services[0].Code, eservice.Offered, 3)
		save("0784", services[0].Code, eservice.Offered, 1)
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		save("0784", services[0].Code, eservice.Offered, 4)
		save("0793", services[1].Code, eservice.Offered, 5)
		save("0296", services[1].Code, eservice.NotApplicable, 0)
		save("0296", services[2].Code, eservice.NotOffered, 0)
		if err := s.TakeSnapshot(ctx, "2026-11"); err != nil {
			t.Fatal(err)
		}

		// The expected spread, counted from the cells themselves.
		cells, err := s.Cells(ctx, eservice.CellFilter{})
		if err != nil {
			t.Fatal(err)
		}
		active := map[string]bool{}
		for _, sv := range services {
			active[sv.Code] = true
		}
		online, notApplicable := 0, 0
		for _, c := range cells {
			switch {
			case !active[c.ServiceCode]:
			case c.Offering == eservice.NotApplicable:
				notApplicable++
			case c.Level >= 3:
				online++
			}
		}
		ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		pairs := len(ms)*len(services) - notApplicable
		if online != 3 || notApplicable != 1 {
			t.Fatalf("fixture: %d online, %d not applicable", online, notApplicable)
		}

		// Strategies: the current one, an older adopted one, and a draft for this year.
		year := time.Now().In(kovit.Estonia).Year()
		strategy := func(title string, status plan.StrategyStatus, from, to int) plan.Strategy {
			st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: title, StartYear: from, EndYear: to, Status: status}.WithDefaults())
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		node := func(n plan.Node) plan.Node {
			out, err := s.CreateNode(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		old := strategy("Vana kava", plan.Adopted, 2015, 2018)
		node(plan.Node{StrategyID: old.ID, Kind: plan.Goal, Code: "1", TitleEt: "Vana eesmärk"})
		current := strategy("Kehtiv kava", plan.Adopted, year-1, year+1)
		draft := strategy("Mustand kava", plan.Draft, year, year+2)
		node(plan.Node{StrategyID: draft.ID, Kind: plan.Goal, Code: "1", TitleEt: "Mustandi saladus"})
		g1 := node(plan.Node{StrategyID: current.ID, Kind: plan.Goal, Code: "1", TitleEt: "Esimene eesmärk"})
		node(plan.Node{StrategyID: current.ID, Kind: plan.Goal, Code: "2", TitleEt: "Teine eesmärk"})
		past := time.Now().AddDate(0, 0, -10)
		node(plan.Node{StrategyID: current.ID, ParentID: &g1.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tehtud tegevus", Status: plan.Done})
		node(plan.Node{StrategyID: current.ID, ParentID: &g1.ID, Kind: plan.Activity, Code: "1.2", TitleEt: "Hiline tegevus", Status: plan.InProgress, Completion: 20, End: &past})
		ontrack := node(plan.Node{StrategyID: current.ID, ParentID: &g1.ID, Kind: plan.Activity, Code: "1.3", TitleEt: "Graafikus tegevus", Status: plan.InProgress, Completion: 40})

		// Needs: a draft need, a published consolidated need and an unpublished one; a
		// published measure, a closed one and an unpublished one.
		if _, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: "Mustandvajadus", Category: need.CatRecords}); err != nil {
			t.Fatal(err)
		}
		var needIDs []int64
		for i, cost := range []kovit.Money{10000050, 2345600} {
			n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: []string{"0793", "0784"}[i], Title: "Vajadus " + strconv.Itoa(i), Category: need.CatRecords, Cost: &cost, Urgency: need.UrgencyMedium})
			if err != nil {
				t.Fatal(err)
			}
			if n, err = s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
				t.Fatal(err)
			}
			needIDs = append(needIDs, n.ID)
		}
		published, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "Avalik koondvajadus", Category: need.CatRecords, Published: true}, needIDs)
		if err != nil {
			t.Fatal(err)
		}
		internal, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "Sisemine koondvajadus", Category: need.CatRecords}, nil)
		if err != nil {
			t.Fatal(err)
		}
		measure := func(name string, status need.MeasureStatus, budget kovit.Money, public bool) int64 {
			m, err := s.CreateMeasure(ctx, need.Measure{Name: name, StartYear: year, EndYear: year + 2, Budget: budget, Status: status, Published: public})
			if err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		measure("Avatud meede", need.MeasureOpen, 50000000, true)
		measure("Suletud meede", need.MeasureClosed, 7000000, true)
		secret := measure("Salajane meede", need.MeasureProposed, 9900000, false)

		// Last, a change to nothing but an activity's internal note.
		ontrack.InternalNote = "Sisemine märkus"
		if _, err := s.UpdateNode(ctx, ontrack); err != nil {
			t.Fatal(err)
		}

		page := homeAs(t, a, "et")
		spread := block(t, page, "spread")
		mustContain(t, "spread", spread, `<a href="/eservices"><strong>`+etPct(online, pairs)+`</strong></a>`,
			"("+etInt(online)+" / "+etInt(pairs)+")", `role="img"`, `<th scope="row">10.2026</th><td>`+etPct(1, len(ms)*len(services))+`</td>`,
			`<th scope="row">11.2026</th><td>`+etPct(online, pairs)+`</td>`)

		st := block(t, page, "strategy")
		mustContain(t, "strategy", st, `<a href="/plan/`+itoa(current.ID)+`">Kehtiv kava</a>`,
			"<strong>1</strong> tegevust tehtud", "<strong>1</strong> tegevust graafikus", "<strong>1</strong> tegevust hilinenud",
			"Esimene eesmärk", `value="53"`, "53\u00a0%", "Teine eesmärk", "edenemist veel pole")
		for _, leak := range []string{"Vana", "Mustand"} {
			if strings.Contains(st, leak) {
				t.Errorf("strategy block shows %q:\n%s", leak, st)
			}
		}

		needs := block(t, page, "needs")
		// 100 000,50 € + 23 456 € of the published consolidated need; 500 000 € of the open measure.
		mustContain(t, "needs", needs, `<a href="/consolidated"><strong>1</strong>`, "123\u00a0456,50 €",
			`<a href="/measures"><strong>1</strong>`, "500\u00a0000 €")
		if _, body := get(t, a.client(t), a.URL+"/consolidated"); strings.Count(body, `<a href="/consolidated/`) != 1 ||
			!strings.Contains(body, `<a href="/consolidated/`+itoa(published.ID)+`">`) {
			t.Errorf("the consolidated needs page does not show the one published consolidated need")
		}

		changes := block(t, page, "changes")
		if n := strings.Count(changes, "<li>"); n != 10 {
			t.Errorf("%d changes listed, want 10:\n%s", n, changes)
		}
		mustContain(t, "changes", changes, "Toetusmeede: <a href=\"/measures/", "Avatud meede", "Suletud meede",
			"Koondvajadus: <a href=\"/consolidated/"+itoa(published.ID)+`">Avalik koondvajadus</a> — lisatud`,
			"Tegevus: <a href=\"/plan/activities/"+itoa(ontrack.ID)+`">Graafikus tegevus</a> — lisatud`)
		for _, leak := range []string{"Mustand", "Vajadus ", "Sisemine", "Salajane", "Kati", "märkus", "Graafikus tegevus</a> — muudetud"} {
			if strings.Contains(changes, leak) {
				t.Errorf("the changes list shows %q:\n%s", leak, changes)
			}
		}
		for _, leak := range []string{`"/consolidated/` + itoa(internal.ID) + `"`, `"/measures/` + itoa(secret) + `"`, `"/plan/` + itoa(draft.ID) + `"`, `"></a>`} {
			if strings.Contains(changes, leak) {
				t.Errorf("the changes list links to %s:\n%s", leak, changes)
			}
		}
		// Newest first.
		if strings.Index(changes, "Suletud meede") > strings.Index(changes, "Avatud meede") {
			t.Errorf("changes not newest first:\n%s", changes)
		}
		if regexp.MustCompile(`(?i)internal_note|criteria_met|system`).MatchString(changes) {
			t.Errorf("the changes list shows internal field names:\n%s", changes)
		}

		en := homeAs(t, a, "en")
		mustContain(t, "en", block(t, en, "spread"), strconv.Itoa(int(math.Round(100*float64(online)/float64(pairs))))+"%")
		mustContain(t, "en", block(t, en, "needs"), "123,456.50 €", "500,000 €")
	})
}
