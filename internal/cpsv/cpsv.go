// Package cpsv describes the municipalities' e-services in the EU Core Public Service
// Vocabulary Application Profile (CPSV-AP 3.2.0), as JSON-LD and Turtle, so that national
// and EU catalogues can harvest what kovit knows.
package cpsv

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// Namespaces used by the export.
const (
	nsCPSV = "http://purl.org/vocab/cpsv#"
	nsCV   = "http://data.europa.eu/m8g/"
	nsDCT  = "http://purl.org/dc/terms/"
	nsSKOS = "http://www.w3.org/2004/02/skos/core#"
)

var prefixes = []struct{ prefix, ns string }{{"cpsv", nsCPSV}, {"cv", nsCV}, {"dct", nsDCT}, {"skos", nsSKOS}}

// Value is an IRI (Ref) or a literal with an optional language.
type Value struct {
	Ref  string
	Text string
	Lang string
}

// Resource is one typed subject with its properties, in the order they were added.
type Resource struct {
	ID    string
	Type  string
	Props []Prop
}

// Prop is one predicate and its values.
type Prop struct {
	Pred   string
	Values []Value
}

func (r *Resource) add(pred string, vs ...Value) {
	if len(vs) > 0 {
		r.Props = append(r.Props, Prop{pred, vs})
	}
}

func ref(iri string) Value              { return Value{Ref: iri} }
func text(s, lang string) Value         { return Value{Text: s, Lang: lang} }
func plain(s string) Value              { return Value{Text: s} }
func langs(et, en string) (out []Value) { return append(nonEmpty(et, "et"), nonEmpty(en, "en")...) }

func nonEmpty(s, lang string) []Value {
	if s == "" {
		return nil
	}
	return []Value{text(s, lang)}
}

// Graph builds the resources: one cpsv:PublicService per catalogue service that at least
// one of ms offers, with every offering municipality as a competent authority (a public
// organisation with its EHAK code) and each municipality's e-service link as a channel.
// Every resource a service links to is typed in the graph too, because SHACL checks
// classes against the data itself. base is kovit's public URL, used to mint identifiers.
func Graph(base string, ms []municipality.Municipality, services []eservice.Service, g eservice.Grid) []Resource {
	var out []Resource
	b := newBuilder(base, ms, func(r Resource) error { out = append(out, r); return nil })
	for _, s := range services {
		row := map[string]eservice.Cell{}
		for _, m := range ms {
			if c := g.Cell(m.EHAK, s.Code); c.Offering == eservice.Offered {
				row[m.EHAK] = c
			}
		}
		_ = b.service(s, row)
	}
	_ = b.finish()
	return out
}

// EachOffers calls fn with each service's offered cells by municipality EHAK code, with
// their links, service by service in the order of the services given (i their index),
// stopping at fn's first error.
type EachOffers func(fn func(i int, offers map[string]eservice.Cell) error) error

// builder hands emit Graph's resources in Graph's order, one service at a time: each
// service's channels and the service as soon as they are made, then (finish) the
// organisations and concepts, which at most every municipality and area make.
type builder struct {
	base     string
	ms       []municipality.Municipality
	orgs     map[string]Resource
	concepts map[string]Resource
	emit     func(Resource) error
}

func newBuilder(base string, ms []municipality.Municipality, emit func(Resource) error) *builder {
	return &builder{base: strings.TrimRight(base, "/"), ms: ms, orgs: map[string]Resource{}, concepts: map[string]Resource{}, emit: emit}
}

