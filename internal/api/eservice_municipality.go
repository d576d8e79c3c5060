package api

import (
	"net/http"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// MunicipalityServices is one municipality's row of the matrix: a cell for every current
// service (one never filled in as not offered at level 0 with version 0), the
// municipality's figures, and its median level beside its peers'.
type MunicipalityServices struct {
	Items  []eservice.Cell            `json:"items"`
	Total  int                        `json:"total"`
	Limit  int                        `json:"limit"`
	Offset int                        `json:"offset"`
	Stats  eservice.MunicipalityStats `json:"stats"`
	Peers  []PeerGroup                `json:"peers"`
}

// PeerGroup is a group of municipalities the municipality is compared with, itself
// included: the median of their median levels over the current services.
type PeerGroup struct {
	Group  string  `json:"group"` // type, band (population band), county or country
	Key    string  `json:"key"`   // the municipality's type, band or county's EHAK; "" for the country
	Count  int     `json:"count"`
	Median float64 `json:"median_level"`
}

func (a *API) municipalityServices(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	ehak, err := pathEHAK(r)
	if err != nil {
		return err
	}
	m, err := a.municipalities.Municipality(ctx, ehak)
	if err != nil {
		return err
	}
	services, err := a.services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	// Every municipality, every page: a large country's are past one list page of 500.
	all, err := a.everyMunicipality(ctx)
	if err != nil {
		return err
	}
	// Its own row by the primary key and its peers' medians from the kept levels
	// (MunicipalityStats), as the web page reads them: a large country's cells are not
	// kept whole, and reading all 6.5 million for one row took seconds.
	cells, err := a.services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: m.EHAK})
	if err != nil {
		return err
	}
	g := eservice.NewGrid(cells)
	ehaks := make([]string, len(all))
	for i, x := range all {
		ehaks[i] = x.EHAK
	}
	list, err := a.services.MunicipalityStats(ctx, ehaks, services)
	if err != nil {
		return err
	}
	stats := make(map[string]eservice.MunicipalityStats, len(list))
	for _, st := range list {
		stats[st.EHAK] = st
	}
	out := MunicipalityServices{Items: make([]eservice.Cell, 0, len(services)), Total: len(services),
		Stats: g.MunicipalityStatsOf(m.EHAK, services)}
	for _, s := range services {
		out.Items = append(out.Items, g.Cell(m.EHAK, s.Code))
	}
	for _, p := range []struct {
		group, key string
		ms         []municipality.Municipality
	}{
		{"type", string(m.Type), eservice.Peers(m, all, "type")},
		{"band", eservice.BandOf(m.Population), eservice.Peers(m, all, "band")},
		{"county", m.CountyEHAK, eservice.Peers(m, all, "county")},
		{"country", "", all},
	} {
		out.Peers = append(out.Peers, PeerGroup{p.group, p.key, len(p.ms), eservice.MedianOfStats(p.ms, stats)})
	}
	// The figures are of every service; the cells are paged.
	p := pageOf(out.Items, pg)
	out.Items, out.Total, out.Limit, out.Offset = p.Items, p.Total, p.Limit, p.Offset
	return a.writeJSON(w, r, http.StatusOK, out)
}
