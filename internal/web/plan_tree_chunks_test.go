package web

import (
	"html/template"
	"strings"
	"testing"
)

// The tree's body goes to the template in pieces that join up to the whole and end at
// row ends, each of about rowChunk bytes.
func TestRowsChunks(t *testing.T) {
	row := `<tr class="depth-2 kind-activity"><td>1.1.1</td><th scope="row">Tegevus</th></tr>` + "\n"
	for _, rows := range []int{0, 1, 2 * rowChunk / len(row), 10 * rowChunk / len(row)} {
		p := planTreePage{RowsHTML: template.HTML(strings.Repeat(row, rows))}
		chunks := p.RowsChunks()
		var joined strings.Builder
		for i, c := range chunks {
			joined.WriteString(string(c))
			if !strings.HasSuffix(string(c), "</tr>\n") {
				t.Errorf("%d rows: piece %d does not end at a row's end", rows, i)
			}
			if len(c) > rowChunk+len(row) {
				t.Errorf("%d rows: piece %d of %d bytes", rows, i, len(c))
			}
		}
		if joined.String() != string(p.RowsHTML) {
			t.Errorf("%d rows: the pieces do not join up to the body", rows)
		}
		if want := len(p.RowsHTML)/rowChunk + 1; rows > 0 && len(chunks) > want {
			t.Errorf("%d rows: %d pieces, want at most %d", rows, len(chunks), want)
		}
	}
}
