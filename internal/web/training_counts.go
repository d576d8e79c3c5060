package web

import (
	"net/http"
	"slices"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/training"
)

// trainingCountsPage is training counted without names: the share of the required roles
// covered per peer group, for everyone, and each municipality's people per role, for
// signed-in users (auth.CanReadTrainingCounts). No page of it names a person.
type trainingCountsPage struct {
	trainingPage
	groupNamer     securityPage
	Groups         []training.GroupCounts
	Municipalities []training.MunicipalityCounts // nil for the public
	MinGroup       int
	Signed         bool
}

// GroupName names a peer group as the security aggregates do.
func (p trainingCountsPage) GroupName(g training.GroupCounts) string {
	return p.groupNamer.Group(security.Spread{Group: g.Group, Key: g.Key})
}

// Count is role's "covered of people (share)" among counts, "–" when nobody is in it.
func (p trainingCountsPage) Count(counts []training.RoleCount, role training.Role) string {
	if c, ok := training.CountFor(counts, role); ok {
		return p.L.T("training.counts.cell", "Covered", c.Covered, "People", c.People, "Share", p.Share(c.Share))
	}
	return "–"
}

func (ui *UI) trainingCounts(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	tp, err := ui.trainingPage(ctx, r, "training.counts.title")
	if err != nil {
		return err
	}
	sp, err := ui.securityPage(r, "")
	if err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	groups, by, err := training.LoadCounts(ctx, ui.Trainings, tp.Today, ms)
	if err != nil {
		return err
	}
	signed := auth.Allowed(auth.CanReadTrainingCounts(auth.UserFrom(ctx)))
	if !signed {
		by = nil
	}
	slices.SortFunc(by, func(a, b training.MunicipalityCounts) int {
		return strings.Compare(municipality.SortKey(tp.Name(a.MunicipalityEHAK)), municipality.SortKey(tp.Name(b.MunicipalityEHAK)))
	})
	p := trainingCountsPage{trainingPage: tp, groupNamer: sp, Groups: groups, Municipalities: by, MinGroup: security.MinGroup,
		Signed: signed}
	if isExport(r) {
		return tabularWrite(w, r, "koolitatus", training.CountsSheet(groups, by, p.GroupName, tp.Name, lang(r)))
	}
	ui.render(w, r, http.StatusOK, "training/counts", p)
	return nil
}
