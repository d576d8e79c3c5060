package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// Training and awareness (issue 14): the trainings and role requirements (/trainings),
// a municipality's completions, gaps and expiring certificates
// (/municipalities/{ehak}/training), and every municipality's gaps for coordinators.
// Names of staff are read only through auth.CanReadTrainingRecords.

// trainingPage is what every training page shares.
type trainingPage struct {
	Page
	Trainings []training.Training
	Titles    map[int64]string
	Names     map[string]string // municipalities by EHAK
	Today     string
}

func (p trainingPage) Manager() bool               { return auth.Allowed(auth.CanManageTrainings(p.User)) }
func (p trainingPage) Own() string                 { return auth.TrainingOf(p.User) }
func (p trainingPage) Roles() []training.Role      { return training.Roles }
func (p trainingPage) Kinds() []training.Kind      { return training.Kinds }
func (p trainingPage) Role(r training.Role) string { return p.L.T("training.role." + string(r)) }
func (p trainingPage) Share(f float64) string      { return p.L.Percent(f*100, 0) }

// Name is a municipality's name, or its code when unknown.
func (p trainingPage) Name(ehak string) string {
	if n, ok := p.Names[ehak]; ok {
		return n
	}
	return ehak
}

func (ui *UI) trainingPage(ctx context.Context, r *http.Request, titleKey string) (trainingPage, error) {
	p := trainingPage{Page: ui.page(r, titleKey), Today: training.Day(ui.Now())}
	p.Nav = "training"
	ts, err := ui.Trainings.Trainings(ctx)
	if err != nil {
		return p, err
	}
	p.Trainings, p.Titles = ts, make(map[int64]string, len(ts))
	for _, t := range ts {
		p.Titles[t.ID] = t.Title
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return p, err
	}
	p.Names = make(map[string]string, len(ms))
	for _, m := range ms {
		p.Names[m.EHAK] = m.Name
	}
	return p, nil
}

// trainingsPage lists the trainings and the requirements per role, with the
// coordinators' forms.
type trainingsPage struct {
	trainingPage
	Requirements []training.Requirement
	New          training.Training
	NewReq       training.Requirement
	Form         form
	ReqForm      form
}

func (ui *UI) trainingList(w http.ResponseWriter, r *http.Request) error {
	return ui.renderTrainings(w, r, http.StatusOK, training.Training{Kind: training.Course}, form{}, training.Requirement{}, form{})
}

func (ui *UI) renderTrainings(w http.ResponseWriter, r *http.Request, status int, in training.Training, f form, req training.Requirement, rf form) error {
	ctx := r.Context()
	if err := auth.CanReadTrainings(auth.UserFrom(ctx)); err != nil {
		return err
	}
	tp, err := ui.trainingPage(ctx, r, "training.title")
	if err != nil {
		return err
	}
	reqs, err := ui.Trainings.TrainingRequirements(ctx)
	if err != nil {
		return err
	}
	ui.render(w, r, status, "training/list", trainingsPage{trainingPage: tp, Requirements: reqs, New: in, NewReq: req, Form: f, ReqForm: rf})
	return nil
}

