package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/plan"
)

// TestBrowserPlanJourney walks issue 5's journey in headless Chromium, in Estonian: a
// coordinator builds a strategy with a joint activity of three municipalities; one of them
// reports its part done and the roll-up shows a third; a report frozen then keeps that
// state while a second municipality finishes, and a comparison with a new report shows the
// change; the plan, exported as XLSX, is imported back without changing anything.
func TestBrowserPlanJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	const tartu, tallinn = "0793", "0784"
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	tartuEditor := a.user(t, "mari@tartu.test", auth.RoleEditor, tartu)
	tallinnEditor := a.user(t, "jaan@tallinn.test", auth.RoleEditor, tallinn)
	b := startBrowser(t, a.URL)

	// 1. The coordinator creates a strategy with two action directions and three activities.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, coordinator)
	b.follow("plans", http.StatusOK, chromedp.Click(linkNamed("Tegevuskava")))
	b.want("h1", "Strateegiad ja tegevuskavad")
	b.fill("Pealkiri eesti keeles", "Ühine IT-arendus")
	b.fill("Pealkiri inglise keeles", "Joint IT development")
	b.fill("Algusaasta", "2026")
	b.fill("Lõpuaasta", "2028")
	b.follow("create strategy", http.StatusOK, chromedp.Click(buttonNamed("Loo strateegia")))
	b.want("p.flash", "Salvestatud.")
	b.want("h1", "Ühine IT-arendus")
	treePath := strings.TrimPrefix(b.read("location", chromedp.Location()), a.URL)
	id, err := strconv.ParseInt(strings.TrimPrefix(treePath, "/plan/"), 10, 64)
	if err != nil {
		b.fatalf("the new strategy is at %s, want /plan/{id}", treePath)
	}
	addNode(b, treePath, "tegevussuund", "ülemine tase", "1", "Teenused")
	addNode(b, treePath, "tegevussuund", "ülemine tase", "2", "Taristu")
	joint := addNode(b, treePath, "tegevus", "1 Teenused", "1.1", "Ühine e-teenuste portaal")
	addNode(b, treePath, "tegevus", "1 Teenused", "1.2", "Teenuste kaardistus")
	addNode(b, treePath, "tegevus", "2 Taristu", "2.1", "Ühine pilveteenus")

	// … and makes 1.1 joint with Tartu linn, Tallinn and Viljandi vald.
	b.open("joint activity", joint, http.StatusOK)
	b.want("#parts-h ~ p.empty", "See tegevus pole ühistegevus: omavalitsusi pole lisatud.")
	for _, name := range []string{"Tartu linn", "Tallinn", "Viljandi vald"} {
		b.run("tick "+name, chromedp.Click(labelled(name)))
	}
	b.follow("add participants", http.StatusOK, chromedp.Click(buttonNamed("Lisa valitud")))
	b.want("p.flash", "Salvestatud.")
	b.want("#parts-h + p", "0 / 3 omavalitsusest on oma osa teinud.")

	// 2. Tartu linn's editor marks Tartu's part done.
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja")))
	markDone(b, tartuEditor, joint, tartu)

	// 3. The roll-up shows a third, on the activity page and in the strategy's tree.
	wantJointProgress(b, treePath, joint, 1, "33\u00a0%")
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja")))

	// 4. The coordinator opens a report and marks it complete.
	esSignIn(b, coordinator)
	b.open("strategy", treePath, http.StatusOK)
	b.follow("reports", http.StatusOK, chromedp.Click(linkNamed("Perioodilised aruanded")))
	b.want("p.empty", "Aruandeid veel ei ole.")
	first := openReport(b, "2026. aasta I aruanne")
	wantReportState(b, "Elav seis: aruanne on avatud")
	wantReportProgress(b, "33\u00a0%")
	b.follow("complete report", http.StatusOK, chromedp.Click(chromedp.ID("complete-report")))
	b.want("p.flash", "Aruanne on lõpetatud ja selle seis külmutatud.")
	wantReportState(b, "Külmutatud seis: kati@kovit.test märkis aruande lõpetatuks")
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja")))

	// 5. Tallinn's editor marks Tallinn's part done too: two thirds now.
	markDone(b, tallinnEditor, joint, tallinn)
	wantJointProgress(b, treePath, joint, 2, "67\u00a0%")
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja")))

	// 6. The frozen report still shows a third; a new report, compared with it, the change.
	esSignIn(b, coordinator)
	b.open("frozen report", first, http.StatusOK)
	wantReportState(b, "Külmutatud seis:")
	wantReportProgress(b, "33\u00a0%")
	tallinnPart := chromedp.Search(`//section[@aria-labelledby="parts-h"]//tr[th="Tallinn"]/td[1]`)
	if got := b.read("Tallinn's part in the report", chromedp.Text(tallinnPart)); got != "alustamata" {
		b.fatalf("the frozen report shows Tallinn's part as %q, want it as it was: alustamata", got)
	}
	b.open("reports", "/plan/strategies/"+itoa(id)+"/reports", http.StatusOK)
	openReport(b, "2026. aasta II aruanne")
	wantReportProgress(b, "67\u00a0%")
	b.choose("Võrdle aruandega", "2026. aasta I aruanne (lõpetatud)")
	b.follow("compare", http.StatusOK, chromedp.Click(chromedp.ID("compare-submit")))
	b.want("h1", "Aruannete võrdlus")
	b.wantFact("Varasem", "2026. aasta I aruanne (külmutatud)")
	b.wantFact("Hilisem", "2026. aasta II aruanne (elav seis)")
	b.wantFact("Edenemine", "8\u00a0% → 17\u00a0%") // the strategy: 1 at a sixth, then a third; 2 at none
	b.want("#progress-changes tbody tr:nth-child(1)", "1 Teenused\t17\u00a0%\t33\u00a0%\t+17 protsendipunkti")
	b.want("#progress-changes tbody tr:nth-child(2)", "1.1 Ühine e-teenuste portaal\t33\u00a0%\t67\u00a0%\t+33 protsendipunkti")
	b.want("#participant-changes tbody", "1.1 Ühine e-teenuste portaal\tTallinn\talustamata, 0\u00a0%\ttehtud, 100\u00a0%")

	// 7. The plan, exported as XLSX and imported back, changes nothing.
	b.open("strategy", treePath, http.StatusOK)
	href, err := runStep(b, chromedp.AttributeValue(linkNamed("XLSX"), "href"))
	if err != nil || href.Value != "/plan/strategies/"+itoa(id)+"/export.xlsx" {
		b.fatalf("the XLSX export link is %q (%v)", href.Value, err)
	}
	xlsx := b.download(a.URL + href.Value)
	if !bytes.HasPrefix(xlsx, []byte("PK\x03\x04")) {
		t.Fatalf("the XLSX export is no spreadsheet (no zip): %.40q", xlsx)
	}
	file := filepath.Join(t.TempDir(), "kava.xlsx")
	if err := os.WriteFile(file, xlsx, 0o644); err != nil {
		t.Fatal(err)
	}
	tree, events := planRecord(t, a, id)
	b.follow("import page", http.StatusOK, chromedp.Click(linkNamed("Impordi tabelist")))
	b.want("h1", "Tegevuskava import: Ühine IT-arendus")
	b.run("choose the file", chromedp.SetUploadFiles(labelled("Fail"), []string{file}))
	b.follow("import", http.StatusOK, chromedp.Click(buttonNamed("Impordi")))
	b.want("p.flash", "Import õnnestus: 0 rida lisati, 0 muudeti, 5 jäi samaks.")
	afterTree, afterEvents := planRecord(t, a, id)
	if diff := cmp.Diff(tree, afterTree, cmpopts.IgnoreUnexported(plan.Tree{})); diff != "" {
		t.Errorf("the import changed the plan (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(events, afterEvents); diff != "" {
		t.Errorf("the import changed the audit trail (-before +after):\n%s", diff)
	}
}

