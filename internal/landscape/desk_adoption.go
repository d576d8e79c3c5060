package landscape

import (
	"context"
	"time"

	"kovit/internal/desk"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// DeskServiceUpdate is an e-service an adopted practice concerns, whose cell in the
// adopter's matrix has not been saved since the adoption's activity was done: the loop of
// "adopt this" closes when the municipality says what it now offers.
const DeskServiceUpdate desk.Kind = "practice_service_update"

// CellReader reads a municipality's cell of the e-service matrix.
type CellReader interface {
	Cell(ctx context.Context, ehak, code string) (eservice.Cell, error)
}

// AdoptionDeskProvider proposes, on the adopter's desk, updating the cell of every
// e-service of a practice whose adopted activity is done (applied by FollowAdoptions),
// until the cell is saved after that; the item links to the one-page e-service form.
func AdoptionDeskProvider(s PracticeStore, cells CellReader) desk.Provider {
	return func(ctx context.Context, v desk.Viewer, _ time.Time) (desk.Found, error) {
		var found desk.Found
		if v.Municipality == "" {
			return found, nil
		}
		all, err := s.Adoptions(ctx, 0)
		if err != nil {
			return found, err
		}
		for _, a := range all {
			if a.MunicipalityEHAK != v.Municipality || !a.Done || a.Applied == nil {
				continue
			}
			p, err := s.Practice(ctx, a.PracticeID)
			if err != nil {
				return found, err
			}
			for _, code := range p.ServiceCodes {
				c, err := cells.Cell(ctx, a.MunicipalityEHAK, code)
				if err != nil && kovit.ErrorCode(err) != kovit.ENotFound {
					return found, err
				}
				if c.Version > 0 && !c.UpdatedAt.Before(*a.Applied) {
					continue
				}
				found.Items = append(found.Items, desk.Item{Kind: DeskServiceUpdate, MunicipalityEHAK: a.MunicipalityEHAK,
					TitleEt: code, Detail: p.Title, Link: "/municipalities/" + a.MunicipalityEHAK + "/eservices/edit", Date: *a.Applied})
			}
		}
		return found, nil
	}
}
