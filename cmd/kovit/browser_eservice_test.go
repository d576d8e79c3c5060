package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// TestBrowserEServiceJourney walks issue 4's journey in headless Chromium, in Estonian: an
// editor of Viljandi vald fills a cell up to level 3 with evidence and sees what keeps it
// from level 4; a coordinator verifies it and raises Tartu linn too, and the service's
// national share and population coverage follow; the matrix, exported as CSV, is imported
// back without changing a cell.
func TestBrowserEServiceJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	ctx := context.Background()
	const viljandi, tartu, code, service = "0899", "0793", "SOC-001", "Sünnitoetus (KOV)"
	const eURL, evidence = "https://www.viljandivald.ee/e-teenused/sunnitoetus", "https://www.viljandivald.ee/toetused/sunnitoetus"
	editor := a.user(t, "mari@viljandivald.test", auth.RoleEditor, viljandi)
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	scale := eservice.DefaultScale()
	population := func(ehak string) int {
		m, err := a.store.Municipality(ctx, ehak)
		if err != nil {
			t.Fatal(err)
		}
		return m.Population
	}
	all, total, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: 100})
	if err != nil || total != 79 {
		t.Fatalf("municipalities: %d (%v), want Estonia's 79", total, err)
	}
	estonia := 0
	for _, m := range all {
		estonia += m.Population
	}
	cell := func(ehak string) eservice.Cell {
		c, err := a.store.Cell(ctx, ehak, code)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	b := startBrowser(t, a.URL)

	// 1. The editor signs in and fills Viljandi vald's cell up to level 3, with evidence.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, editor)
	b.open("Viljandi vald's cell", "/eservices/"+viljandi+"/"+code, http.StatusOK)
	b.want("h1", "Viljandi vald: "+service)
	b.want("p.empty", "Omavalitsus pole selle teenuse andmeid veel täitnud.")
	tickUpTo(b, scale, 3)
	b.fill("E-teenuse aadress", eURL)
	b.fill("Tõendi aadress (nt teenuse kirjeldus veebis)", evidence)
	// A date input takes keys in the browser's locale's order; its value is always ISO.
	b.run("evidence date", chromedp.SetValue(labelled("Kontrollimise kuupäev"), "2026-11-20"))
	b.follow("save Viljandi vald's cell", http.StatusOK, chromedp.Click(buttonNamed("Salvesta")))
	b.want("p.flash", "Salvestatud.")

	// 2. The cell shows level 3, the evidence, and the unmet criteria of level 4.
	b.want("p.level-big", "Tase 3 · "+scale[3].NameEt)
	b.wantFact("Pakkumine", "pakutakse")
	b.wantFact("E-teenuse aadress", eURL)
	b.wantFact("Tõend", evidence+" · kontrollitud 20.11.2026")
	b.wantFact("Kontroll", "omavalitsuse hinnang")
	b.want("#bottleneck-h + p", "Tasemele 4 ("+scale[4].NameEt+") jõudmiseks on täitmata:")
	var unmet []string
	for _, c := range scale[4].Criteria {
		unmet = append(unmet, c.Code+" "+c.TextEt)
	}
	if got := b.textsOf("ul.bottleneck li"); !slices.Equal(got, unmet) {
		b.fatalf("the bottleneck lists %q, want %q", got, unmet)
	}
	// The editor sees the criteria once, as the form's checkboxes.
	if n := len(b.textsOf("#f-criteria_met .check:has(input:checked)")); n != 4 {
		b.fatalf("the form shows %d criteria met, want the 4 of levels 1–3", n)
	}
	if n := len(b.textsOf("ul.checklist li")); n != 0 {
		b.fatalf("the editor also sees %d criteria read-only", n)
	}
	if c := cell(viljandi); c.Level != 3 || c.Version != 1 || c.EvidenceURL != evidence || c.Verification != eservice.SelfReported {
		t.Fatalf("stored cell after the editor's save: %+v", c)
	}

	// 3. The service page already counts Viljandi vald, before anyone verifies it.
	b.follow("service page", http.StatusOK, chromedp.Click(linkNamed(service)))
	b.want("h1", service)
	wantStats(b, 1, population(viljandi), estonia)

	// The coordinator signs in and verifies the cell.
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja")))
	esSignIn(b, coordinator)
	b.open("Viljandi vald's cell as coordinator", "/eservices/"+viljandi+"/"+code, http.StatusOK)
	b.want("#review-h", "Kontrolli")
	b.run("choose verify", chromedp.Click(labelled("Kinnitan: tõend vastab märgitud tasemele")))
	b.follow("verify", http.StatusOK, chromedp.Click(buttonNamed("Salvesta otsus")))
	b.want("p.flash", "Otsus on salvestatud.")
	b.wantFact("Kontroll", "koordinaator kinnitas")
	b.want("p.level-big", "Tase 3 · "+scale[3].NameEt)
	if c := cell(viljandi); c.Verification != eservice.Verified || c.Version != 2 || c.Level != 3 {
		t.Fatalf("stored cell after verification: %+v", c)
	}
	b.follow("service page after verification", http.StatusOK, chromedp.Click(linkNamed(service)))
	wantStats(b, 1, population(viljandi), estonia)
	verification := chromedp.Search(`//tr[th/a[normalize-space()="Viljandi vald"]]/td[4]`)
	if v := b.read("Viljandi vald's verification", chromedp.Text(verification)); v != "koordinaator kinnitas" {
		b.fatalf("the service page shows Viljandi vald's cell as %q, want verified", v)
	}

	// The coordinator raises Tartu linn to level 3 too; share and coverage now count two.
	b.follow("Tartu linn's cell", http.StatusOK, chromedp.Click(linkNamed("Tartu linn")))
	b.want("h1", "Tartu linn: "+service)
	tickUpTo(b, scale, 3)
	b.follow("save Tartu linn's cell", http.StatusOK, chromedp.Click(buttonNamed("Salvesta")))
	b.want("p.flash", "Salvestatud.")
	b.want("p.level-big", "Tase 3 · "+scale[3].NameEt)
	b.follow("service page after Tartu", http.StatusOK, chromedp.Click(linkNamed(service)))
	wantStats(b, 2, population(viljandi)+population(tartu), estonia)

	// 4. The matrix's CSV export, imported back, changes nothing.
	b.follow("matrix", http.StatusOK, chromedp.Click(linkNamed("E-teenuste maatriks")))
	b.want("h1", "E-teenuste maatriks")
	share := fmt.Sprintf("%s (2/79)", etPercent(2, 79))
	if v := b.read("SOC-001's share", chromedp.Text(chromedp.Search(`//tr[td[1]="SOC-001"]/td[3]`))); v != share {
		b.fatalf("the matrix shows SOC-001's share as %q, want %q", v, share)
	}
	href := b.read("CSV link", chromedp.Evaluate[string](`[...document.querySelectorAll("p.exports a")].find(a => a.textContent === "CSV")?.href ?? ""`))
	if !strings.HasSuffix(href, "/eservices/matrix.csv") {
		b.fatalf("the CSV export link is %q", href)
	}
	csv := b.download(href)
	for _, want := range []string{
		"0899;Viljandi vald;SOC-001;" + service + ";offered;3;1.1 2.1 3.1 3.2;" + eURL + ";;" + evidence + ";20.11.2026;verified;",
		"0793;Tartu linn;SOC-001;" + service + ";offered;3;1.1 2.1 3.1 3.2;;;;;self_reported;",
	} {
		if !bytes.Contains(csv, []byte(want)) {
			t.Fatalf("the export has no row %q:\n%.400s", want, csv)
		}
	}
	rows := bytes.Count(csv, []byte("\n")) - 1
	file := filepath.Join(t.TempDir(), "e-teenused.csv")
	if err := os.WriteFile(file, csv, 0o644); err != nil {
		t.Fatal(err)
	}
	before := []eservice.Cell{cell(viljandi), cell(tartu)}

	b.open("import page", "/eservices/import", http.StatusOK)
	b.want("h1", "Maatriksi import")
	b.run("choose the file", chromedp.SetUploadFiles(labelled("Fail (CSV või XLSX)"), []string{file}))
	b.follow("import", http.StatusOK, chromedp.Click(buttonNamed("Impordi")))
	b.want("p.flash", fmt.Sprintf("Import õnnestus: 0 lahtrit muudeti, %d jäi samaks.", rows))
	for i, c := range []eservice.Cell{cell(viljandi), cell(tartu)} {
		if c.Version != before[i].Version || c.Level != 3 || c.Verification != before[i].Verification || !c.UpdatedAt.Equal(before[i].UpdatedAt) {
			t.Errorf("after the import %s's cell is %+v, want it unchanged: %+v", c.MunicipalityEHAK, c, before[i])
		}
	}
	if cells, err := a.store.Cells(ctx, eservice.CellFilter{}); err != nil || len(cells) != 2 {
		t.Errorf("after the import the store holds %d cells (%v), want the 2 filled in", len(cells), err)
	}

	png, err := runStep(b, chromedp.FullScreenshot(100))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("screenshot: %v (%d bytes)", err, len(png))
	}
	shot := filepath.Join(t.TempDir(), "eservice-journey.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the last page: %s (%d bytes)", shot, len(png))
}