func (ui *UI) trainingCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageTrainings(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	in := training.Training{Title: r.PostFormValue("title"), Provider: r.PostFormValue("provider"), HeldOn: r.PostFormValue("held_on"),
		Kind: training.Kind(r.PostFormValue("kind")), ValidMonths: formInt(r, "valid_months", &problems)}
	status, problems, err := trySave(problems, func() (err error) { _, err = ui.Trainings.CreateTraining(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/trainings", "flash.saved")
	}
	return ui.renderTrainings(w, r, status, in, form{Problems: problems}, training.Requirement{}, form{})
}

func (ui *UI) trainingRequirementCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageTrainings(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	in := training.Requirement{Role: training.Role(r.PostFormValue("role")), TrainingID: int64(formInt(r, "training_id", &problems))}
	status, problems, err := trySave(problems, func() (err error) { _, err = ui.Trainings.CreateTrainingRequirement(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/trainings#requirements", "flash.saved")
	}
	return ui.renderTrainings(w, r, status, training.Training{Kind: training.Course}, form{}, in, form{Problems: problems, Prefix: "r-"})
}

func (ui *UI) trainingRequirementDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageTrainings(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := ui.Trainings.DeleteTrainingRequirement(ctx, id); err != nil {
		return err
	}
	return ui.redirect(w, r, "/trainings#requirements", "training.flash.removed")
}

// municipalityTrainingPage is a municipality's completions, gaps, expiring certificates
// and coverage: the awareness measure's figure.
type municipalityTrainingPage struct {
	trainingPage
	EHAK     string
	Records  []training.Record
	Gaps     []training.Gap
	Expiring []training.Record
	Coverage training.Coverage
	New      training.Record
	Form     form
	// Problems are a refused attendance sheet's, by row and column.
	Problems []importProblem
	// The counted completions (training_counted.go): no names.
	Counts    []training.Count
	CountGaps []training.CountGap
	NewCount  training.Count
	CountForm form
}

// Module is the E-ITS module the coverage answers, for the page's explanation.
func (p municipalityTrainingPage) Module() string { return training.AwarenessModule }

func (ui *UI) municipalityTraining(w http.ResponseWriter, r *http.Request) error {
	return ui.renderMunicipalityTraining(w, r, http.StatusOK, training.Record{CompletedOn: training.Day(ui.Now())}, form{})
}

// completions is what a municipality's training page and its sheets are made of: its
// named and counted completions, the requirements, and what every training page shares.
type completions struct {
	tp      trainingPage
	ehak    string
	records []training.Record
	counts  []training.Count
	reqs    []training.Requirement
}

// completionsOf reads the path's municipality's completions, after the read rule: one
// read for the page and each of its sheets.
func (ui *UI) completionsOf(r *http.Request) (completions, error) {
	ctx := r.Context()
	c := completions{ehak: r.PathValue("ehak")}
	if err := auth.CanReadTrainingRecords(auth.UserFrom(ctx), c.ehak); err != nil {
		return c, err
	}
	if _, err := ui.Municipalities.Municipality(ctx, c.ehak); err != nil {
		return c, err
	}
	var err error
	if c.records, err = ui.Trainings.TrainingRecords(ctx, c.ehak); err != nil {
		return c, err
	}
	if c.counts, err = ui.Trainings.TrainingCounts(ctx, c.ehak); err != nil {
		return c, err
	}
	if c.reqs, err = ui.Trainings.TrainingRequirements(ctx); err != nil {
		return c, err
	}
	c.tp, err = ui.trainingPage(ctx, r, "")
	return c, err
}

func (ui *UI) renderMunicipalityTraining(w http.ResponseWriter, r *http.Request, status int, in training.Record, f form) error {
	return ui.renderMunicipalityTrainingWith(w, r, status, in, f, nil)
}

func (ui *UI) renderMunicipalityTrainingWith(w http.ResponseWriter, r *http.Request, status int, in training.Record, f form, problems []importProblem) error {
	return ui.renderMunicipalityTrainingAll(w, r, status, in, f, problems, countInput{})
}

func (ui *UI) renderMunicipalityTrainingAll(w http.ResponseWriter, r *http.Request, status int, in training.Record, f form, problems []importProblem, count countInput) error {
	c, err := ui.completionsOf(r)
	if err != nil {
		return err
	}
	tp := c.tp
	tp.Title = tp.L.T("training.municipality.title", "Name", tp.Name(c.ehak))
	p := municipalityTrainingPage{trainingPage: tp, EHAK: c.ehak, Records: c.records, Gaps: training.Gaps(c.records, c.reqs, tp.Today),
		Expiring: training.Expiring(c.records, tp.Today, training.ExpiryWindow), New: in, Form: f, Problems: problems}
	addCounted(&p, c, count)
	ui.render(w, r, status, "training/municipality", p)
	return nil
}

func (ui *UI) trainingRecordCreate(w http.ResponseWriter, r *http.Request) error {
	return completionCreate(ui, w, r, func(r *http.Request, ehak string, problems *kovit.Problems) training.Record {
		return training.Record{MunicipalityEHAK: ehak, Person: r.PostFormValue("person"), Role: training.Role(r.PostFormValue("role")),
			TrainingID: int64(formInt(r, "training_id", problems)), CompletedOn: r.PostFormValue("completed_on")}
	}, ui.Trainings.CreateTrainingRecord, "", func(status int, in training.Record, f form) error {
		return ui.renderMunicipalityTraining(w, r, status, in, f)
	})
}

func (ui *UI) trainingRecordDelete(w http.ResponseWriter, r *http.Request) error {
	return ui.completionDelete(w, r, ui.Trainings.DeleteTrainingRecord, "")
}

// trainingGapsExport sends a municipality's gaps as CSV or XLSX.
func (ui *UI) trainingGapsExport(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.completionsOf(r)
	if err != nil {
		return err
	}
	gaps := training.Gaps(c.records, c.reqs, c.tp.Today)
	sheet := training.GapsSheet(gaps, training.CountGaps(c.counts, c.reqs, c.tp.Today), c.tp.Names, c.tp.Titles, lang(r))
	return tabular.WriteHTTP(w, r, "koolitusvajadus-"+c.ehak, sheet)
}

// allGapsPage is every municipality's coverage, for coordinators.
type allGapsPage struct {
	trainingPage
	Rows  []gapRow
	Total training.Coverage
}

type gapRow struct {
	EHAK     string
	Coverage training.Coverage
	Gaps     int
}

func (ui *UI) trainingGaps(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadAllTrainingGaps(auth.UserFrom(ctx)); err != nil {
		return err
	}
	records, err := ui.Trainings.TrainingRecords(ctx, "")
	if err != nil {
		return err
	}
	reqs, err := ui.Trainings.TrainingRequirements(ctx)
	if err != nil {
		return err
	}
	tp, err := ui.trainingPage(ctx, r, "training.gaps.title")
	if err != nil {
		return err
	}
	gaps := training.Gaps(records, reqs, tp.Today)
	counted, err := ui.Trainings.TrainingCounts(ctx, "")
	if err != nil {
		return err
	}
	if strings.HasSuffix(r.URL.Path, ".csv") || strings.HasSuffix(r.URL.Path, ".xlsx") {
		sheet := training.GapsSheet(gaps, training.CountGaps(counted, reqs, tp.Today), tp.Names, tp.Titles, lang(r))
		return tabular.WriteHTTP(w, r, "koolitusvajadus", sheet)
	}
	records = training.WithCounted(records, counted)
	byEHAK := map[string][]training.Record{}
	for _, rec := range records {
		byEHAK[rec.MunicipalityEHAK] = append(byEHAK[rec.MunicipalityEHAK], rec)
	}
	counts := map[string]int{}
	for _, g := range gaps {
		counts[g.MunicipalityEHAK]++
	}
	for _, g := range training.CountGaps(counted, reqs, tp.Today) {
		counts[g.MunicipalityEHAK] += g.Missing
	}
	p := allGapsPage{trainingPage: tp, Total: training.CoverageOf(records, reqs, tp.Today)}
	for ehak, rs := range byEHAK {
		p.Rows = append(p.Rows, gapRow{EHAK: ehak, Coverage: training.CoverageOf(rs, reqs, tp.Today), Gaps: counts[ehak]})
	}
	sortGapRows(p.Rows, tp.Names)
	ui.render(w, r, http.StatusOK, "training/gaps", p)
	return nil
}

// sortGapRows orders the rows by municipality name, as Estonian sorts it.
func sortGapRows(rows []gapRow, names map[string]string) {
	slices.SortFunc(rows, func(a, b gapRow) int {
		return strings.Compare(municipality.SortKey(names[a.EHAK]), municipality.SortKey(names[b.EHAK]))
	})
}

// awarenessOf is municipality ehak's training coverage on day, for the self-assessment's
// awareness module only (nil for every other module). The assessment's readers are the
// training records' readers, so the figure shows no more than the page already may.
func (ui *UI) awarenessOf(ctx context.Context, ehak, module, day string) (*training.Coverage, error) {
	if module != training.AwarenessModule || ui.Trainings == nil || !auth.Allowed(auth.CanReadTrainingRecords(auth.UserFrom(ctx), ehak)) {
		return nil, nil
	}
	c, err := training.LoadCoverage(ctx, ui.Trainings, ehak, day)
	if err != nil {
		return nil, err
	}
	return &c, nil
}
