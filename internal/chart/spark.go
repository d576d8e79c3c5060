package chart

import (
	"html/template"
	"strings"
)

// Spark is a sparkline: one small line without axes, for a figure's trend beside it. The
// values are shares from 0 to 1, oldest first; the page shows the same figures as text or a
// table, so the line needs only its accessible name.
type Spark struct {
	ID, Title     string
	Width, Height int // default 160×40
	Values        []float64
}

// Sparkline renders s, with a dot on the latest value; fewer than two values draw nothing.
func Sparkline(s Spark) template.HTML {
	if len(s.Values) < 2 {
		return ""
	}
	if s.Width <= 0 || s.Height <= 0 {
		s.Width, s.Height = 160, 40
	}
	if s.ID == "" {
		s.ID = "spark"
	}
	const pad = 4
	w, h := float64(s.Width), float64(s.Height)
	x := func(i int) float64 { return pad + (w-2*pad)*float64(i)/float64(len(s.Values)-1) }
	y := func(v float64) float64 { return h - pad - (h-2*pad)*min(max(v, 0), 1) }
	var b strings.Builder
	svgOpen(&b, s.ID, "img", w, h, s.Width, s.Height, s.Title, "")
	var pts []string
	for i, v := range s.Values {
		pts = append(pts, num(x(i))+","+num(y(v)))
	}
	b.WriteString(`<polyline fill="none" stroke="` + seriesColours[0] + `" stroke-width="2" points="` + strings.Join(pts, " ") + `"/>`)
	last := len(s.Values) - 1
	b.WriteString(`<circle r="3" fill="` + seriesColours[0] + `" cx="` + num(x(last)) + `" cy="` + num(y(s.Values[last])) + `"/></svg>`)
	return template.HTML(b.String())
}