// addNode adds a node of the level under parent (as the form's select shows it) through the
// strategy page's form and returns the path of the page it lands on.
func addNode(b *browser, treePath, level, parent, code, title string) string {
	b.t.Helper()
	b.open("strategy", treePath, http.StatusOK)
	b.choose("Tase", level)
	b.choose("Kuhu alla", parent)
	b.fill("Kood", code)
	b.fill("Pealkiri eesti keeles", title)
	b.follow("add "+code, http.StatusOK, chromedp.Click(buttonNamed("Lisa")))
	b.want("p.flash", "Salvestatud.")
	return strings.TrimPrefix(b.read("location", chromedp.Location()), b.base)
}

// markDone signs in the editor of ehak, who marks the municipality's part of the joint
// activity done on the activity page.
func markDone(b *browser, editor auth.User, activity, ehak string) {
	b.t.Helper()
	esSignIn(b, editor)
	b.open("joint activity", activity, http.StatusOK)
	b.run("status done", chromedp.SetValue(chromedp.ID("p"+ehak+"-status"), plan.Done))
	save := chromedp.Search(`//form[@action="` + activity + `/participants/` + ehak + `"]//button`)
	b.follow("save "+ehak+"'s part", http.StatusOK, chromedp.Click(save))
	b.want("p.flash", "Salvestatud.")
}

