package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/training"
)

// TestBrowserTrainingCountJourney: in headless Chromium, Tallinn's editor opens the
// municipality's training page and records a completion by count: a count of none is
// refused with the People field marked, seven records managers are saved and shown in
// the counts with their training and date, and axe finds no WCAG 2.1 A/AA breach on the
// page, refused or saved.
func TestBrowserTrainingCountJourney(t *testing.T) {
	script, err := os.ReadFile(filepath.Join("..", "..", "tools", "axe", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core is not installed: run scripts/test or `npm ci` in tools/axe: %v", err)
	}
	a := startApp(t, "sqlite")
	hygiene, _ := trainingFixture(t, a)
	a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
	b := startBrowser(t, a.URL)

	b.open("English", "/?lang=en", http.StatusOK)
	b.signIn("it@tallinn.test", "parool-it@tallinn.test", "/desk")
	b.open("Tallinn's training", "/municipalities/0784/training", http.StatusOK)
	b.want("#count-new", "Record a number of people")
	day := time.Now().AddDate(0, -1, 0).Format(time.DateOnly)
	b.run("the count's role, training and day", chromedp.SetValue(chromedp.CSS("#c-role"), string(training.RecordsManager)),
		chromedp.SetValue(chromedp.CSS("#c-training_id"), itoa(hygiene.ID)), chromedp.SetValue(chromedp.CSS("#c-completed_on"), day))
	b.fill("People", "0")
	b.follow("record nobody", http.StatusUnprocessableEntity, chromedp.Click(chromedp.Search(`//form[@aria-labelledby="count-new"]//button`)))
	b.want("#ce-people", "Enter the number of people, from 1 to 10,000.")
	if invalid := b.read("the people field", chromedp.Evaluate[string](`document.querySelector("#c-people").getAttribute("aria-invalid") ?? ""`)); invalid != "true" {
		b.fatalf("the refused People field is not marked invalid: %q", invalid)
	}
	axeRun(t, b, script, "the refused count form")

	// The refused form keeps what was chosen; only the number is typed again.
	b.fill("People", "7")
	b.follow("record seven", http.StatusOK, chromedp.Click(chromedp.Search(`//form[@aria-labelledby="count-new"]//button`)))
	if where := b.read("location", chromedp.Location()); !strings.HasSuffix(where, "/municipalities/0784/training#counts") {
		b.fatalf("after saving at %s", where)
	}
	row := b.read("the counts", chromedp.Text(chromedp.CSS(`section[aria-labelledby="counts"] table.data:last-of-type tbody tr`)))
	for _, want := range []string{"records manager", "Küberhügieeni e-kursus", "7"} {
		if !strings.Contains(row, want) {
			b.fatalf("the counts' row %q lacks %q", row, want)
		}
	}
	axeRun(t, b, script, "the training page with a count")

	counts, err := a.store.TrainingCounts(context.Background(), "0784")
	if err != nil || len(counts) != 1 || counts[0].People != 7 || counts[0].Role != training.RecordsManager || counts[0].CompletedOn != day {
		t.Errorf("stored counts %+v, %v", counts, err)
	}
}
