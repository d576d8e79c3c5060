package plan

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"kovit/internal/i18n"
)

// TestErrorKeysAreTranslated finds every error key the module's domain and storage code
// can return and checks both catalogues have it, so no user ever sees a bare key.
func TestErrorKeysAreTranslated(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("../sqlstore/plan*.go")
	key := regexp.MustCompile(`"((?:plan\.)?error\.[a-z_]+)"`)
	found := 0
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range key.FindAllSubmatch(src, -1) {
			found++
			for _, lang := range i18n.Languages {
				if !slices.Contains(c.IDs(lang), string(m[1])) {
					t.Errorf("%s: %q has no %s text", f, m[1], lang)
				}
			}
		}
	}
	if found < 20 {
		t.Errorf("found only %d keys: is the pattern still right?", found)
	}
}