// wantJointProgress checks joint activity 1.1 with done of its three parts done: its
// progress on its own page and in the strategy's tree.
func wantJointProgress(b *browser, treePath, activity string, done int, progress string) {
	b.t.Helper()
	b.open("joint activity", activity, http.StatusOK)
	b.wantFact("Edenemine", progress)
	b.want("#parts-h + p", fmt.Sprintf("%d / 3 omavalitsusest on oma osa teinud.", done))
	b.open("strategy", treePath, http.StatusOK)
	row := `//table[contains(@class,"plan-tree")]//tr[td[1]="1.1"]`
	if got := b.read("1.1's progress", chromedp.Text(chromedp.Search(row+"/td[4]"))); got != progress {
		b.fatalf("the tree shows 1.1's progress as %q, want %q", got, progress)
	}
	if got, want := b.read("1.1's status", chromedp.Text(chromedp.Search(row+"/td[3]"))), fmt.Sprintf("alustamata · %d / 3 omavalitsusest tehtud", done); got != want {
		b.fatalf("the tree shows 1.1's status as %q, want %q", got, want)
	}
}

// openReport opens a report for this year on the reports page and returns its path.
func openReport(b *browser, title string) string {
	b.t.Helper()
	b.fill("Pealkiri eesti keeles", title)
	b.run("period", chromedp.SetValue(labelled("Perioodi algus"), "2026-01-01"), chromedp.SetValue(labelled("Perioodi lõpp"), "2026-12-31"))
	b.follow("open report", http.StatusOK, chromedp.Click(chromedp.ID("open-report")))
	b.want("h1", title)
	return strings.TrimPrefix(b.read("location", chromedp.Location()), b.base)
}

// wantReportProgress checks activity 1.1's progress in the report's tree.
func wantReportProgress(b *browser, progress string) {
	b.t.Helper()
	cell := chromedp.Search(`//table[contains(@class,"report-table")]//tr[th/span="1.1"]/td[4]`)
	if got := b.read("1.1's progress in the report", chromedp.Text(cell)); got != progress {
		b.fatalf("the report shows 1.1's progress as %q, want %q", got, progress)
	}
}

// wantReportState checks the start of the notice that says whether a report is live or frozen.
func wantReportState(b *browser, prefix string) {
	b.t.Helper()
	if got := b.read("report state", chromedp.Text(chromedp.ID("report-state"))); !strings.HasPrefix(got, prefix) {
		b.fatalf("the report's state reads %q, want it to start %q", got, prefix)
	}
}

// planRecord is what an import that changes nothing must leave as it was: the strategy's
// tree and the audit trail.
func planRecord(t *testing.T, a *testApp, id int64) (plan.Tree, []audit.Event) {
	t.Helper()
	tree, err := a.store.StrategyTree(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	events, _, err := a.store.ListEvents(context.Background(), audit.Filter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	return tree, events
}
