package web

import (
	"context"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// recordsPeers compares m's records level with the median level of its peer groups, as the
// e-service page compares its median; a municipality that has not filled in its profile
// stands at level 0, as on the overview.
func (ui *UI) recordsPeers(ctx context.Context, p recordsPage, m municipality.Municipality) ([]peerView, error) {
	all, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	profiles, err := ui.Landscape.RecordsProfiles(ctx)
	if err != nil {
		return nil, err
	}
	level := make(map[string]int, len(profiles))
	for _, pr := range profiles {
		level[pr.MunicipalityEHAK] = pr.Level
	}
	var out []peerView
	for _, g := range peerGroupsOf(p.L, m, all) {
		levels := make([]int, len(g.ms))
		for i, o := range g.ms {
			levels[i] = level[o.EHAK]
		}
		out = append(out, peerView{Label: g.label, Count: len(g.ms), Median: eservice.Median(levels)})
	}
	return out, nil
}

// Median writes a median level as the page's language writes numbers.
func (p recordsPage) Median(m float64) string { return p.L.Num(m, 1) }

// Level is the profile's level as a number the comparison sets beside the medians.
func (p recordsPage) Level() float64 { return float64(p.P.Level) }
