package web

import (
	"context"

	"kovit/internal/eservice"
)

// nextUnfilled is the path of the municipality's next service after code, in catalogue
// order and round to the start, whose cell was never filled in; with none left it is the
// one-page form of the municipality's services.
func (ui *UI) nextUnfilled(ctx context.Context, ehak, code string) (string, error) {
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return "", err
	}
	cells, err := ui.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak})
	if err != nil {
		return "", err
	}
	g := eservice.NewGrid(cells)
	at := 0
	for i, s := range services {
		if s.Code == code {
			at = i + 1
		}
	}
	for i := range services {
		s := services[(at+i)%len(services)]
		if s.Code != code && g.Cell(ehak, s.Code).Version == 0 {
			return "/eservices/" + ehak + "/" + s.Code, nil
		}
	}
	return "/municipalities/" + ehak + "/eservices/edit", nil
}
