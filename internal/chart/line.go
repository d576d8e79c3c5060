package chart

import (
	"cmp"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// LineChart is a small time series chart: one or more lines over dates, optional targets and
// a shaded band (a forecast range, say). Formatting of dates and values stays with the
// caller, so the page's language decides how "1,5 %" or "märts 2026" read.
type LineChart struct {
	ID            string // prefix for the chart's title and desc ids; default "line"
	Title, Desc   string
	Width, Height int // default 640×280
	Series        []Series
	Targets       []Target
	Band          *Band
	Min, Max      float64                // Y range, values outside are clamped; both zero → 0–100
	FormatX       func(time.Time) string // default ISO date
	FormatY       func(float64) string   // default shortest decimal
	YUnit         string                 // the values' unit, written above the Y axis
	XTicks        []time.Time            // default calendar-aligned, at most six
	YTicks        []float64              // default round steps, about five
}

// Series is one line. A series without Colour takes the next one from a colour-blind-safe set.
type Series struct {
	Name   string
	Points []Point
	Colour string
	Dashed bool
}

// Point is one value at one time.
type Point struct {
	At    time.Time
	Value float64
}

// Target is a goal: a horizontal line when At is zero, otherwise a ringed point at At.
type Target struct {
	Label  string
	Value  float64
	At     time.Time
	Colour string // default dark grey
}

// Band shades the area between two edges, From (e.g. the low forecast) and To (the high one).
type Band struct {
	Label    string
	From, To []Point
	Colour   string // default the first series' colour
}

// seriesColours are Okabe–Ito colours that keep 3:1 contrast against white (WCAG 1.4.11).
var seriesColours = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7"}

const (
	targetColour = "#4b5563"
	textColour   = "#374151"
	charWidth    = 7 // rough width of a 12 px character, to lay out labels without measuring
	legendRow    = 20
	maxMarkers   = 40 // more point markers than this would hide the line
)

// Line renders the chart. Points need not be sorted; NaN and infinite values are skipped.
func Line(c LineChart) template.HTML {
	c = withDefaults(c)
	tmin, tmax, ok := timeRange(c)
	xticks, yticks := c.XTicks, c.YTicks
	if xticks == nil && ok {
		xticks = timeTicks(tmin, tmax, 6)
	}
	if yticks == nil {
		yticks = valueTicks(c.Min, c.Max)
	}
	// Caller-chosen ticks outside the data would be drawn outside the plot.
	xticks = slices.DeleteFunc(slices.Clone(xticks), func(t time.Time) bool { return t.Before(tmin) || t.After(tmax) })
	yticks = slices.DeleteFunc(slices.Clone(yticks), func(v float64) bool { return v < c.Min || v > c.Max })
	ylabels, xlabels := make([]string, len(yticks)), make([]string, len(xticks))
	left := 0
	for i, v := range yticks {
		ylabels[i] = c.FormatY(v)
		left = max(left, textWidth(ylabels[i]))
	}
	right := 16
	for i, t := range xticks {
		xlabels[i] = c.FormatX(t)
		right = max(right, textWidth(xlabels[i])/2+4)
	}
	// The first date's label is centred on the Y axis: leave room for its left half.
	if len(xlabels) > 0 {
		left = max(left, textWidth(xlabels[0])/2-8)
	}
	items := legendItems(c)
	x0, x1, y0 := float64(left+12), float64(c.Width-right), 12.0
	if c.YUnit != "" {
		y0 += 16
	}
	rows := layoutLegend(items, x0, x1)
	y1 := float64(c.Height - 28 - rows*legendRow)
	if y1 < y0+20 {
		y1 = y0 + 20 // a tiny chart still gets a plot area, even if the legend then overflows
	}
	sx := func(t time.Time) float64 {
		if !tmax.After(tmin) {
			return (x0 + x1) / 2
		}
		return x0 + float64(t.Sub(tmin))/float64(tmax.Sub(tmin))*(x1-x0)
	}
	sy := func(v float64) float64 {
		v = min(max(v, c.Min), c.Max)
		return y1 - (v-c.Min)/(c.Max-c.Min)*(y1-y0)
	}

	var b strings.Builder
	svgOpen(&b, c.ID, "img", float64(c.Width), float64(c.Height), c.Width, c.Height, c.Title, c.Desc)
	b.WriteString(`<g font-family="system-ui, sans-serif" font-size="12" fill="` + textColour + `">`)
	if c.YUnit != "" {
		b.WriteString(`<text x="2" y="12">` + esc(c.YUnit) + `</text>`)
	}
	for i, v := range yticks {
		y := num(sy(v))
		grid := "#e5e7eb"
		if v == c.Min {
			grid = "#6b7280" // the baseline doubles as the x axis
		}
		b.WriteString(`<line x1="` + num(x0) + `" x2="` + num(x1) + `" y1="` + y + `" y2="` + y + `" stroke="` + grid + `"/>`)
		b.WriteString(`<text x="` + num(x0-6) + `" y="` + y + `" dy=".32em" text-anchor="end">` + esc(ylabels[i]) + `</text>`)
	}
	for i, t := range xticks {
		b.WriteString(`<text x="` + num(sx(t)) + `" y="` + num(y1+18) + `" text-anchor="middle">` + esc(xlabels[i]) + `</text>`)
	}
	if bd := c.Band; bd != nil && len(clean(bd.From)) > 0 && len(clean(bd.To)) > 0 {
		// One outline: along the From edge, then back along the To edge.
		to := clean(bd.To)
		slices.Reverse(to)
		edge := append(clean(bd.From), to...)
		b.WriteString(`<polygon fill="` + esc(bd.Colour) + `" fill-opacity="0.2" points="` + pointList(edge, sx, sy) + `"/>`)
	}
	for _, t := range c.Targets {
		if t.At.IsZero() {
			y := num(sy(t.Value))
			b.WriteString(`<line x1="` + num(x0) + `" x2="` + num(x1) + `" y1="` + y + `" y2="` + y + `" stroke="` +
				esc(t.Colour) + `" stroke-width="1.5" stroke-dasharray="4 3"><title>` + esc(t.Label) + `</title></line>`)
		}
	}
	for _, s := range c.Series {
		pts := clean(s.Points)
		dash := ""
		if s.Dashed {
			dash = `" stroke-dasharray="6 4`
		}
		if len(pts) > 1 {
			b.WriteString(`<polyline fill="none" stroke="` + esc(s.Colour) + `" stroke-width="2" stroke-linejoin="round` +
				dash + `" points="` + pointList(pts, sx, sy) + `"/>`)
		}
		if len(pts) <= maxMarkers { // a single point has no line, only its marker
			for _, p := range pts {
				writeMarker(&b, sx(p.At), sy(p.Value), 3, s.Colour, s.Colour, s.Name+" "+c.FormatX(p.At)+": "+c.FormatY(p.Value))
			}
		}
	}
	for _, t := range c.Targets {
		if !t.At.IsZero() {
			writeMarker(&b, sx(t.At), sy(t.Value), 5, "#ffffff", t.Colour, t.Label+" "+c.FormatX(t.At)+": "+c.FormatY(t.Value))
		}
	}
	writeLegend(&b, items, y1+34)
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// withDefaults fills in what the caller left out and drops targets that cannot be drawn.
func withDefaults(c LineChart) LineChart {
	c.ID = cmp.Or(c.ID, "line")
	if c.Width <= 0 {
		c.Width = 640
	}
	if c.Height <= 0 {
		c.Height = 280
	}
	if c.Min == 0 && c.Max == 0 || math.IsNaN(c.Min) || math.IsNaN(c.Max) {
		c.Min, c.Max = 0, 100
	}
	if !(c.Max > c.Min) {
		c.Max = c.Min + 1 // avoid dividing by a zero range
	}
	if c.FormatX == nil {
		c.FormatX = func(t time.Time) string { return t.Format(time.DateOnly) }
	}
	if c.FormatY == nil {
		c.FormatY = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	}
	// Copy before filling in colours: the caller's slices are not ours to change.
	c.Series = slices.Clone(c.Series)
	for i := range c.Series {
		c.Series[i].Colour = cmp.Or(c.Series[i].Colour, seriesColours[i%len(seriesColours)])
	}
	var targets []Target
	for _, t := range c.Targets {
		if !math.IsNaN(t.Value) && !math.IsInf(t.Value, 0) {
			t.Colour = cmp.Or(t.Colour, targetColour)
			targets = append(targets, t)
		}
	}
	c.Targets = targets
	if c.Band != nil {
		bd := *c.Band
		fallback := seriesColours[0]
		if len(c.Series) > 0 {
			fallback = c.Series[0].Colour // a band usually belongs to the first line
		}
		bd.Colour = cmp.Or(bd.Colour, fallback)
		c.Band = &bd
	}
	return c
}

// clean returns the finite points sorted by time, leaving the caller's slice as it was.
func clean(pts []Point) []Point {
	out := make([]Point, 0, len(pts))
	for _, p := range pts {
		if !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Point) int { return a.At.Compare(b.At) })
	return out
}

// pointList is an SVG points attribute: "x,y x,y …".
func pointList(pts []Point, sx func(time.Time) float64, sy func(float64) float64) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(sx(p.At)) + "," + num(sy(p.Value)))
	}
	return b.String()
}
