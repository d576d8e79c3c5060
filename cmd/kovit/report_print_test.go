package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// The printable report: its page links the stylesheet, whose print rules hide the site's
// navigation and the page's forms, and the report page marks those parts so the rules
// find them.
func TestReportPrintStylesheet(t *testing.T) {
	a := startApp(t, "sqlite") // the stylesheet and the markup do not depend on the engine
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	s, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Prinditav kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	var last plan.Report
	for _, title := range []string{"Esimene aruanne", "Teine aruanne"} {
		if last, err = a.store.OpenReport(ctx, plan.Report{StrategyID: s.ID, TitleEt: title,
			PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
	}
	st, page := get(t, a.as(t, coordUser), a.URL+"/plan/reports/"+itoa(last.ID))
	if st != http.StatusOK {
		t.Fatalf("report page: %d", st)
	}
	link := regexp.MustCompile(`<link rel="stylesheet" href="(/static/app\.[0-9a-f]+\.css)">`).FindStringSubmatch(page)
	if link == nil {
		t.Fatal("the report page links no stylesheet")
	}
	res, err := http.Get(a.URL + link[1])
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var css bytes.Buffer
	if _, err := css.ReadFrom(res.Body); err != nil || res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("stylesheet: %d %s %v", res.StatusCode, res.Header.Get("Content-Type"), err)
	}
	// What the print rules hide, and the markup on the report page each rule finds.
	hidden := printHidden(css.String())
	for selector, markup := range map[string]string{
		"header.top nav": `<header class="top">`,
		".crumbs":        `<p class="crumbs">`,
		".no-print":      `<div class="report-actions no-print">`,
		"form":           `<form method="get" action="/plan/reports/` + itoa(last.ID) + `" class="no-print" id="compare-form">`,
	} {
		if !hidden[selector] {
			t.Errorf("the print rules do not hide %s", selector)
		}
		if !strings.Contains(page, markup) {
			t.Errorf("the report page lacks %s, which the print rule %s hides", markup, selector)
		}
	}
	if !strings.Contains(css.String(), "@page { size: A4;") {
		t.Error("the print rules set no A4 page")
	}
}

// printHidden lists the selectors that the @media print blocks of css give display: none.
func printHidden(css string) map[string]bool {
	out := map[string]bool{}
	for _, block := range strings.Split(css, "@media print {")[1:] {
		depth, end := 1, 0
		for i, r := range block {
			switch r {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				end = i
				break
			}
		}
		for _, rule := range strings.Split(block[:end], "}") {
			selectors, decls, ok := strings.Cut(rule, "{")
			if !ok || !strings.Contains(strings.ReplaceAll(decls, " ", ""), "display:none") {
				continue
			}
			for _, s := range strings.Split(selectors, ",") {
				out[strings.TrimSpace(s)] = true
			}
		}
	}
	return out
}
