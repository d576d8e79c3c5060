package web

import (
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// ehaksOf and codesOf name the rows and columns a page reads of the matrix
// (eservice.Store.LevelGrid, MunicipalityStats).
func ehaksOf(ms []municipality.Municipality) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.EHAK
	}
	return out
}

func codesOf(services []eservice.Service) []string {
	out := make([]string, len(services))
	for i, s := range services {
		out[i] = s.Code
	}
	return out
}
