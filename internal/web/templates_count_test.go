package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"kovit/internal/i18n"
)

// countMessage is a message a template calls with a literal key and a Count, which
// chooses its plural form: {{.L.T "key" "Count" …}}.
var countMessage = regexp.MustCompile(`\.L\.T "([a-z0-9_.]+)" "Count"`)

// Every message a template counts with has a form for one and for several in every
// language: a message with no singular form is reported missing when a list holds exactly
// one (failing the page's render check) and reads "1 errors", as an import with one
// problem did on every import page (transfer.import.errors).
func TestCountedMessagesHaveEveryForm(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{} // key → the template using it
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range countMessage.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if keys["transfer.import.errors"] == "" {
		t.Fatal("no template counts transfer.import.errors: the pattern no longer finds the calls")
	}
	for key, page := range keys {
		for _, lang := range i18n.Languages {
			l := catalog.Printer(lang)
			for _, n := range []int{0, 1, 2, 5} {
				if got := l.T(key, "Count", n); got == key || strings.Contains(got, "{{") {
					t.Errorf("%s (%s) in %s for %d: %q", key, page, lang, n, got)
				}
			}
		}
	}
	for _, m := range catalog.Missing() {
		for key := range keys {
			if strings.HasSuffix(m, ":"+key) {
				t.Errorf("%s has no form for one", m)
			}
		}
	}
	for n, want := range map[int]string{1: "The file has 1 error.", 3: "The file has 3 errors."} {
		if got := catalog.Printer("en").T("transfer.import.errors", "Count", n); !strings.HasPrefix(got, want) {
			t.Errorf("transfer.import.errors for %d: %q, want %q", n, got, want)
		}
	}
}
