package web

import (
	"html/template"
	"strconv"
	"strings"
)

// rowsHTML is the tree table's body. The markup is what a template would write, every text
// escaped, but written here: a plan of a thousand activities would cost html/template
// some fifteen reflective calls per row, more than half the page's server time
// (BenchmarkPlanPages), where this takes a few hundred microseconds.
func (p planTreePage) rowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(400 * len(p.Rows))
	esc := template.HTMLEscapeString
	note := esc(p.L.T("planui.field.internal_note"))
	edit := esc(p.EditText)
	// Each bar is named by its row, for a screen reader lists a page's bars apart from the table.
	progress := esc(p.L.T("planui.tree.progress")) + ": "
	for _, r := range p.Rows {
		depth, id, code := strconv.Itoa(r.Depth), strconv.FormatInt(r.N.ID, 10), esc(r.N.Code)
		b.WriteString(`<tr class="depth-` + depth + ` kind-` + esc(string(r.N.Kind)) + `">`)
		b.WriteString(`<td>` + code + `</td><th scope="row" class="depth-` + depth + `">`)
		if r.Activity {
			b.WriteString(`<a href="/plan/activities/` + id + `">` + string(r.Title) + `</a>`)
		} else {
			b.WriteString(string(r.Title))
		}
		if edit != "" {
			b.WriteString(` <a href="/plan/nodes/` + id + `/edit" class="row-edit">` + edit +
				`<span class="visually-hidden"> ` + code + `</span></a>`)
		}
		if p.Internal && r.N.InternalNote != "" {
			b.WriteString(`<p class="internal-note"><strong>` + note + `:</strong> ` + esc(r.N.InternalNote) + `</p>`)
		}
		b.WriteString(`</th><td>` + esc(r.Level) + `</td><td>` + swatchHTML(r.Colour) + esc(r.Status) + `</td><td>`)
		if r.Progress != nil {
			b.WriteString(`<progress max="100" value="` + strconv.Itoa(r.Whole) + `" aria-label="` + progress +
				strings.TrimSpace(code+" "+esc(p.PlainText(r.N.TitleEt, r.N.TitleEn))) + `">` + esc(r.Percent) + `</progress> ` + esc(r.Percent))
		} else {
			b.WriteString(`–`)
		}
		b.WriteString("</td></tr>\n")
	}
	return template.HTML(b.String())
}
