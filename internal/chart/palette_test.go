package chart

import (
	"math"
	"strconv"
	"testing"
)

// luminance is the WCAG 2.1 relative luminance of a #rrggbb colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 7 || hex[0] != '#' {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	var l float64
	for i, w := range []float64{0.2126, 0.7152, 0.0722} {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			c /= 12.92
		} else {
			c = math.Pow((c+0.055)/1.055, 2.4)
		}
		l += w * c
	}
	return l
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	// Known values: black on white is 21:1, and #767676 is the classic 4.54:1 grey.
	if c := contrast(t, "#000000", "#ffffff"); math.Abs(c-21) > 1e-9 {
		t.Errorf("black/white = %v", c)
	}
	if c := contrast(t, "#767676", "#ffffff"); math.Abs(c-4.54) > 0.01 {
		t.Errorf("#767676/white = %v", c)
	}
}

func TestLevelTextContrast(t *testing.T) {
	prev := 2.0
	for level := -1; level <= 6; level++ {
		fill, text := LevelColour(level), TextColour(level)
		if text != "#000000" && text != "#ffffff" {
			t.Errorf("level %d text colour %q is neither black nor white", level, text)
		}
		c := contrast(t, fill, text)
		t.Logf("level %d: %s on %s = %.2f:1", level, text, fill, c)
		if c < 4.5 {
			t.Errorf("level %d: %s on %s has contrast %.2f, want ≥ 4.5", level, text, fill, c)
		}
		// Sequential: each level darker than the one before, so order reads without hue.
		if level >= 0 && level <= 5 {
			if l := luminance(t, fill); l >= prev {
				t.Errorf("level %d (%s) is not darker than level %d", level, fill, level-1)
			} else {
				prev = l
			}
		}
	}
	if LevelColour(-1) != neutral || LevelColour(6) != neutral {
		t.Error("levels outside 0–5 should be the no-data grey")
	}
}

func TestChartColoursContrast(t *testing.T) {
	// Lines and markers are graphics: WCAG 1.4.11 asks 3:1 against the white page.
	for _, c := range append(seriesColours, targetColour) {
		if r := contrast(t, c, "#ffffff"); r < 3 {
			t.Errorf("%s on white = %.2f, want ≥ 3", c, r)
		}
	}
	if r := contrast(t, textColour, "#ffffff"); r < 4.5 {
		t.Errorf("text %s on white = %.2f, want ≥ 4.5", textColour, r)
	}
}
