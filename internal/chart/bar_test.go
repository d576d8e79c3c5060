package chart

import (
	"strconv"
	"strings"
	"testing"
)

func TestBarsStacked(t *testing.T) {
	out := string(Bars(BarChart{ID: "q1", Title: "Ülekanded <linnades>", Desc: "Vastused rühmade kaupa", Keys: []string{"jah", "ei & muu"},
		Rows: []BarRow{{Label: "linn", Values: []float64{3, 1}, Texts: []string{"3 (75%)", "1 (25%)"}},
			{Label: "vald", Values: []float64{0, 5}, Texts: []string{"0 (0%)", "5 (100%)"}}}}))
	root := parseSVG(t, out)
	var bars []node
	for _, r := range all(root, "rect") {
		if len(r.Children) > 0 { // a bar has its tooltip; a legend swatch has none
			bars = append(bars, r)
		}
	}
	if len(bars) != 3 {
		t.Fatalf("%d segments, want 3 (a zero share draws none)\n%s", len(bars), out)
	}
	width := func(n node) float64 { f, _ := strconv.ParseFloat(n.attr("width"), 64); return f }
	full := width(bars[2])
	if w := width(bars[0]) / full; w < 0.74 || w > 0.76 {
		t.Errorf("linn's jah is %.2f of a full bar, want 0.75", w)
	}
	if bars[0].attr("fill") != BarColour(0) || bars[1].attr("fill") != BarColour(1) || bars[2].attr("fill") != BarColour(1) {
		t.Errorf("segments' colours follow the keys: %s %s %s", bars[0].attr("fill"), bars[1].attr("fill"), bars[2].attr("fill"))
	}
	if tip := bars[1].Children[0].Text; tip != "linn – ei & muu: 1 (25%)" {
		t.Errorf("tooltip %q", tip)
	}
	if !strings.Contains(out, "ei &amp; muu") || strings.Contains(out, "<linnades>") {
		t.Errorf("texts are not escaped:\n%s", out)
	}
}

func TestBarsSingleValues(t *testing.T) {
	out := string(Bars(BarChart{Title: "Keskmine", Max: 5, Rows: []BarRow{{Label: "Harju maakond", Values: []float64{2.5}, Texts: []string{"2,5"}},
		{Label: strings.Repeat("Väga pika nimega rühm ", 20), Values: []float64{9}, Texts: []string{"9"}}}}))
	root := parseSVG(t, out)
	rects := all(root, "rect")
	if len(rects) != 2 {
		t.Fatalf("%d bars\n%s", len(rects), out)
	}
	a, _ := strconv.ParseFloat(rects[0].attr("width"), 64)
	b, _ := strconv.ParseFloat(rects[1].attr("width"), 64)
	if r := a / b; r < 0.49 || r > 0.51 {
		t.Errorf("2.5 of 5 is %.2f of a bar clamped at Max", r)
	}
	if !strings.Contains(out, ">2,5</text>") || !strings.Contains(out, "…") {
		t.Errorf("the value's text, or the long label's cut, is missing:\n%s", out)
	}
	if Bars(BarChart{Title: "x"}) != "" {
		t.Error("a chart without rows draws something")
	}
}

func TestBarColoursContrast(t *testing.T) {
	for _, c := range barColours {
		if r := contrast(t, c, "#ffffff"); r < 3 {
			t.Errorf("%s on white = %.2f, want ≥ 3", c, r)
		}
	}
}
