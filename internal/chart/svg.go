// Package chart draws kovit's charts and maps as server-rendered SVG: no JavaScript, no
// style attributes (so a strict Content-Security-Policy holds), an accessible name on every
// graphic, and the same bytes for the same input so tests and caches can compare output.
package chart

import (
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
)

// neutral is the fill for "no data": light enough to recede, distinct from every level colour.
const neutral = "#d0d5db"

// svgOpen writes the root element with its accessible name. The title and desc ids carry the
// caller's id prefix so two charts on one page do not share ids.
func svgOpen(b *strings.Builder, id, role string, width, height float64, viewW, viewH int, title, desc string) {
	labelled := id + "-title"
	if desc != "" {
		labelled += " " + id + "-desc"
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" width="` + num(width) + `" height="` + num(height) +
		`" viewBox="0 0 ` + strconv.Itoa(viewW) + " " + strconv.Itoa(viewH) + `" role="` + role +
		`" aria-labelledby="` + esc(labelled) + `"><title id="` + esc(id) + `-title">` + esc(title) + `</title>`)
	if desc != "" {
		b.WriteString(`<desc id="` + esc(id) + `-desc">` + esc(desc) + `</desc>`)
	}
}

// esc escapes text for SVG content and attribute values. It also drops control characters,
// which XML forbids even when escaped, so the output always parses.
func esc(s string) string {
	if strings.IndexFunc(s, isXMLControl) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isXMLControl(r) {
				return -1
			}
			return r
		}, s)
	}
	return template.HTMLEscapeString(s)
}

func isXMLControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r'
}

// safeURL keeps relative links and http(s)/mailto ones. The output is trusted HTML, so a
// javascript: link from stored data must not pass through; html/template would reject it too.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "#"
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https", "mailto":
		return s
	}
	return "#"
}

// num formats a coordinate with one decimal, enough for screen pixels; trailing zeros and
// negative zero are dropped so equal values always print the same.
func num(v float64) string {
	r := math.Round(v*10) / 10
	if r == 0 || math.IsNaN(r) || math.IsInf(r, 0) {
		r = 0
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
