package chart

import (
	"encoding/xml"
	"strings"
	"testing"
)

// node is a generic XML element, enough to walk any SVG this package writes.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// parseSVG checks that out is well-formed XML that a strict Content-Security-Policy allows
// (no style attribute or element, no script) and that the root is labelled by its title.
func parseSVG(t *testing.T, out string) node {
	t.Helper()
	var root node
	if err := xml.Unmarshal([]byte(out), &root); err != nil {
		t.Fatalf("not valid XML: %v\n%.300s", err, out)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root = %v", root.XMLName)
	}
	ids := map[string]bool{}
	walk(root, func(n node) {
		switch n.XMLName.Local {
		case "style", "script", "foreignObject":
			t.Errorf("<%s> element in output", n.XMLName.Local)
		}
		for _, a := range n.Attrs {
			if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
				t.Errorf("<%s> has a %s attribute", n.XMLName.Local, a.Name.Local)
			}
		}
		if id := n.attr("id"); id != "" {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
	})
	if r := root.attr("role"); r != "img" && r != "group" {
		t.Errorf("role = %q", r)
	}
	for _, id := range strings.Fields(root.attr("aria-labelledby")) {
		if !ids[id] {
			t.Errorf("aria-labelledby names %q, which is not in the output", id)
		}
	}
	if len(root.Children) == 0 || root.Children[0].XMLName.Local != "title" {
		t.Error("first child is not <title>")
	}
	return root
}

func walk(n node, f func(node)) {
	f(n)
	for _, c := range n.Children {
		walk(c, f)
	}
}

// all returns the elements with the given local name, in document order.
func all(root node, name string) []node {
	var out []node
	walk(root, func(n node) {
		if n.XMLName.Local == name {
			out = append(out, n)
		}
	})
	return out
}

func TestEsc(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Tartu linn: tase 3`, `Tartu linn: tase 3`},
		{`<a href="x">&'`, `&lt;a href=&#34;x&#34;&gt;&amp;&#39;`},
		{"bell\x07 and tab\t", "bell and tab\t"},
	}
	for _, tt := range tests {
		if got := esc(tt.in); got != tt.want {
			t.Errorf("esc(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/municipalities/0784", "/municipalities/0784"},
		{"https://www.tallinn.ee/", "https://www.tallinn.ee/"},
		{"javascript:alert(1)", "#"},
		{" JavaScript:alert(1)", "#"},
		{"data:text/html,x", "#"},
	}
	for _, tt := range tests {
		if got := safeURL(tt.in); got != tt.want {
			t.Errorf("safeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNum(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{{12.34, "12.3"}, {12.35, "12.4"}, {-0.04, "0"}, {100, "100"}, {0.05, "0.1"}}
	for _, tt := range tests {
		if got := num(tt.in); got != tt.want {
			t.Errorf("num(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
