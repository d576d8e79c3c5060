package cpsv

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
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
	return writeAll(newJSONLD(w), rs)
}

// WriteTurtle writes the graph as Turtle.
func WriteTurtle(w io.Writer, rs []Resource) error {
	return writeAll(newTurtle(w), rs)
}

func writeAll(out writer, rs []Resource) error {
	for _, r := range all(rs) {
		if err := out.resource(r); err != nil {
			return err
		}
	}
	return out.end()
}

// writer writes a graph one resource at a time, so a large country's graph streams.
type writer interface {
	resource(Resource) error
	end() error
}

type jsonldWriter struct {
	w     *bufio.Writer
	count int
}

func newJSONLD(w io.Writer) *jsonldWriter { return &jsonldWriter{w: bufio.NewWriter(w)} }

// resource writes r as one node of @graph, byte for byte as json.Encoder with one space
// a level indents a map of it inside the whole document (keys sorted), without making
// the map: a large country's graph has millions of nodes.
func (j *jsonldWriter) resource(r Resource) error {
	if j.count == 0 {
		ctx := map[string]string{}
		for _, p := range prefixes {
			ctx[p.prefix] = p.ns
		}
		b, err := json.MarshalIndent(ctx, " ", " ")
		if err != nil {
			return err
		}
		j.w.WriteString("{\n \"@context\": ")
		j.w.Write(b)
		j.w.WriteString(",\n \"@graph\": [\n  ")
	} else {
		j.w.WriteString(",\n  ")
	}
	j.count++
	props := make(map[string][]Value, len(r.Props))
	keys := make([]string, 0, len(r.Props)+2)
	keys = append(keys, "@id", "@type")
	for _, p := range r.Props {
		k := compact(p.Pred)
		if _, ok := props[k]; !ok {
			keys = append(keys, k)
		}
		props[k] = p.Values // a later value of the same key wins, as in a map
	}
	slices.Sort(keys)
	w := j.w
	w.WriteByte('{')
	for n, k := range keys {
		if n > 0 {
			w.WriteByte(',')
		}
		w.WriteString("\n   ")
		j.str(k)
		switch k {
		case "@id":
			w.WriteString(": ")
			j.str(r.ID)
			continue
		case "@type":
			w.WriteString(": ")
			j.str(compact(r.Type))
			continue
		}
		w.WriteString(": [")
		for i, v := range props[k] {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString("\n    ")
			switch {
			case v.Ref != "":
				w.WriteString("{\n     \"@id\": ")
				j.str(v.Ref)
				w.WriteString("\n    }")
			case v.Lang != "":
				w.WriteString("{\n     \"@language\": ")
				j.str(v.Lang)
				w.WriteString(",\n     \"@value\": ")
				j.str(v.Text)
				w.WriteString("\n    }")
			default:
				j.str(v.Text)
			}
		}
		w.WriteString("\n   ]")
	}
	_, err := w.WriteString("\n  }")
	return err
}

// str writes s as a JSON string, escaped as encoding/json escapes it.
func (j *jsonldWriter) str(s string) {
	simple, wide := true, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			simple = false
			break
		}
		wide = wide || c >= 0x80
	}
	if simple && wide {
		// encoding/json mends invalid UTF-8 and escapes the line and paragraph separators.
		simple = utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
	}
	if simple {
		j.w.WriteByte('"')
		j.w.WriteString(s)
		j.w.WriteByte('"')
		return
	}
	b, _ := json.Marshal(s) // a string always marshals
	j.w.Write(b)
}

func (j *jsonldWriter) end() error {
	if j.count == 0 {
		// An empty catalogue is an empty graph: JSON-LD has no meaning for a null @graph.
		ctx := map[string]any{}
		for _, p := range prefixes {
			ctx[p.prefix] = p.ns
		}
		b, err := json.MarshalIndent(map[string]any{"@context": ctx, "@graph": []any{}}, "", " ")
		if err != nil {
			return err
		}
		j.w.Write(b)
		j.w.WriteString("\n")
		return j.w.Flush()
	}
	j.w.WriteString("\n ]\n}\n")
	return j.w.Flush()
}

type turtleWriter struct {
	w       *bufio.Writer
	started bool
}

func newTurtle(w io.Writer) *turtleWriter { return &turtleWriter{w: bufio.NewWriter(w)} }

func (t *turtleWriter) prefixes() {
	if !t.started {
		t.started = true
		for _, p := range prefixes {
			t.w.WriteString("@prefix " + p.prefix + ": <" + p.ns + "> .\n")
		}
	}
}

func (t *turtleWriter) resource(r Resource) error {
	t.prefixes()
	b := t.w
	b.WriteString("\n<" + r.ID + "> a " + compact(r.Type))
	for _, p := range r.Props {
		b.WriteString(" ;\n    " + compact(p.Pred) + " ")
		for i, v := range p.Values {
			if i > 0 {
				b.WriteString(", ")
			}
			t.value(v)
		}
	}
	_, err := b.WriteString(" .\n")
	return err
}

func (t *turtleWriter) end() error {
	t.prefixes()
	return t.w.Flush()
}

// value writes turtleValue(v), without making the string when the text needs no escape:
// a large country's graph has millions of values.
func (t *turtleWriter) value(v Value) {
	plain := true
	for i := 0; i < len(v.Text) && plain; i++ {
		c := v.Text[i]
		plain = c >= 0x20 && c != 0x7f && c != '"' && c != '\\'
	}
	plain = plain && utf8.ValidString(v.Text) // turtleString writes U+FFFD for a bad byte
	switch {
	case v.Ref != "":
		t.w.WriteByte('<')
		t.w.WriteString(v.Ref)
		t.w.WriteByte('>')
	case !plain:
		t.w.WriteString(turtleValue(v))
	default:
		t.w.WriteByte('"')
		t.w.WriteString(v.Text)
		t.w.WriteByte('"')
		if v.Lang != "" {
			t.w.WriteByte('@')
			t.w.WriteString(v.Lang)
		}
	}
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
