package web

import "testing"

// The matrix's cells, written out without the template, escape their labels and leave an
// empty cell where a municipality does not run the solution.
func TestMatrixLineCells(t *testing.T) {
	l := matrixLine{Cells: []matrixCell{{"production", "Kasutusel"}, {}, {"piloting", `<b>"x"</b>`}}}
	want := `<td class="status-production">Kasutusel</td><td></td><td class="status-piloting">&lt;b&gt;&#34;x&#34;&lt;/b&gt;</td>`
	if got := string(l.CellsHTML()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