// esSignIn signs u (made by a.user) in through the Estonian sign-in page.
func esSignIn(b *browser, u auth.User) {
	b.t.Helper()
	b.follow("sign-in page", http.StatusOK, chromedp.Click(linkNamed("Logi sisse")))
	b.want("h1", "Sisselogimine")
	b.fill("E-posti aadress", u.Email)
	b.fill("Parool", "parool-"+u.Email)
	b.follow("sign in as "+u.Email, http.StatusOK, chromedp.Click(buttonNamed("Logi sisse")))
	b.want("p.flash", "Olete sisse logitud.")
}

// tickUpTo marks the service offered and ticks every criterion of levels 1..level on a
// cell's form, finding each box by its label as the default scale words it.
func tickUpTo(b *browser, scale eservice.Scale, level int) {
	b.t.Helper()
	b.run("offered", chromedp.Click(labelled("pakutakse")))
	for _, l := range scale[1 : level+1] {
		for _, c := range l.Criteria {
			b.run("tick "+c.Code, chromedp.Click(labelled(c.Code+" "+c.TextEt)))
		}
	}
}

// wantStats checks the service page's share of municipalities at level ≥ 3 (of all 79,
// as none is marked not applicable) and the share of Estonia's residents they cover.
func wantStats(b *browser, online, population, estonia int) {
	b.t.Helper()
	for i, want := range []string{
		etPercent(online, 79) + fmt.Sprintf(" omavalitsustest on tasemel 3 või kõrgemal (%d omavalitsust 79-st, kus teenus kohaldub)", online),
		etPercent(population, estonia) + " Eesti elanikest elab omavalitsuses, kus teenus on tasemel 3 või kõrgemal (" + etInt(population) + " elanikku)",
	} {
		// The figure is set on a line of its own; a no-break space is part of a number.
		got := b.read("figure", chromedp.Text(chromedp.CSS(fmt.Sprintf("ul.stats li:nth-child(%d)", i+1))))
		if got = strings.Join(strings.FieldsFunc(got, func(r rune) bool { return r == ' ' || r == '\n' }), " "); got != want {
			b.fatalf("the service page reads %q, want %q", got, want)
		}
	}
}