func (b *builder) service(s eservice.Service, row map[string]eservice.Cell) error {
	if len(row) == 0 {
		return nil
	}
	base := b.base
	id := base + "/eservices/services/" + url.PathEscape(s.Code)
	svc := Resource{ID: id, Type: nsCPSV + "PublicService"}
	var authorities, channels []Value
	var offeredBy []string
	for _, m := range b.ms {
		c, ok := row[m.EHAK]
		if !ok || c.Offering != eservice.Offered {
			continue
		}
		orgID := base + "/municipalities/" + m.EHAK
		if _, ok := b.orgs[orgID]; !ok {
			b.orgs[orgID] = organisation(orgID, m)
		}
		authorities = append(authorities, ref(orgID))
		offeredBy = append(offeredBy, m.Name)
		if c.URL != "" {
			ch := Resource{ID: id + "#channel-" + m.EHAK, Type: nsCV + "Channel"}
			ch.add(nsDCT+"identifier", plain(c.URL))
			ch.add(nsDCT+"description", langs("E-teenus: "+m.Name, "Online service: "+m.Name)...)
			if err := b.emit(ch); err != nil {
				return err
			}
			channels = append(channels, ref(ch.ID))
		}
	}
	if len(authorities) == 0 {
		return nil // CPSV-AP requires a competent authority; nobody offers it yet
	}
	svc.add(nsDCT+"identifier", plain(s.Code))
	svc.add(nsDCT+"title", langs(s.NameEt, s.NameEn)...)
	svc.add(nsDCT+"description", langs(describe(s.DescriptionEt, "Pakuvad", offeredBy), describe(s.DescriptionEn, "Offered by", offeredBy))...)
	svc.add(nsCV+"hasCompetentAuthority", authorities...)
	svc.add(nsCV+"hasChannel", channels...)
	svc.add(nsCV+"sector", ref(concept(base, "area", s.Area, b.concepts)))
	if s.LifeEvent != "" {
		svc.add(nsCV+"isGroupedBy", ref(event(base, s.LifeEvent, b.concepts)))
	}
	return b.emit(svc)
}

func (b *builder) finish() error {
	for _, m := range []map[string]Resource{b.orgs, b.concepts} {
		for _, key := range sortedKeys(m) {
			if err := b.emit(m[key]); err != nil {
				return err
			}
		}
	}
	return nil
}

func organisation(id string, m municipality.Municipality) Resource {
	org := Resource{ID: id, Type: nsCV + "PublicOrganisation"}
	org.add(nsSKOS+"prefLabel", text(m.Name, "et"))
	org.add(nsDCT+"identifier", plain(m.EHAK))
	org.add(nsDCT+"spatial", ref(id+"#area")) // typed by locations
	return org
}

// locations returns the typed dct:Location each organisation's spatial points at.
func locations(rs []Resource) []Resource {
	var out []Resource
	for _, r := range rs {
		if r.Type != nsCV+"PublicOrganisation" {
			continue
		}
		loc := Resource{ID: r.ID + "#area", Type: nsDCT + "Location"}
		for _, p := range r.Props {
			if p.Pred == nsDCT+"identifier" {
				loc.add(nsDCT+"identifier", p.Values...) // the EHAK code of the territory
			}
		}
		out = append(out, loc)
	}
	return out
}

func concept(base, scheme, label string, seen map[string]Resource) string {
	id := base + "/concepts/" + scheme + "/" + url.PathEscape(label)
	if _, ok := seen[id]; !ok {
		c := Resource{ID: id, Type: nsSKOS + "Concept"}
		c.add(nsSKOS+"prefLabel", text(label, "et"))
		seen[id] = c
	}
	return id
}

func event(base, label string, seen map[string]Resource) string {
	id := base + "/concepts/life-event/" + url.PathEscape(label)
	if _, ok := seen[id]; !ok {
		e := Resource{ID: id, Type: nsCV + "Event"}
		e.add(nsDCT+"identifier", plain(label))
		e.add(nsDCT+"title", text(label, "et"))
		seen[id] = e
	}
	return id
}

// describe is the service's own description followed by who offers it, so that a
// description (required by the shapes) is never empty.
func describe(own, lead string, by []string) string {
	return strings.TrimSpace(fmt.Sprintf("%s %s: %s.", own, lead, strings.Join(by, ", ")))
}

func sortedKeys(m map[string]Resource) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
