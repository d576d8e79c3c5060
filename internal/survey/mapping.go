package survey

import (
	"sort"

	"kovit/internal/eservice"
)

// offerings reports whether every option is an offering of the e-service matrix.
func offerings(options []string) bool {
	for _, o := range options {
		switch eservice.Offering(o) {
		case eservice.Offered, eservice.NotOffered, eservice.NotApplicable:
		default:
			return false
		}
	}
	return true
}

// Proposal is an update an approved response proposes to data kovit keeps: a matrix
// cell's offering that the municipality's answer differs from. It is applied only through
// the owning module (eservice.Store.SaveCell: version check, audit, verification reset).
type Proposal struct {
	Question    string            `json:"question"`
	ServiceCode string            `json:"service_code"`
	Current     eservice.Offering `json:"current"` // "" for a cell never filled in
	Proposed    eservice.Offering `json:"proposed"`
	CellVersion int               `json:"cell_version"`
}

// Proposals lists the updates an approved response r proposes to the municipality's row
// of the matrix, by service code; other responses propose nothing.
func Proposals(s Survey, r Response, row map[string]eservice.Cell) []Proposal {
	if r.State != Approved {
		return nil
	}
	var out []Proposal
	for _, q := range s.Questions {
		if q.Maps != MapsOffering {
			continue
		}
		for code, v := range r.Answers[q.Key].Grid {
			c := row[code]
			current := c.Offering
			if c.Version == 0 {
				current = ""
			}
			if eservice.Offering(v) != current {
				out = append(out, Proposal{Question: q.Key, ServiceCode: code, Current: current, Proposed: eservice.Offering(v), CellVersion: c.Version})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ServiceCode < out[j].ServiceCode })
	return out
}
