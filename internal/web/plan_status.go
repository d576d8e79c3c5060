package web

import (
	"html/template"
	"strings"

	"kovit/internal/plan"
)

// Swatch is the colour of the status with key in ss, as a small square to put beside the
// status's name: the name carries the meaning and the colour only helps the eye, so the
// square is hidden from screen readers. The colour goes into an SVG fill attribute, as the
// CSP forbids style attributes.
func (p planPage) Swatch(ss plan.Statuses, key string) template.HTML {
	s, _ := ss.Find(key)
	return template.HTML(swatchHTML(s.Colour))
}

// swatchHTML is the square for colour, followed by a space; "" for anything but #rrggbb,
// such as a status no longer in the list.
func swatchHTML(colour string) string {
	var b strings.Builder
	writeSwatch(&b, colour)
	return b.String()
}

// writeSwatch writes swatchHTML(colour) to b, for the tree's rows (rowsHTML).
func writeSwatch(b *strings.Builder, colour string) {
	if !plan.ValidColour(colour) {
		return
	}
	// The dark outline keeps a pale colour visible on the white page.
	b.WriteString(`<svg class="status-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">` +
		`<rect x="0.5" y="0.5" width="11" height="11" fill="`)
	b.WriteString(template.HTMLEscapeString(colour))
	b.WriteString(`" stroke="#333"/></svg> `)
}
