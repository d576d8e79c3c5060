package web

import (
	"html/template"
	"strconv"
	"strings"
)

// rowsHTML is the tree table's body. The markup is what a template would write, every text
// escaped, but written here: a plan of a thousand activities would cost html/template
// some fifteen reflective calls per row, more than half the page's server time
// (BenchmarkPlanPages), where this takes a few hundred microseconds. Each piece goes
// straight into the builder: joining them with + first made a throwaway string per piece,
// a megabyte a page for the collector (BenchmarkSignedInPages).
func (p planTreePage) rowsHTML() template.HTML {
	var b strings.Builder
	b.Grow(700 * len(p.Rows))
	w := b.WriteString
	esc := template.HTMLEscapeString
	note := esc(p.L.T("planui.field.internal_note"))
	edit := esc(p.EditText)
	// Each bar is named by its row, for a screen reader lists a page's bars apart from the table.
	progress := esc(p.L.T("planui.tree.progress")) + ": "
	for _, r := range p.Rows {
		depth, id, code := strconv.Itoa(r.Depth), strconv.FormatInt(r.N.ID, 10), esc(r.N.Code)
		w(`<tr class="depth-`)
		w(depth)
		w(` kind-`)
		w(esc(string(r.N.Kind)))
		w(`"><td>`)
		w(code)
		w(`</td><th scope="row" class="depth-`)
		w(depth)
		w(`">`)
		if r.Activity {
			w(`<a href="/plan/activities/`)
			w(id)
			w(`">`)
			w(string(r.Title))
			w(`</a>`)
		} else {
			w(string(r.Title))
		}
		if edit != "" {
			w(` <a href="/plan/nodes/`)
			w(id)
			w(`/edit" class="row-edit">`)
			w(edit)
			w(`<span class="visually-hidden"> `)
			w(code)
			w(`</span></a>`)
		}
		if p.Internal && r.N.InternalNote != "" {
			w(`<p class="internal-note"><strong>`)
			w(note)
			w(`:</strong> `)
			w(esc(r.N.InternalNote))
			w(`</p>`)
		}
		w(`</th><td>`)
		w(esc(r.Level))
		w(`</td><td>`)
		writeSwatch(&b, r.Colour)
		w(esc(r.Status))
		w(`</td><td>`)
		if r.Progress != nil {
			w(`<progress max="100" value="`)
			w(strconv.Itoa(r.Whole))
			w(`" aria-label="`)
			w(progress)
			w(strings.TrimSpace(code + " " + esc(p.PlainText(r.N.TitleEt, r.N.TitleEn))))
			w(`">`)
			w(esc(r.Percent))
			w(`</progress> `)
			w(esc(r.Percent))
		} else {
			w(`–`)
		}
		w("</td></tr>\n")
	}
	return template.HTML(b.String())
}

// rowChunk is about how long a piece of the tree's body the template prints at a time: fmt,
// which prints it, keeps its buffer for the next print only up to 64 KB, and a body of a
// thousand rows (half a megabyte) in one piece cost a new buffer, grown several times, on
// every request.
const rowChunk = 32 << 10

// RowsChunks is RowsHTML cut at row ends into pieces of about rowChunk bytes, without
// copying it.
func (p planTreePage) RowsChunks() []template.HTML {
	rest := string(p.RowsHTML)
	out := make([]template.HTML, 0, len(rest)/rowChunk+1)
	for len(rest) > rowChunk {
		end := strings.IndexByte(rest[rowChunk:], '\n')
		if end < 0 {
			break
		}
		end += rowChunk + 1
		out = append(out, template.HTML(rest[:end]))
		rest = rest[end:]
	}
	if rest != "" {
		out = append(out, template.HTML(rest))
	}
	return out
}
