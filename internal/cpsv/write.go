package cpsv

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// all is the graph with the locations the organisations point at.
func all(rs []Resource) []Resource { return append(rs, locations(rs)...) }

// compact writes an IRI with a known prefix as prefix:local, for both formats.
func compact(iri string) string {
	for _, p := range prefixes {
		if local, ok := strings.CutPrefix(iri, p.ns); ok && local != "" && !strings.ContainsAny(local, "/#?") {
			return p.prefix + ":" + local
		}
	}
	return ""
}

// WriteJSONLD writes the graph as JSON-LD with an inline context (the official context
// is remote, and harvesters need not fetch anything to read this).
func WriteJSONLD(w io.Writer, rs []Resource) error {
	ctx := map[string]string{}
	for _, p := range prefixes {
		ctx[p.prefix] = p.ns
	}
	// An empty catalogue is an empty graph: JSON-LD has no meaning for a null @graph.
	graph := []map[string]any{}
	for _, r := range all(rs) {
		n := map[string]any{"@id": r.ID, "@type": compact(r.Type)}
		for _, p := range r.Props {
			var vs []any
			for _, v := range p.Values {
				switch {
				case v.Ref != "":
					vs = append(vs, map[string]string{"@id": v.Ref})
				case v.Lang != "":
					vs = append(vs, map[string]string{"@value": v.Text, "@language": v.Lang})
				default:
					vs = append(vs, v.Text)
				}
			}
			n[compact(p.Pred)] = vs
		}
		graph = append(graph, n)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(map[string]any{"@context": ctx, "@graph": graph})
}

// WriteTurtle writes the graph as Turtle.
func WriteTurtle(w io.Writer, rs []Resource) error {
	var b strings.Builder
	for _, p := range prefixes {
		b.WriteString("@prefix " + p.prefix + ": <" + p.ns + "> .\n")
	}
	for _, r := range all(rs) {
		b.WriteString("\n<" + r.ID + "> a " + compact(r.Type))
		for _, p := range r.Props {
			b.WriteString(" ;\n    " + compact(p.Pred) + " ")
			for i, v := range p.Values {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(turtleValue(v))
			}
		}
		b.WriteString(" .\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func turtleValue(v Value) string {
	if v.Ref != "" {
		return "<" + v.Ref + ">"
	}
	s := turtleString(v.Text)
	if v.Lang != "" {
		s += "@" + v.Lang
	}
	return s
}

// turtleString quotes s with the escapes Turtle knows (\\ \" \n \r \t \uXXXX).
func turtleString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u` + strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
