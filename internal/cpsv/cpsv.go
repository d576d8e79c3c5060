// Package cpsv describes the municipalities' e-services in the EU Core Public Service
// Vocabulary Application Profile (CPSV-AP 3.2.0) as JSON-LD, so that national and EU
// catalogues can harvest what kovit knows.
package cpsv

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// context maps the prefixes the document uses; full IRIs keep it valid without fetching
// the (remote) official context.
var context = map[string]string{
	"cpsv": "http://purl.org/vocab/cpsv#",
	"m8g":  "http://data.europa.eu/m8g/",
	"dct":  "http://purl.org/dc/terms/",
	"skos": "http://www.w3.org/2004/02/skos/core#",
	"xsd":  "http://www.w3.org/2001/XMLSchema#",
}

// Node is one JSON-LD node.
type Node = map[string]any

// Document builds the JSON-LD graph of every offered service of the given municipalities.
// base is the public URL of this kovit (e.g. https://kovit.ee), used to mint identifiers.
// Every resource a service links to is typed in the graph too, as the SHACL shapes check
// classes against the data itself.
func Document(base string, ms []municipality.Municipality, services []eservice.Service, scale eservice.Scale, g eservice.Grid) map[string]any {
	base = strings.TrimRight(base, "/")
	var graph []Node
	orgs := map[string]bool{}
	concepts := map[string]Node{}
	for _, m := range ms {
		for _, s := range services {
			c := g.Cell(m.EHAK, s.Code)
			if c.Offering != eservice.Offered {
				continue
			}
			if !orgs[m.EHAK] {
				orgs[m.EHAK] = true
				graph = append(graph, organisation(base, m))
			}
			area := concept(base, "area", s.Area, concepts)
			event := event(base, s.LifeEvent, concepts)
			n := Node{
				"@id":                       fmt.Sprintf("%s/eservices/%s/%s", base, m.EHAK, url.PathEscape(s.Code)),
				"@type":                     "cpsv:PublicService",
				"dct:identifier":            m.EHAK + "/" + s.Code,
				"dct:title":                 langs(s.NameEt, s.NameEn),
				"dct:description":           langs(describe(s, scale, c.Level, "et"), describe(s, scale, c.Level, "en")),
				"m8g:hasCompetentAuthority": Node{"@id": orgID(base, m.EHAK)},
				"m8g:thematicArea":          Node{"@id": area},
			}
			if event != "" {
				n["m8g:isGroupedBy"] = Node{"@id": event}
			}
			if c.URL != "" {
				ch := n["@id"].(string) + "#channel"
				n["m8g:hasChannel"] = Node{"@id": ch}
				graph = append(graph, Node{"@id": ch, "@type": "m8g:Channel", "dct:identifier": c.URL,
					"dct:description": langs("E-teenus veebis", "Online e-service")})
			}
			graph = append(graph, n)
		}
	}
	for _, key := range sortedKeys(concepts) {
		graph = append(graph, concepts[key])
	}
	return map[string]any{"@context": context, "@graph": graph}
}

func orgID(base, ehak string) string { return base + "/municipalities/" + ehak }

func organisation(base string, m municipality.Municipality) Node {
	loc := "https://kovit.ee/ehak/" + m.EHAK // the EHAK unit as a location
	return Node{
		"@id":            orgID(base, m.EHAK),
		"@type":          "m8g:PublicOrganisation",
		"skos:prefLabel": []Node{{"@value": m.Name, "@language": "et"}},
		"dct:spatial": Node{"@id": loc, "@type": "dct:Location", "dct:identifier": m.EHAK,
			"skos:prefLabel": []Node{{"@value": m.Name, "@language": "et"}}},
	}
}

func concept(base, scheme, label string, seen map[string]Node) string {
	id := base + "/concepts/" + scheme + "/" + url.PathEscape(label)
	if _, ok := seen[id]; !ok {
		seen[id] = Node{"@id": id, "@type": "skos:Concept", "skos:prefLabel": []Node{{"@value": label, "@language": "et"}}}
	}
	return id
}

func event(base, label string, seen map[string]Node) string {
	if label == "" {
		return ""
	}
	id := base + "/concepts/life-event/" + url.PathEscape(label)
	if _, ok := seen[id]; !ok {
		seen[id] = Node{"@id": id, "@type": "m8g:Event", "dct:identifier": label, "dct:title": langs(label, "")}
	}
	return id
}

// describe is the service's own description, or, when it has none, what kovit knows:
// its maturity level (the shapes require a description).
func describe(s eservice.Service, scale eservice.Scale, level int, lang string) string {
	text := s.DescriptionEt
	if lang == "en" {
		text = s.DescriptionEn
	}
	for _, l := range scale {
		if l.Number == level {
			if lang == "en" {
				return strings.TrimSpace(text + fmt.Sprintf(" Maturity level %d of %d: %s.", level, scale.Max(), l.Name("en")))
			}
			return strings.TrimSpace(text + fmt.Sprintf(" Küpsustase %d/%d: %s.", level, scale.Max(), l.Name("et")))
		}
	}
	return strings.TrimSpace(text)
}

func langs(et, en string) []Node {
	out := []Node{{"@value": et, "@language": "et"}}
	if en != "" {
		out = append(out, Node{"@value": en, "@language": "en"})
	}
	return out
}

func sortedKeys(m map[string]Node) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