// wantFact checks the value of a term in the page's list of facts.
func (b *browser) wantFact(term, text string) {
	b.t.Helper()
	dd := chromedp.Search("//dl[@class='facts']/dt[normalize-space()=" + xpathString(term) + "]/following-sibling::dd[1]")
	if got := b.read(term, chromedp.Text(dd)); got != text {
		b.fatalf("%s reads %q, want %q", term, got, text)
	}
}

// textsOf returns the visible texts of every element that matches the CSS selector.
func (b *browser) textsOf(css string) []string {
	b.t.Helper()
	got, err := runStep(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll(`+strconv.Quote(css)+`)].map(e => e.innerText.trim())`))
	if err != nil {
		b.fatalf("texts of %s: %v", css, err)
	}
	return got
}

// download fetches url with the browser's cookies, as a click on the link would.
func (b *browser) download(url string) []byte {
	b.t.Helper()
	cookies, err := runStep(b, chromedp.Action[[]*network.Cookie](func(ctx context.Context, t *chromedp.Target) ([]*network.Cookie, error) {
		res, err := cdp.Call(ctx, t, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
		return res.Cookies, err
	}))
	if err != nil {
		b.fatalf("cookies: %v", err)
	}
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for _, c := range cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d %v\n%.300s", url, res.StatusCode, err, body)
	}
	return body
}

// etPercent and etInt format a share and a count the way the Estonian pages do: a whole
// percentage, and thousands grouped with a no-break space.
func etPercent(n, of int) string {
	return strconv.Itoa(int(math.Round(100*float64(n)/float64(of)))) + "\u00a0%"
}

func etInt(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "\u00a0" + s[i:]
	}
	return s
}
