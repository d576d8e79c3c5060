package web

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// TestTemplatesOneSet: every page is framed by the layout's two halves around its own
// content, with the partials held once; a page without content, a name two files define
// (in one set the second would replace the first for every page) and a layout that does not
// call the content once are refused at start.
func TestTemplatesOneSet(t *testing.T) {
	layout := &fstest.MapFile{Data: []byte(`{{define "layout"}}<html><main>{{template "content" .}}</main></html>{{end}}`)}
	partials := &fstest.MapFile{Data: []byte(`{{define "hello"}}<b>{{.}}</b>{{end}}`)}
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys := fstest.MapFS{
		"templates/layout/layout.html":   layout,
		"templates/layout/partials.html": partials,
		"templates/a/one.html":           page(`{{define "content"}}one {{template "hello" .}} {{template "row" .}}{{end}}{{define "row"}}<i>row</i>{{end}}`),
		"templates/two.html":             page(`{{define "content"}}two {{template "hello" .}}{{end}}`),
	}
	tmpl, err := parseTemplatesFrom(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"a/one": `<html><main>one <b>&lt;x&gt;</b> <i>row</i></main></html>`,
		"two":   `<html><main>two <b>&lt;x&gt;</b></main></html>`,
	} {
		var b bytes.Buffer
		if err := tmpl.execute(&b, name, "<x>"); err != nil || b.String() != want {
			t.Errorf("%s: %q, %v; want %q", name, b.String(), err, want)
		}
	}
	if err := tmpl.execute(&bytes.Buffer{}, "three", nil); err == nil {
		t.Error("a page that does not exist was rendered")
	}

	for name, bad := range map[string]fstest.MapFS{
		"no content": {"templates/layout/layout.html": layout, "templates/x.html": page(`{{define "main"}}x{{end}}`)},
		"a name twice": {"templates/layout/layout.html": layout, "templates/x.html": page(`{{define "content"}}{{end}}{{define "row"}}x{{end}}`),
			"templates/y.html": page(`{{define "content"}}{{end}}{{define "row"}}y{{end}}`)},
		"a partial redefined": {"templates/layout/layout.html": layout, "templates/layout/partials.html": partials,
			"templates/x.html": page(`{{define "content"}}{{end}}{{define "hello"}}x{{end}}`)},
		"layout without content": {"templates/layout/layout.html": page(`{{define "layout"}}<html></html>{{end}}`),
			"templates/x.html": page(`{{define "content"}}{{end}}`)},
	} {
		if _, err := parseTemplatesFrom(bad); err == nil {
			t.Errorf("%s: parsed", name)
		} else if name == "a name twice" && !strings.Contains(err.Error(), `"row"`) {
			t.Errorf("%s: %v does not name the template", name, err)
		}
	}
}
