package chart

import (
	"slices"
	"strconv"
	"strings"
)

// legendItem is one legend entry; layoutLegend sets where it goes.
type legendItem struct {
	kind   legendKind
	colour string
	dashed bool
	label  string
	x      float64
	row    int
}

type legendKind int

const (
	legendLine legendKind = iota
	legendBand
	legendTarget
	legendTargetPoint
)

const swatchWidth = 22

// legendItems lists what the chart shows, in drawing order. Unnamed bands and targets are
// left out: a swatch without a name explains nothing; so is a target drawn like one before
// it, as several dated targets of one indicator are.
func legendItems(c LineChart) []legendItem {
	var items []legendItem
	for _, s := range c.Series {
		items = append(items, legendItem{kind: legendLine, colour: s.Colour, dashed: s.Dashed, label: s.Name})
	}
	if c.Band != nil && c.Band.Label != "" {
		items = append(items, legendItem{kind: legendBand, colour: c.Band.Colour, label: c.Band.Label})
	}
	for _, t := range c.Targets {
		if t.Label == "" {
			continue
		}
		kind := legendTarget
		if !t.At.IsZero() {
			kind = legendTargetPoint
		}
		item := legendItem{kind: kind, colour: t.Colour, label: t.Label}
		if !slices.Contains(items, item) {
			items = append(items, item)
		}
	}
	return items
}

// layoutLegend flows the items left to right from x0, wrapping before x1, and returns the
// number of rows used.
func layoutLegend(items []legendItem, x0, x1 float64) int {
	if len(items) == 0 {
		return 0
	}
	x, row := x0, 0
	for i := range items {
		w := float64(swatchWidth + 6 + textWidth(items[i].label))
		if x > x0 && x+w > x1 {
			x, row = x0, row+1
		}
		items[i].x, items[i].row = x, row
		x += w + 16
	}
	return row + 1
}

// writeLegend draws the laid-out items with their first row's centre line at y.
func writeLegend(b *strings.Builder, items []legendItem, y float64) {
	for _, it := range items {
		x, cy := it.x, y+float64(it.row*legendRow)
		c := esc(it.colour)
		switch it.kind {
		case legendLine:
			dash := ""
			if it.dashed {
				dash = `" stroke-dasharray="6 4`
			}
			b.WriteString(`<line x1="` + num(x) + `" x2="` + num(x+swatchWidth) + `" y1="` + num(cy) + `" y2="` + num(cy) +
				`" stroke="` + c + `" stroke-width="2` + dash + `"/>`)
		case legendBand:
			b.WriteString(`<rect x="` + num(x) + `" y="` + num(cy-6) + `" width="` + strconv.Itoa(swatchWidth) +
				`" height="12" fill="` + c + `" fill-opacity="0.2"/>`)
		case legendTarget:
			b.WriteString(`<line x1="` + num(x) + `" x2="` + num(x+swatchWidth) + `" y1="` + num(cy) + `" y2="` + num(cy) +
				`" stroke="` + c + `" stroke-width="1.5" stroke-dasharray="4 3"/>`)
		case legendTargetPoint:
			writeMarker(b, x+swatchWidth/2, cy, 5, "#ffffff", it.colour, "")
		}
		b.WriteString(`<text x="` + num(x+swatchWidth+6) + `" y="` + num(cy) + `" dy=".32em">` + esc(it.label) + `</text>`)
	}
}

// writeMarker draws a point; its title is the tooltip, left out when empty.
func writeMarker(b *strings.Builder, x, y, r float64, fill, stroke, title string) {
	b.WriteString(`<circle cx="` + num(x) + `" cy="` + num(y) + `" r="` + num(r) + `" fill="` + esc(fill) +
		`" stroke="` + esc(stroke) + `" stroke-width="2"`)
	if title == "" {
		b.WriteString(`/>`)
		return
	}
	b.WriteString(`><title>` + esc(title) + `</title></circle>`)
}

func textWidth(s string) int {
	return len([]rune(s)) * charWidth
}
