package security

import (
	"kovit/internal/tabular"
)

// AssessmentColumns head a municipality's own assessment export, one row per module and
// per measure answered.
var AssessmentColumns = []tabular.Column{{Et: "Moodul", En: "Module"}, {Et: "Meede", En: "Measure"}, {Et: "Nimetus", En: "Title"},
	{Et: "Kohaldub", En: "Applies"}, {Et: "Välja jätmise põhjus", En: "Reason left out"}, {Et: "Vastutaja", En: "Assignee"},
	{Et: "Olek", En: "Status"}, {Et: "Omanik", En: "Owner"}, {Et: "Tähtaeg", En: "Due"}, {Et: "Põhjendus", En: "Justification"},
	{Et: "Tõendus", En: "Evidence"}, {Et: "Kinnitamata eelmise aasta vastus", En: "Last year's answer, unconfirmed"},
	{Et: "Põhimeetmeid", En: "Basic measures"}, {Et: "Rakendatud", En: "Implemented"}}

// View is a municipality's assessment laid out by module, as its page, export and API
// show it: every module of the year with its row and its measures' answers.
type View struct {
	Round      Round        `json:"round"`
	Assessment *Assessment  `json:"assessment"` // nil until started
	Figures    Figures      `json:"figures"`
	Modules    []ModuleView `json:"modules"`
}

// ModuleView is one module in a View.
type ModuleView struct {
	Module   Module        `json:"module"`
	Row      *Answer       `json:"answer"` // the module's own row, nil when unanswered
	Figure   ModuleFigure  `json:"figure"`
	Measures []MeasureView `json:"measures"`
}

// MeasureView is a measure with its answer, nil when unanswered.
type MeasureView struct {
	Measure Measure `json:"measure"`
	Answer  *Answer `json:"answer"`
}

// ViewOf lays out the answers by module, in the catalogue's order.
func ViewOf(r Round, a *Assessment, modules []Module, measures []Measure, answers []Answer) View {
	v := View{Round: r, Assessment: a, Figures: FiguresOf(modules, measures, answers)}
	type key struct{ module, measure string }
	byKey := make(map[key]*Answer, len(answers))
	for i := range answers {
		byKey[key{answers[i].ModuleCode, answers[i].MeasureCode}] = &answers[i]
	}
	byModule := map[string][]Measure{}
	for _, m := range measures {
		byModule[m.ModuleCode] = append(byModule[m.ModuleCode], m)
	}
	figures := map[string]ModuleFigure{}
	for _, f := range v.Figures.ByModule {
		figures[f.Code] = f
	}
	for _, m := range Modules(modules) {
		mv := ModuleView{Module: m, Row: byKey[key{m.Code, ""}], Figure: figures[m.Code], Measures: []MeasureView{}}
		for _, ms := range byModule[m.Code] {
			mv.Measures = append(mv.Measures, MeasureView{Measure: ms, Answer: byKey[key{m.Code, ms.Code}]})
		}
		v.Modules = append(v.Modules, mv)
	}
	return v
}

// Module finds a module's view by code.
func (v View) Module(code string) (ModuleView, bool) {
	for _, m := range v.Modules {
		if m.Module.Code == code {
			return m, true
		}
	}
	return ModuleView{}, false
}

// AssessmentSheet is a municipality's own assessment as a spreadsheet; label names a
// status in the user's language.
func AssessmentSheet(v View, lang string, label func(Status) string) tabular.Table {
	t := tabular.Table{Sheet: "E-ITS", Header: tabular.Headers(AssessmentColumns, lang)}
	row := func(module, measure, title string, a *Answer, f *ModuleFigure) []any {
		out := []any{module, measure, title}
		if a == nil {
			out = append(out, true, "", "", "", "", "", "", "", false)
		} else {
			status := ""
			if a.Status != "" {
				status = label(a.Status)
			}
			out = append(out, a.Applies, a.ExcludedReason, a.Assignee, status, a.Owner, a.Due, a.Justification, a.Evidence, a.Prefilled)
		}
		if f != nil {
			return append(out, f.Basic, f.Implemented)
		}
		return append(out, "", "")
	}
	for _, m := range v.Modules {
		f := m.Figure
		title := m.Module.TitleEt
		if lang == "en" && m.Module.TitleEn != "" {
			title = m.Module.TitleEn
		}
		t.Rows = append(t.Rows, row(m.Module.Code, "", title, m.Row, &f))
		for _, ms := range m.Measures {
			t.Rows = append(t.Rows, row(m.Module.Code, ms.Measure.Code, ms.Measure.Title, ms.Answer, nil))
		}
	}
	return t
}

// AggregateColumns head the published aggregates export.
var AggregateColumns = []tabular.Column{{Et: "Rühm", En: "Group"}, {Et: "Omavalitsusi", En: "Municipalities"},
	{Et: "Miinimum", En: "Minimum"}, {Et: "Alumine kvartiil", En: "Lower quartile"}, {Et: "Mediaan", En: "Median"},
	{Et: "Ülemine kvartiil", En: "Upper quartile"}, {Et: "Maksimum", En: "Maximum"}}

// AggregatesSheet is the published aggregates as a spreadsheet: shares as fractions;
// name gives each group its label in the user's language.
func AggregatesSheet(spreads []Spread, lang string, name func(Spread) string) tabular.Table {
	t := tabular.Table{Sheet: "E-ITS", Header: tabular.Headers(AggregateColumns, lang)}
	for _, s := range spreads {
		t.Rows = append(t.Rows, []any{name(s), s.Count, s.Min, s.Q1, s.Median, s.Q3, s.Max})
	}
	return t
}
