package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestLine(t *testing.T) {
	percent := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " %" }
	several := []Point{{day(2025, 7, 1), 55}, {day(2025, 1, 1), 40}, {day(2026, 1, 1), math.NaN()}, {day(2026, 7, 1), 130}}
	tests := []struct {
		name      string
		chart     LineChart
		polylines int
		circles   int
		legend    []string
	}{
		{"no series", LineChart{Title: "Tühi"}, 0, 0, nil},
		{"empty series", LineChart{Title: "T", Series: []Series{{Name: "Tartu linn"}}}, 0, 0, []string{"Tartu linn"}},
		{"single point", LineChart{Title: "T", Series: []Series{{Name: "Tartu linn", Points: several[:1]}}}, 0, 1, []string{"Tartu linn"}},
		{"several series, band and targets", LineChart{
			Title: "Küpsus", Desc: "Keskmine küpsus ajas", FormatY: percent,
			Series: []Series{
				{Name: "Kõik omavalitsused", Points: several},
				{Name: "Prognoos", Points: []Point{{day(2026, 7, 1), 60}, {day(2027, 7, 1), 70}}, Dashed: true, Colour: "#d55e00"},
			},
			Band: &Band{Label: "Prognoosi vahemik", From: []Point{{day(2026, 7, 1), 55}, {day(2027, 7, 1), 60}},
				To: []Point{{day(2026, 7, 1), 65}, {day(2027, 7, 1), 80}}},
			Targets: []Target{{Label: "Eesmärk 80 %", Value: 80}, {Label: "Eesmärk 2027", Value: 90, At: day(2027, 12, 31)}},
		}, 2, 3 + 2 + 2, []string{"Kõik omavalitsused", "Prognoos", "Prognoosi vahemik", "Eesmärk 80 %", "Eesmärk 2027"}},
		{"no finite values", LineChart{Title: "T", Min: math.NaN(),
			Series:  []Series{{Name: "a", Points: []Point{{day(2025, 1, 1), math.Inf(1)}, {day(2025, 2, 1), math.NaN()}}}},
			Targets: []Target{{Label: "b", Value: math.NaN()}}}, 0, 0, []string{"a"}},
		{"flat range and one instant", LineChart{Title: "T", Min: 5, Max: 5,
			Series: []Series{{Name: "a", Points: []Point{{day(2025, 1, 1), 5}, {day(2025, 1, 1), 5}}}}}, 1, 2, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := slices.Clone(several)
			out := string(Line(tt.chart))
			if again := string(Line(tt.chart)); again != out {
				t.Error("same input gave different output")
			}
			if !slices.EqualFunc(before, several, func(a, b Point) bool { return a.At.Equal(b.At) }) {
				t.Error("Line reordered the caller's points")
			}
			if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
				t.Errorf("output has a non-finite number:\n%s", out)
			}
			root := parseSVG(t, out)
			if got := len(all(root, "polyline")); got != tt.polylines {
				t.Errorf("%d polylines, want %d", got, tt.polylines)
			}
			if got := len(all(root, "circle")); got != tt.circles {
				t.Errorf("%d circles, want %d", got, tt.circles)
			}
			var texts []string
			for _, n := range all(root, "text") {
				texts = append(texts, n.Text)
			}
			for _, name := range tt.legend {
				if !slices.Contains(texts, name) {
					t.Errorf("legend lacks %q; texts %q", name, texts)
				}
			}
			for _, n := range all(root, "polyline") {
				for _, xy := range strings.Fields(n.attr("points")) {
					x, y, _ := strings.Cut(xy, ",")
					fx, _ := strconv.ParseFloat(x, 64)
					fy, _ := strconv.ParseFloat(y, 64)
					if fx < 0 || fx > 640 || fy < 0 || fy > 280 {
						t.Errorf("point %s outside the 640×280 chart", xy)
					}
				}
			}
		})
	}
}

