package refdata

import (
	"strings"
	"testing"
)

// TestSolutions: the seed holds the systems the issue names, each with a source, and no
// version the sources do not give.
func TestSolutions(t *testing.T) {
	sols, err := Solutions()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range sols {
		if names[s.Name] {
			t.Errorf("%s twice", s.Name)
		}
		names[s.Name] = true
		if !strings.HasPrefix(s.Source, "SOURCES-solutions.md S") {
			t.Errorf("%s: source %q", s.Name, s.Source)
		}
		if len(s.Versions) > 0 {
			t.Errorf("%s: versions %v are not in the sources", s.Name, s.Versions)
		}
	}
	for _, want := range []string{"VOLIS", "Amphora", "WebDesktop", "Delta", "A-Dok", "SPOKU", "STAR", "EHIS", "ARNO", "EHR", "X-tee", "eesti.ee"} {
		if !names[want] {
			t.Errorf("no %s", want)
		}
	}
}
