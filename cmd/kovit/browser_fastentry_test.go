package main

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
)

// TestBrowserEServicePageForm: an editor of Viljandi vald opens the one-page form from
// the municipality's page, fills two services in one save, and confirms an area
// unchanged; no JavaScript of kovit's is needed for any of it.
func TestBrowserEServicePageForm(t *testing.T) {
	a := startApp(t, "sqlite")
	ctx := context.Background()
	editor := a.user(t, "mari@viljandivald.test", auth.RoleEditor, "0899")
	scale, err := a.store.Scale(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, a.URL)
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, editor)
	b.open("Viljandi vald's services", "/municipalities/0899/eservices", http.StatusOK)
	b.follow("one-page form", http.StatusOK, chromedp.Click(linkNamed("Täida kõik teenused ühel lehel")))
	b.want("h1", "Viljandi vald: kõik e-teenused ühel lehel")

	b.run("offer SOC-001", chromedp.SetValue(chromedp.Search(`//*[@id="f-SOC-001.offering"]`), "offered"))
	for _, c := range scale[1].Criteria {
		b.run("tick "+c.Code, chromedp.Click(chromedp.Search(`//input[@name="met.SOC-001"][@value="`+itoa(c.ID)+`"]`)))
	}
	// The row's fields are named by aria-label: a table row has no room for a label each.
	url := chromedp.Search(`//input[@aria-label="E-teenuse aadress: Sünnitoetus (KOV)"]`)
	b.run("fill SOC-001's address", chromedp.Clear(url), chromedp.SendKeys(url, "https://www.viljandivald.ee/sunnitoetus"))
	b.run("SOC-002 not applicable", chromedp.SetValue(chromedp.Search(`//*[@id="f-SOC-002.offering"]`), "not_applicable"))
	b.follow("save the form", http.StatusOK, chromedp.Click(buttonNamed("Salvesta")))
	b.want("p.flash", "Salvestatud.")
	b.want(`tr#row-SOC-001 td:last-child`, "1 puudu: 2.1")

	c1, _ := a.store.Cell(ctx, "0899", "SOC-001")
	c2, _ := a.store.Cell(ctx, "0899", "SOC-002")
	if c1.Offering != eservice.Offered || c1.Level != 1 || c1.URL != "https://www.viljandivald.ee/sunnitoetus" || c2.Offering != eservice.NotApplicable {
		t.Fatalf("saved %+v %+v", c1, c2)
	}
	b.follow("confirm an area", http.StatusOK, chromedp.Click(buttonNamed("Kinnita valdkond „Sotsiaalhoolekanne” muutmata kujul")))
	b.want("p.flash", "Valdkonna teenused on kinnitatud kehtivaks.")
	if after, _ := a.store.Cell(ctx, "0899", "SOC-001"); after.Version != c1.Version || after.ConfirmedAt == nil || after.ConfirmedAt.Before(*c1.ConfirmedAt) {
		t.Errorf("confirmed %+v", after)
	}
}
