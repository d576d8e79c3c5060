package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// axeResult is what axe.run reports of one page: the WCAG rules it breaks, each with the
// elements that break it.
type axeResult struct {
	Violations []struct {
		ID     string
		Impact string
		Help   string
		Nodes  []struct{ Target []any }
	}
}

// TestBrowserAxe runs axe-core, the accessibility rules engine (tools/axe, installed by
// scripts/test), over kovit's main pages in Chromium, for the public and signed in, and
// fails on any breach of a WCAG 2.1 A or AA rule it checks.
func TestBrowserAxe(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "..", "tools", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: run scripts/test or `npm ci` in tools/axe: %v", err)
	}
	a := startApp(t, "sqlite")
	concrete := everyPageFixture(t, a)
	// Two browsers, one per visitor, so neither nears startBrowser's time limit when the
	// machine is busy.
	t.Run("public", func(t *testing.T) {
		b := startBrowser(t, a.URL)
		for _, path := range []string{"/", "/municipalities", "/municipalities/0793", "/counties/0079", "/eservices",
			"/eservices/map", "/eservices/services/SOC-001", "/eservices/0793/SOC-001", "/plan", "/plan/1",
			concrete.Replace("/plan/activities/{id}"), "/consolidated", "/sign-in", "/no-such-page"} {
			axeCheck(t, b, script, path)
		}
	})
	t.Run("signed in", func(t *testing.T) {
		b := startBrowser(t, a.URL)
		b.open("English", "/?lang=en", 200)
		b.signIn("admin@kovit.test", "admin-parool-1", "/desk")
		for _, path := range []string{"/desk", "/needs", "/needs/1", "/measures/1", "/consolidated/1", "/municipalities/0793/eservices/edit",
			"/plan/strategies/1/edit", "/admin/users/1", "/notifications", "/account/notifications", "/team", "/admin/audit"} {
			axeCheck(t, b, script, path)
		}
		// A refused form, with its summary and its fields marked invalid.
		b.open("new user", "/admin/users/new", 200)
		b.follow("save an empty user", http.StatusUnprocessableEntity, chromedp.Click(buttonNamed("Save")))
		axeRun(t, b, script, "the refused new-user form")
	})
}

// axeCheck opens path and runs axe-core on it.
func axeCheck(t *testing.T, b *browser, script []byte, path string) {
	t.Helper()
	status := 200
	if path == "/no-such-page" {
		status = 404
	}
	b.open("open "+path, path, status)
	axeRun(t, b, script, path)
}

// axeRun runs axe-core on the page the browser shows and reports every WCAG 2.1 A/AA
// breach it finds.
func axeRun(t *testing.T, b *browser, script []byte, page string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(script))); err != nil {
		t.Fatalf("load axe on %s: %v", page, err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
		.then(r => ({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.slice(0, 3).map(n => ({target: n.target}))}))}))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range res.Violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
}
