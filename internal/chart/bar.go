package chart

import (
	"html/template"
	"strconv"
	"strings"
)

// BarChart is a horizontal bar chart with one bar a row (a peer group, say). With Keys, each
// bar is split into one segment per key (an option), sized by its share of the row's total,
// so groups of different sizes compare; without them, each row's single value is drawn
// against 0..Max. As with LineChart, formatting stays with the caller: every value comes
// with its text, which is the segment's tooltip and, for single values, the bar's label.
// The page shows the same figures in a table; the chart needs only its accessible name.
type BarChart struct {
	ID, Title, Desc string
	Width           int // default 640
	Keys            []string
	Rows            []BarRow
	Max             float64 // single values' axis end; zero → the largest value
}

// BarRow is one bar: its values by Keys (or one value), and each value's text.
type BarRow struct {
	Label  string
	Values []float64
	Texts  []string
}

// barColours extends seriesColours with darker Tol colours, each keeping 3:1 contrast
// against white (WCAG 1.4.11); more keys than colours take them again in order, and the
// white gap between segments keeps neighbours apart.
var barColours = append(append([]string{}, seriesColours...), "#332288", "#882255", "#117733", "#6b7280")

const (
	barRow    = 24 // a row's height
	barHeight = 16
	barMaxLab = 180 // the widest row label, in pixels; longer ones are cut with an ellipsis
)

// BarColour is the colour of key i, as the legend and a table beside the chart may show it.
func BarColour(i int) string { return barColours[i%len(barColours)] }

// Bars renders the chart; a chart without rows draws nothing.
func Bars(c BarChart) template.HTML {
	if len(c.Rows) == 0 {
		return ""
	}
	if c.Width <= 0 {
		c.Width = 640
	}
	if c.ID == "" {
		c.ID = "bars"
	}
	labels := make([]string, len(c.Rows))
	left := 0
	for i, r := range c.Rows {
		labels[i] = cut(r.Label, barMaxLab/charWidth)
		left = max(left, textWidth(labels[i]))
	}
	x0, x1 := float64(left+12), float64(c.Width-16)
	stacked := len(c.Keys) > 0
	if !stacked {
		x1 -= 60 // room for the value's text after the bar
	}
	var items []legendItem
	for i, k := range c.Keys {
		items = append(items, legendItem{colour: BarColour(i), label: k})
	}
	rows := layoutLegend(items, x0, x1)
	plotH := len(c.Rows) * barRow
	height := 8 + plotH + 8 + rows*legendRow
	maxV := c.Max
	if !stacked && maxV <= 0 {
		for _, r := range c.Rows {
			if len(r.Values) > 0 {
				maxV = max(maxV, r.Values[0])
			}
		}
	}
	var b strings.Builder
	// A rect with its title is some 200 bytes: sized once, a page of a hundred charts
	// (a survey's results) does not copy each chart as it grows.
	b.Grow(1024 + len(c.Rows)*(max(len(c.Keys), 1)+1)*224)
	svgOpen(&b, c.ID, "img", float64(c.Width), float64(height), c.Width, height, c.Title, c.Desc)
	b.WriteString(`<g font-family="system-ui, sans-serif" font-size="12" fill="` + textColour + `">`)
	b.WriteString(`<line x1="` + num(x0) + `" x2="` + num(x0) + `" y1="8" y2="` + strconv.Itoa(8+plotH) + `" stroke="#6b7280"/>`)
	for i, r := range c.Rows {
		top := float64(8 + i*barRow + (barRow-barHeight)/2)
		mid := top + barHeight/2
		b.WriteString(`<text x="` + num(x0-6) + `" y="` + num(mid) + `" dy=".32em" text-anchor="end">` + esc(labels[i]) + `</text>`)
		if stacked {
			total := 0.0
			for _, v := range r.Values {
				total += max(v, 0)
			}
			x := x0
			for j, v := range r.Values {
				if v <= 0 || total == 0 || j >= len(c.Keys) {
					continue
				}
				w := v / total * (x1 - x0)
				writeBar(&b, x, top, w, BarColour(j), r.Label+" – "+c.Keys[j]+": "+text(r.Texts, j))
				x += w
			}
			continue
		}
		if len(r.Values) == 0 || maxV <= 0 {
			continue
		}
		w := min(max(r.Values[0], 0), maxV) / maxV * (x1 - x0)
		writeBar(&b, x0, top, w, barColours[0], r.Label+": "+text(r.Texts, 0))
		b.WriteString(`<text x="` + num(x0+w+6) + `" y="` + num(mid) + `" dy=".32em">` + esc(text(r.Texts, 0)) + `</text>`)
	}
	y := float64(8 + plotH + 8 + legendRow/2)
	for _, it := range items {
		cy := y + float64(it.row*legendRow)
		b.WriteString(`<rect x="` + num(it.x) + `" y="` + num(cy-6) + `" width="12" height="12" fill="` + esc(it.colour) + `"/>`)
		b.WriteString(`<text x="` + num(it.x+18) + `" y="` + num(cy) + `" dy=".32em">` + esc(it.label) + `</text>`)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// writeBar draws one bar or segment with its tooltip; the white edge parts neighbours.
func writeBar(b *strings.Builder, x, y, w float64, fill, title string) {
	// Separate writes: concatenating would build each rect once more before copying it.
	for _, part := range [...]string{`<rect x="`, num(x), `" y="`, num(y), `" width="`, num(w), `" height="`, strconv.Itoa(barHeight),
		`" fill="`, esc(fill), `" stroke="#ffffff"><title>`, esc(title), `</title></rect>`} {
		b.WriteString(part)
	}
}

func text(texts []string, i int) string {
	if i < len(texts) {
		return texts[i]
	}
	return ""
}

// cut shortens s to n characters, ending in an ellipsis when it was longer.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