func TestLineDetails(t *testing.T) {
	c := LineChart{ID: "trend", Title: "T", FormatY: func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + " %" },
		FormatX: func(t time.Time) string { return t.Format("01/2006") },
		Series:  []Series{{Name: "Tallinn", Points: []Point{{day(2024, 1, 1), 10}, {day(2026, 1, 1), 50}}, Dashed: true}}}
	c.XTicks = []time.Time{day(2023, 1, 1), day(2024, 1, 1), day(2025, 7, 1), day(2026, 1, 1), day(2027, 1, 1)}
	out := string(Line(c))
	root := parseSVG(t, out)
	var dates []string
	for _, n := range all(root, "text") {
		if strings.Contains(n.Text, "/20") {
			dates = append(dates, n.Text)
		}
	}
	if want := []string{"01/2024", "07/2025", "01/2026"}; !slices.Equal(dates, want) {
		t.Errorf("x labels %q, want only the ticks inside the data %q", dates, want)
	}
	if root.attr("aria-labelledby") != "trend-title" || root.attr("width") != "640" || root.attr("height") != "280" {
		t.Errorf("root attributes = %v", root.Attrs)
	}
	for _, want := range []string{">0 %<", ">100 %<", ">01/2024<", ">07/2025<", ">01/2026<", `stroke="#0072b2"`, `stroke-dasharray="6 4"`,
		"<title>Tallinn 01/2026: 50 %</title>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	// The line runs from the left edge of the plot to the right and climbs (y shrinks).
	pts := strings.Fields(all(root, "polyline")[0].attr("points"))
	x0, y0, _ := strings.Cut(pts[0], ",")
	x1, y1, _ := strings.Cut(pts[1], ",")
	if fx0, _ := strconv.ParseFloat(x0, 64); fx0 > 100 {
		t.Errorf("first point x = %s", x0)
	}
	fy0, _ := strconv.ParseFloat(y0, 64)
	fy1, _ := strconv.ParseFloat(y1, 64)
	if fx1, _ := strconv.ParseFloat(x1, 64); fx1 < 560 || fy1 >= fy0 {
		t.Errorf("line %v does not rise left to right", pts)
	}
}

func TestValueTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []float64
	}{
		{0, 100, []float64{0, 20, 40, 60, 80, 100}},
		{0, 1, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}},
		{0, 7, []float64{0, 2, 4, 6}},
		{-10, 10, []float64{-10, -5, 0, 5, 10}},
		{0, 3, []float64{0, 1, 2, 3}},
		{0.1, 0.35, []float64{0.1, 0.15, 0.2, 0.25, 0.3, 0.35}},
	}
	for _, tt := range tests {
		if got := valueTicks(tt.lo, tt.hi); !slices.Equal(got, tt.want) {
			t.Errorf("valueTicks(%v, %v) = %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}

func TestTimeTicks(t *testing.T) {
	tests := []struct {
		name   string
		lo, hi time.Time
		want   []time.Time
	}{
		{"two years: half-years", day(2024, 1, 1), day(2026, 1, 1),
			[]time.Time{day(2024, 1, 1), day(2024, 7, 1), day(2025, 1, 1), day(2025, 7, 1), day(2026, 1, 1)}},
		{"one instant", day(2025, 3, 3), day(2025, 3, 3), []time.Time{day(2025, 3, 3)}},
		{"three days: midnights", day(2025, 3, 3).Add(time.Hour), day(2025, 3, 6),
			[]time.Time{day(2025, 3, 4), day(2025, 3, 5), day(2025, 3, 6)}},
		{"hours: the ends", day(2025, 3, 3).Add(time.Hour), day(2025, 3, 3).Add(5 * time.Hour),
			[]time.Time{day(2025, 3, 3).Add(time.Hour), day(2025, 3, 3).Add(5 * time.Hour)}},
		{"ten years: two-yearly", day(2020, 5, 1), day(2030, 5, 1),
			[]time.Time{day(2022, 1, 1), day(2024, 1, 1), day(2026, 1, 1), day(2028, 1, 1), day(2030, 1, 1)}},
	}
	for _, tt := range tests {
		if got := timeTicks(tt.lo, tt.hi, 6); !slices.EqualFunc(got, tt.want, time.Time.Equal) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func BenchmarkLine(b *testing.B) {
	var pts []Point
	for i := range 36 {
		pts = append(pts, Point{day(2023, time.Month(i+1), 1), float64(i * 2)})
	}
	c := LineChart{Title: "T", Series: []Series{{Name: "a", Points: pts}}, Targets: []Target{{Label: "Eesmärk", Value: 80}}}
	for b.Loop() {
		_ = Line(c)
	}
}
