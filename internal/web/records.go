package web

import (
	"html/template"
	"net/http"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// recordsListPage is every municipality's records management level, within a peer group.
type recordsListPage struct {
	landscapePage
	Rows     []recordsRow
	ByLevel  []int // municipalities of the group at each level of the scale
	Scale    eservice.Scale
	Filter   landscape.PeerFilter
	Counties []municipality.County
	Bands    []eservice.Band
	Map      template.HTML // empty when kovit has no boundaries
}

type recordsRow struct {
	M municipality.Municipality
	P landscape.RecordsProfile
}

func (ui *UI) recordsList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f := landscape.PeerFilter{County: q.Get("county"), Type: municipality.Type(q.Get("type")), Band: q.Get("band")}
	if err := f.Validate(); err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	profiles, err := ui.Landscape.RecordsProfiles(ctx)
	if err != nil {
		return err
	}
	byEHAK := map[string]landscape.RecordsProfile{}
	for _, p := range profiles {
		byEHAK[p.MunicipalityEHAK] = p
	}
	lp, err := ui.landscapePage(r, "records.title")
	if err != nil {
		return err
	}
	lp.Nav = "records"
	p := recordsListPage{landscapePage: lp, Filter: f, Bands: eservice.Bands}
	if p.Scale, err = ui.Landscape.RecordsScale(ctx); err != nil {
		return err
	}
	p.ByLevel = make([]int, p.Scale.Max()+1)
	for _, m := range ms {
		if !f.Has(m) {
			continue
		}
		pr, ok := byEHAK[m.EHAK]
		if !ok {
			pr = landscape.RecordsProfile{MunicipalityEHAK: m.EHAK}
			pr.Normalize(p.Scale)
		}
		p.ByLevel[pr.Level]++
		p.Rows = append(p.Rows, recordsRow{M: m, P: pr})
	}
	if p.Counties, err = ui.Municipalities.ListCounties(ctx); err != nil {
		return err
	}
	p.Map = ui.recordsMap(p)
	ui.render(w, r, http.StatusOK, "landscape/records", p)
	return nil
}

// recordsPage is one municipality's records profile, its level and bottleneck, and the
// forms of its editors and of coordinators.
type recordsPage struct {
	landscapePage
	M       municipality.Municipality
	P       landscape.RecordsProfile
	In      landscape.RecordsProfile
	Scale   eservice.Scale
	DMSRows []landscapeRowView // the landscape's document management rows to choose from
	Peers   []peerView         // the level's comparison with the municipality's peer groups
	CanEdit bool
	Review  bool
	Form    form
}

// Met reports whether the form's profile meets criterion id.
func (p recordsPage) Met(id int64) bool {
	for _, m := range p.In.Met {
		if m == id {
			return true
		}
	}
	return false
}

// IsDMS reports whether row id is the profile's document management system.
func (p recordsPage) IsDMS(id int64) bool {
	return p.In.DocumentRowID != nil && *p.In.DocumentRowID == id
}

// DMSName names the profile's document management system from the landscape, or "".
func (p recordsPage) DMSName() string {
	for _, r := range p.DMSRows {
		if p.P.DocumentRowID != nil && r.ID == *p.P.DocumentRowID {
			return r.Solution + " " + r.SoftwareVersion
		}
	}
	return ""
}

// Bottleneck is what keeps the profile from the next level.
func (p recordsPage) Bottleneck() []eservice.Criterion { return p.P.Bottleneck(p.Scale) }

func (p recordsPage) DHXWays() []landscape.DHX { return landscape.DHXWays }

func (ui *UI) recordsShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadRecords(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "landscape/records_profile", p)
	return nil
}

func (ui *UI) loadRecords(r *http.Request) (recordsPage, error) {
	ctx := r.Context()
	m, err := ui.Municipalities.Municipality(ctx, r.PathValue("ehak"))
	if err != nil {
		return recordsPage{}, err
	}
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return recordsPage{}, err
	}
	lp.Nav = "records"
	lp.Title = lp.L.T("records.profile.title", "Name", m.Name)
	p := recordsPage{landscapePage: lp, M: m,
		CanEdit: auth.Allowed(auth.CanEditRecords(lp.User, m.EHAK)), Review: auth.Allowed(auth.CanReviewRecords(lp.User))}
	if p.Scale, err = ui.Landscape.RecordsScale(ctx); err != nil {
		return p, err
	}
	if p.P, err = ui.Landscape.RecordsProfile(ctx, m.EHAK); err != nil {
		return p, err
	}
	if p.Peers, err = ui.recordsPeers(ctx, p, m); err != nil {
		return p, err
	}
	p.In = p.P
	names, all, err := ui.solutionNames(ctx)
	if err != nil {
		return p, err
	}
	records := map[int64]bool{}
	for _, s := range all {
		records[s.ID] = s.Area == landscape.AreaRecords
	}
	rows, err := ui.allRows(ctx, m.EHAK)
	if err != nil {
		return p, err
	}
	for _, row := range rows {
		if records[row.SolutionID] {
			p.DMSRows = append(p.DMSRows, landscapeRowView{Row: row.WithoutCosts(), Solution: names[row.SolutionID]})
		}
	}
	return p, nil
}

// recordsSave saves the municipality's records profile; it is self-reported until verified.
func (ui *UI) recordsSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditRecords(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	p, err := ui.loadRecords(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := landscape.RecordsProfile{MunicipalityEHAK: ehak, DocumentRowID: formID(r, "document_row_id", &problems),
		DHX: landscape.DHX(r.PostFormValue("dhx")), RegisterURL: r.PostFormValue("register_url"),
		AppraisalDecision: r.PostFormValue("appraisal_decision"), EvidenceURL: r.PostFormValue("evidence_url"),
		CouncilIntegration: r.PostFormValue("council_integration") != "", EServiceIntegration: r.PostFormValue("eservice_integration") != "",
		Met: formIDs(r, "criteria", "landscape.error.criteria", &problems), Version: formInt(r, "version", &problems)}
	for name, to := range map[string]*string{"rules_date": &in.RulesDate, "retention_list_date": &in.RetentionListDate, "last_archive_transfer": &in.LastArchiveTransfer} {
		if d := optionalDate(r, name, &problems); d != nil {
			*to = dateValue(d)
		}
	}
	in.Normalize(p.Scale)
	alsoInvalid(&problems, in.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.SaveRecordsProfile(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+ehak+"/records", "flash.saved")
	}
	p.In = in
	p.Form.refused(p.L, status, problems, &p.In.Version, p.P.Version)
	ui.render(w, r, status, "landscape/records_profile", p)
	return nil
}

// recordsReview verifies a profile's level or returns it with a reason.
func (ui *UI) recordsReview(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReviewRecords(auth.UserFrom(ctx)); err != nil {
		return err
	}
	ehak := r.PathValue("ehak")
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	v := landscape.Verification(r.PostFormValue("verification"))
	reason := strings.TrimSpace(r.PostFormValue("return_reason"))
	status, problems, err := trySave(problems, func() error {
		_, err := ui.Landscape.ReviewRecordsProfile(ctx, ehak, v, reason, version)
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+ehak+"/records", "flash.saved")
	}
	p, err := ui.loadRecords(r)
	if err != nil {
		return err
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "landscape/records_profile", p)
	return nil
}
