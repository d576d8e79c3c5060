package cpsv

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// wholeJSONLD is JSON-LD as kovit wrote it before it streamed: the whole document built in
// memory and encoded at once. The streamed writer must give the same bytes.
func wholeJSONLD(rs []Resource) []byte {
	ctx := map[string]string{}
	for _, p := range prefixes {
		ctx[p.prefix] = p.ns
	}
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
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	enc.Encode(map[string]any{"@context": ctx, "@graph": graph})
	return b.Bytes()
}

// wholeTurtle is Turtle as kovit wrote it before it streamed: the whole document built
// as one string.
func wholeTurtle(rs []Resource) []byte {
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
	return []byte(b.String())
}

// TestStreamedJSONLDAsWhole: the JSON-LD and Turtle written a resource at a time is byte for byte the
// whole document's, for a graph with escapes and for an empty one; and Write, which asks
// for one service's offers at a time, writes the same bytes as WriteJSONLD and
// WriteTurtle of Graph.
func TestStreamedJSONLDAsWhole(t *testing.T) {
	empty := Graph("https://kovit.example/", []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}},
		[]eservice.Service{{Code: "SOC-001", NameEt: "Sünnitoetus"}}, eservice.NewGrid(nil))
	odd := Resource{ID: "https://kovit.example/x?a=1&b=<2>", Type: nsCV + "Channel"}
	odd.add(nsDCT+"description", text("\"Jõgeva\" <b>&amp;\u2028\t\x01 \\ ü", "et"), plain("\xff bad"))
	odd.add(nsDCT+"identifier", plain("first"))
	odd.add(nsDCT+"identifier", plain("second"))
	odd.add("http://example.org/unknown#p", plain("no prefix"))
	for name, rs := range map[string][]Resource{"sample": sampleGraph(), "empty": empty, "odd": {odd}} {
		var b bytes.Buffer
		if err := WriteJSONLD(&b, rs); err != nil {
			t.Fatal(err)
		}
		if want := wholeJSONLD(rs); !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: streamed\n%s\nwhole\n%s", name, b.Bytes(), want)
		}
		b.Reset()
		if err := WriteTurtle(&b, rs); err != nil {
			t.Fatal(err)
		}
		if want := wholeTurtle(rs); !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s: streamed Turtle\n%s\nwhole\n%s", name, b.Bytes(), want)
		}
	}

	ms, services, g := sampleInput()
	asked := 0
	each := func(fn func(int, map[string]eservice.Cell) error) error {
		for i, s := range services {
			asked++
			row := map[string]eservice.Cell{}
			for ehak, r := range g {
				if c, ok := r[s.Code]; ok && c.Offering == eservice.Offered {
					row[ehak] = c
				}
			}
			if err := fn(i, row); err != nil {
				return err
			}
		}
		return nil
	}
	rs := Graph("https://kovit.example/", ms, services, g)
	for _, turtle := range []bool{false, true} {
		var want, got bytes.Buffer
		if turtle {
			WriteTurtle(&want, rs)
		} else {
			WriteJSONLD(&want, rs)
		}
		if err := Write(&got, turtle, "https://kovit.example/", ms, services, each); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("turtle %v: Write\n%s\nwant\n%s", turtle, got.Bytes(), want.Bytes())
		}
	}
	if asked != 2*len(services) {
		t.Errorf("offers asked %d times, want once a service a document", asked)
	}
}
