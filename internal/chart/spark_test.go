package chart

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestSparkline(t *testing.T) {
	if got := Sparkline(Spark{Title: "x", Values: []float64{0.5}}); got != "" {
		t.Errorf("one value drew %q", got)
	}
	got := string(Sparkline(Spark{ID: "s", Title: "Spread <12 months>", Values: []float64{0, 0.5, 1.2}}))
	for _, want := range []string{`role="img"`, `aria-labelledby="s-title"`, `Spread &lt;12 months&gt;`, `points="4,36 80,20 156,4"`, `cx="156" cy="4"`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
	if err := xml.Unmarshal([]byte(got), new(struct{})); err != nil {
		t.Errorf("not well-formed: %v", err)
	}
}
