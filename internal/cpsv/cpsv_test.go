package cpsv

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// shape is what the official SHACL file says about one class: for each property, how
// many values it needs at least and which class its values must have.
type shape struct {
	minCount map[string]int
	class    map[string]string
}

var (
	prefixRe   = regexp.MustCompile(`(?m)^@prefix (\w+): <([^>]+)> \.`)
	targetRe   = regexp.MustCompile(`shacl:targetClass (\S+)`)
	propertyRe = regexp.MustCompile(`<[^>]+#\w+Shape/[0-9a-f]+>`)
	pathRe     = regexp.MustCompile(`shacl:path (\S+)`)
	minRe      = regexp.MustCompile(`shacl:minCount (\d+)`)
	classRe    = regexp.MustCompile(`shacl:class (\S+)`)
)

// loadShapes reads testdata/cpsv-ap-SHACL.ttl (the official 3.2.0 file) into shapes keyed
// by target class IRI. It reads only the simple patterns that file uses.
func loadShapes(t *testing.T) map[string]shape {
	b, err := os.ReadFile("testdata/cpsv-ap-SHACL.ttl")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	prefixes := map[string]string{}
	for _, m := range prefixRe.FindAllStringSubmatch(text, -1) {
		prefixes[m[1]] = m[2]
	}
	expand := func(s string) string {
		s = strings.TrimSuffix(strings.TrimSuffix(s, ";"), " .")
		s = strings.TrimSuffix(s, ".")
		if strings.HasPrefix(s, "<") {
			return strings.Trim(s, "<>")
		}
		if p, local, ok := strings.Cut(s, ":"); ok {
			return prefixes[p] + local
		}
		return s
	}
	blocks := map[string]string{}
	for _, blk := range strings.Split(text, "\n\n") {
		subject, _, _ := strings.Cut(strings.TrimSpace(blk), " ")
		blocks[subject] += blk + "\n"
	}
	shapes := map[string]shape{}
	for _, blk := range blocks {
		tm := targetRe.FindStringSubmatch(blk)
		if !strings.Contains(blk, "a shacl:NodeShape") || tm == nil {
			continue
		}
		sh := shape{minCount: map[string]int{}, class: map[string]string{}}
		for _, prop := range propertyRe.FindAllString(blk, -1) {
			pb := blocks[prop]
			pm := pathRe.FindStringSubmatch(pb)
			if pm == nil {
				continue
			}
			path := expand(pm[1])
			if m := minRe.FindStringSubmatch(pb); m != nil {
				sh.minCount[path], _ = strconv.Atoi(m[1])
			}
			if m := classRe.FindStringSubmatch(pb); m != nil {
				sh.class[path] = expand(m[1])
			}
		}
		shapes[expand(tm[1])] = sh
	}
	return shapes
}

func TestDocumentConformsToShapes(t *testing.T) {
	shapes := loadShapes(t)
	if len(shapes) < 20 || shapes["http://purl.org/vocab/cpsv#PublicService"].minCount["http://data.europa.eu/m8g/hasCompetentAuthority"] != 1 {
		t.Fatalf("could not read the shapes (%d)", len(shapes))
	}
	scale := eservice.DefaultScale()
	ms := []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}, {EHAK: "0784", Name: "Tallinn"}}
	services := []eservice.Service{
		{Code: "SOC-001", NameEt: "Sünnitoetus", NameEn: "Birth allowance", Area: "Sotsiaalhoolekanne", LifeEvent: "Lapse sünd"},
		{Code: "EDU-001", NameEt: "Lasteaiakoht", Area: "Haridus"},
	}
	g := eservice.NewGrid([]eservice.Cell{
		{MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Offering: eservice.Offered, Level: 3, URL: "https://tartu.ee/e"},
		{MunicipalityEHAK: "0793", ServiceCode: "EDU-001", Offering: eservice.Offered, Level: 1},
		{MunicipalityEHAK: "0784", ServiceCode: "SOC-001", Offering: eservice.NotOffered},
	})
	doc := Document("https://kovit.example/", ms, services, scale, g)
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	// Round-trip through JSON so the test reads what a harvester reads.
	var parsed struct {
		Context map[string]string `json:"@context"`
		Graph   []map[string]any  `json:"@graph"`
	}
	if err := json.Unmarshal(raw, &parsed); err != nil {
		t.Fatal(err)
	}
	expand := func(s string) string {
		if p, local, ok := strings.Cut(s, ":"); ok && parsed.Context[p] != "" {
			return parsed.Context[p] + local
		}
		return s
	}
	typeOf := map[string]string{}
	for _, n := range parsed.Graph {
		typeOf[n["@id"].(string)] = expand(n["@type"].(string))
		if sp, ok := n["dct:spatial"].(map[string]any); ok { // nested, typed in place
			typeOf[sp["@id"].(string)] = expand(sp["@type"].(string))
		}
	}
	services3 := 0
	for _, n := range parsed.Graph {
		typ := expand(n["@type"].(string))
		if typ == "http://purl.org/vocab/cpsv#PublicService" {
			services3++
		}
		sh, ok := shapes[typ]
		if !ok {
			t.Errorf("%s: type %s has no shape", n["@id"], typ)
			continue
		}
		values := map[string][]any{}
		for k, v := range n {
			if strings.HasPrefix(k, "@") {
				continue
			}
			if list, ok := v.([]any); ok {
				values[expand(k)] = list
			} else {
				values[expand(k)] = []any{v}
			}
		}
		for path, min := range sh.minCount {
			if len(values[path]) < min {
				t.Errorf("%s (%s): %s has %d values, shape wants ≥ %d", n["@id"], typ, path, len(values[path]), min)
			}
		}
		for path, class := range sh.class {
			for _, v := range values[path] {
				ref, ok := v.(map[string]any)
				if !ok {
					t.Errorf("%s: %s should link to a %s", n["@id"], path, class)
					continue
				}
				if got := typeOf[ref["@id"].(string)]; got != class {
					t.Errorf("%s: %s links to %s typed %q, shape wants %s", n["@id"], path, ref["@id"], got, class)
				}
			}
		}
	}
	if services3 != 2 {
		t.Errorf("%d public services, want the 2 offered", services3)
	}
	if !strings.Contains(string(raw), "Küpsustase 3/5") || !strings.Contains(string(raw), `"https://kovit.example/eservices/0793/SOC-001"`) {
		t.Errorf("document:\n%s", raw)
	}
}
