package web

import (
	"strings"
	"testing"

	"kovit/internal/i18n"
	"kovit/internal/plan"
)

// The tree's rows escape every text, link activities and not the levels above them, and
// show internal notes and edit links only to those who may see them. An activity's status
// has its colour's swatch before its name.
func TestRowsHTML(t *testing.T) {
	tree := sampleTree()
	tree.Nodes[1].TitleEt = `<script>alert("x")</script>`
	tree.Nodes[1].Code = `1.1"><b>`
	rows := treeRows(tree, plan.Rollup(tree), plan.ActivityFilter{})
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name          string
		internal      bool
		edit          string
		want, wantNot []string
	}{
		{name: "public", want: []string{
			`<tr class="depth-0 kind-direction"><td>1</td><th scope="row" class="depth-0">Suund</th>`,
			`<a href="/plan/activities/2">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a>`,
			`<td>1.1&#34;&gt;&lt;b&gt;</td>`,
			"<progress max=\"100\" value=\"50\" aria-label=\"Edenemine: 1.1&#34;&gt;&lt;b&gt; &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;\">50\u00a0%</progress> 50\u00a0%",
			`<td><svg class="status-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">` +
				`<rect x="0.5" y="0.5" width="11" height="11" fill="#0072b2" stroke="#333"/></svg> töös · 1 / 2 omavalitsusest tehtud</td>`,
			`fill="#009e73" stroke="#333"/></svg> tehtud</td>`,
		}, wantNot: []string{"<script>", "Ainult sisekasutuseks", "row-edit", "<b>"}},
		{name: "signed in, may edit", internal: true, edit: "muuda", want: []string{
			`<p class="internal-note"><strong>`, `Ainult sisekasutuseks</p>`,
			`<a href="/plan/nodes/2/edit" class="row-edit">muuda<span class="visually-hidden"> 1.1&#34;&gt;&lt;b&gt;</span></a>`,
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := planTreePage{planPage: planPage{Page{L: catalog.Printer("et")}}, S: tree.Strategy, Rows: rows,
				Internal: c.internal, EditText: c.edit}
			p.label(p.Rows)
			got := string(p.rowsHTML())
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, got)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("has %s in\n%s", w, got)
				}
			}
			if n := strings.Count(got, "<tr "); n != 3 {
				t.Errorf("%d rows, want 3", n)
			}
			// Goals and directions have no status, so no swatch: one per activity.
			if n := strings.Count(got, `class="status-swatch"`); n != 2 {
				t.Errorf("%d swatches, want 2", n)
			}
		})
	}
}

// A colour that is not #rrggbb, which validation keeps out of the store, draws no swatch
// rather than break out of the fill attribute; the status's name still shows.
func TestRowsHTMLBadColour(t *testing.T) {
	tree := sampleTree()
	tree.Strategy.Statuses = append(plan.Statuses{}, tree.Strategy.Statuses...)
	tree.Strategy.Statuses[1].Colour = `#000"/><script>alert(1)</script>`
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := planTreePage{planPage: planPage{Page{L: catalog.Printer("et")}}, S: tree.Strategy,
		Rows: treeRows(tree, plan.Rollup(tree), plan.ActivityFilter{})}
	p.label(p.Rows)
	got := string(p.rowsHTML())
	if strings.Contains(got, "<script>") || strings.Count(got, `class="status-swatch"`) != 1 || !strings.Contains(got, "<td>töös · 1 / 2") {
		t.Errorf("bad colour:\n%s", got)
	}
}
