package cpsv

import (
	"io"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// Write writes Graph's resources and their locations to w, as JSON-LD or (turtle) as
// Turtle, taking one service's offers at a time from each and writing each resource as
// soon as it is made: a large country's graph (5.7 million offered cells) is never held
// whole. Its bytes are those of WriteJSONLD or WriteTurtle of Graph over the same cells.
func Write(w io.Writer, turtle bool, base string, ms []municipality.Municipality, services []eservice.Service, each EachOffers) error {
	var out writer = newJSONLD(w)
	if turtle {
		out = newTurtle(w)
	}
	var orgs []Resource // a location each, after everything else, as all() places them
	b := newBuilder(base, ms, func(r Resource) error {
		if r.Type == nsCV+"PublicOrganisation" {
			orgs = append(orgs, r)
		}
		return out.resource(r)
	})
	err := each(func(i int, row map[string]eservice.Cell) error { return b.service(services[i], row) })
	if err == nil {
		err = b.finish()
	}
	if err != nil {
		return err
	}
	for _, loc := range locations(orgs) {
		if err := out.resource(loc); err != nil {
			return err
		}
	}
	return out.end()
}
