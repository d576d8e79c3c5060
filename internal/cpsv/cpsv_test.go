package cpsv

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

func sampleGraph() []Resource {
	ms, services, g := sampleInput()
	return Graph("https://kovit.example/", ms, services, g)
}

func sampleInput() ([]municipality.Municipality, []eservice.Service, eservice.Grid) {
	ms := []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}, {EHAK: "0784", Name: "Tallinn"}, {EHAK: "0899", Name: "Viljandi vald"}}
	services := []eservice.Service{
		{Code: "SOC-001", NameEt: "Sünnitoetus", NameEn: "Birth allowance", Area: "Sotsiaalhoolekanne", LifeEvent: "Lapse sünd"},
		{Code: "EDU-001", NameEt: "Lasteaiakoht \"kohe\"", Area: "Haridus"}, // a quote to escape
		{Code: "GOV-001", NameEt: "Keegi ei paku", Area: "Valitsemine"},
	}
	g := eservice.NewGrid([]eservice.Cell{
		{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: eservice.Offered, Level: 3, URL: "https://tartu.ee/e"},
		{MunicipalityEHAK: "0899", ServiceCode: "SOC-001", Offering: eservice.Offered, Level: 1},
		{MunicipalityEHAK: "0793", ServiceCode: "EDU-001", Offering: eservice.Offered, Level: 1},
		{MunicipalityEHAK: "0784", ServiceCode: "SOC-001", Offering: eservice.NotOffered},
	})
	return ms, services, g
}

func TestGraph(t *testing.T) {
	rs := sampleGraph()
	var services int
	for _, r := range rs {
		if r.Type != nsCPSV+"PublicService" {
			continue
		}
		services++
		for _, p := range r.Props {
			if p.Pred == nsCV+"hasCompetentAuthority" && strings.HasSuffix(r.ID, "SOC-001") && len(p.Values) != 2 {
				t.Errorf("SOC-001 authorities %v, want Tartu and Viljandi", p.Values)
			}
		}
	}
	if services != 2 {
		t.Errorf("%d services, want the 2 that someone offers", services)
	}
	var b bytes.Buffer
	if err := WriteJSONLD(&b, rs); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	b.Reset()
	WriteTurtle(&b, rs)
	if !strings.Contains(b.String(), `dct:title "Lasteaiakoht \"kohe\""@et`) || !strings.Contains(b.String(), "cv:hasCompetentAuthority <https://kovit.example/municipalities/0793>, <https://kovit.example/municipalities/0899>") {
		t.Errorf("turtle:\n%s", b.String())
	}
}

// TestConformsToOfficialShapes validates both formats with a real SHACL validator
// (rdf-validate-shacl, which `make test` installs under tools/shacl) against the official
// CPSV-AP 3.2.0 shapes in testdata.
func TestConformsToOfficialShapes(t *testing.T) {
	tool, err := filepath.Abs("../../tools/shacl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(tool, "node_modules", "rdf-validate-shacl")); err != nil {
		t.Fatal("the SHACL validator is not installed: run `make test`, or `npm ci` in tools/shacl")
	}
	dir := t.TempDir()
	rs := sampleGraph()
	files := map[string]func(*bytes.Buffer) error{
		"export.jsonld": func(b *bytes.Buffer) error { return WriteJSONLD(b, rs) },
		"export.ttl":    func(b *bytes.Buffer) error { return WriteTurtle(b, rs) },
	}
	args := []string{filepath.Join(tool, "validate.mjs"), "testdata/cpsv-ap-SHACL.ttl"}
	for name, write := range files {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, path)
	}
	out, err := exec.Command("node", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("does not conform: %v\n%s", err, out)
	}
	// The validator must have read real data, not an empty graph.
	if strings.Count(string(out), "conforms: true") != 2 || strings.Contains(string(out), " 0 triples") {
		t.Errorf("validator output:\n%s", out)
	}
	t.Logf("%s", out)
}

// TestEmptyCatalogue: before any municipality offers a service, both formats are still
// RDF a harvester can parse: an empty @graph array, and Turtle of prefixes only.
func TestEmptyCatalogue(t *testing.T) {
	rs := Graph("https://kovit.example/", []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}},
		[]eservice.Service{{Code: "SOC-001", NameEt: "Sünnitoetus"}}, eservice.NewGrid(nil))
	var b bytes.Buffer
	if err := WriteJSONLD(&b, rs); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph json.RawMessage `json:"@graph"`
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if g := strings.Join(strings.Fields(string(doc.Graph)), ""); g != "[]" {
		t.Errorf("@graph %s, want []", doc.Graph)
	}
	b.Reset()
	if err := WriteTurtle(&b, rs); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if !strings.HasPrefix(line, "@prefix ") || !strings.HasSuffix(line, "> .") {
			t.Errorf("turtle line %q, want only prefixes", line)
		}
	}
}
