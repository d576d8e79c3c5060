package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
)

// TestBrowserSurveyResultsPaging reads a public survey's results of 24 questions in
// Chromium as the public: 20 questions a page, the next page by its link, another
// grouping from the first page again, each page passing axe-core's WCAG 2.1 AA rules.
func TestBrowserSurveyResultsPaging(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "..", "tools", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: run scripts/test or `npm ci` in tools/axe: %v", err)
	}
	a := startApp(t, "sqlite")
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	s := resultsSurvey(t, a, ctx, 25, true)
	approve(t, a, ctx, s, "0793", "jah")
	approve(t, a, ctx, s, "0784", "ei")
	b := startBrowser(t, a.URL)
	headings := func() []string {
		t.Helper()
		hs, err := runStep(b, chromedp.Evaluate[[]string](`[...document.querySelectorAll("section h2")].map(h => h.textContent.trim())`))
		if err != nil {
			b.fatalf("headings: %v", err)
		}
		return hs
	}

	b.open("results", "/surveys/"+itoa(s.ID)+"/results", http.StatusOK)
	if hs := headings(); len(hs) != 20 || hs[0] != "Kas istungeid kantakse üle?" || hs[19] != "Arvuline küsimus 20" {
		t.Fatalf("the first page: %q", hs)
	}
	b.want("nav.pager p", "Kuvatakse 1–20, kokku 24")
	axeRun(t, b, script, "the results' first page")

	b.follow("next page", http.StatusOK, chromedp.Click(linkNamed("Järgmine lehekülg")))
	if hs := headings(); len(hs) != 4 || hs[0] != "Arvuline küsimus 21" || hs[3] != "Arvuline küsimus 24" {
		t.Fatalf("the second page: %q", hs)
	}
	b.want("nav.pager p", "Kuvatakse 21–24, kokku 24")
	axeRun(t, b, script, "the results' second page")

	b.choose("Rühm", "maakond")
	b.follow("by county", http.StatusOK, chromedp.Click(buttonNamed("Näita")))
	if where := b.read("location", chromedp.Location()); !strings.Contains(where, "group=county") || strings.Contains(where, "offset") {
		t.Errorf("another grouping at %s, want its first page", where)
	}
	if hs := headings(); len(hs) != 20 || hs[0] != "Kas istungeid kantakse üle?" {
		t.Errorf("by county: %q", hs)
	}
	b.want(`section[aria-labelledby="r-stream"] tbody th`, "Harju maakond")
	b.follow("the next page by county", http.StatusOK, chromedp.Click(linkNamed("Järgmine lehekülg")))
	b.want(`section[aria-labelledby="r-n21"] tbody th`, "Harju maakond")
}
