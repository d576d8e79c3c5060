package chart

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// An indicator's chart: several dated targets of one name, short values and long dates.
func TestLineTargetsUnitAndFirstLabel(t *testing.T) {
	c := LineChart{Title: "T", YUnit: "%", Min: 0, Max: 10,
		FormatX: func(t time.Time) string { return t.Format("02.01.2006") },
		FormatY: func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) },
		Series:  []Series{{Name: "Tegelik", Points: []Point{{day(2025, 1, 1), 2}, {day(2026, 1, 1), 5}}}},
		Targets: []Target{{Label: "Siht", Value: 6, At: day(2026, 6, 1)}, {Label: "Siht", Value: 8, At: day(2027, 1, 1)}}}
	root := parseSVG(t, string(Line(c)))
	targets, unit := 0, false
	for _, n := range all(root, "text") {
		switch n.Text {
		case "Siht":
			targets++
		case "%":
			unit = true
		}
		if n.attr("text-anchor") == "middle" {
			x, _ := strconv.ParseFloat(n.attr("x"), 64)
			if x-float64(textWidth(n.Text))/2 < 0 {
				t.Errorf("label %q at x=%v is cut off on the left", n.Text, x)
			}
		}
	}
	if targets != 1 {
		t.Errorf("the legend names the target %d times, want once", targets)
	}
	if !unit {
		t.Error("the chart does not show its unit")
	}
	if strings.Count(string(Line(c)), "<title>Siht ") != 2 {
		t.Error("each target should still be drawn")
	}
}
