package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// indicatorInput is the indicator form as typed, so a refused form comes back unchanged,
// "12,5" and "31.12.2027" included.
type indicatorInput struct {
	NodeID, NameEt, NameEn, Unit, Better, Breakdown string
	BaselineValue, BaselineDate                     string
	Targets                                         []targetInput
	Version                                         int
}

type targetInput struct{ Value, Date string }

// formTargets is how many target rows the form offers at least.
const formTargets = 3

// indicatorFormView gives the shared "indicator-fields" partial the page's formatting,
// the form's values and problems, and the goals and directions an indicator may sit on.
type indicatorFormView struct {
	planPage
	In    indicatorInput
	Form  form
	Nodes []plan.Node
}

// NodeValue is the chosen node as an option value; "0" is the strategy as a whole.
func (v indicatorFormView) NodeValue() string { return v.In.NodeID }

func (v indicatorFormView) Betters() []plan.Better {
	return []plan.Better{plan.HigherIsBetter, plan.LowerIsBetter}
}

func (v indicatorFormView) Breakdowns() []plan.Aggregation {
	return []plan.Aggregation{plan.NoBreakdown, plan.Sum, plan.Mean, plan.Share}
}

// TargetField names the value or date input of the target in row i (0-based).
func (v indicatorFormView) TargetField(kind string, i int) string {
	return "target_" + kind + "_" + strconv.Itoa(i+1)
}

// inputOf shows a stored indicator in the form, with at least formTargets target rows.
func inputOf(i plan.Indicator) indicatorInput {
	in := indicatorInput{NodeID: "0", NameEt: i.NameEt, NameEn: i.NameEn, Unit: i.Unit, Better: string(i.Better),
		Breakdown: string(i.Breakdown), Version: i.Version}
	if i.NodeID != nil {
		in.NodeID = strconv.FormatInt(*i.NodeID, 10)
	}
	if b := i.Baseline; b != nil {
		in.BaselineValue, in.BaselineDate = strconv.FormatFloat(b.Value, 'f', -1, 64), b.Date.Format(time.DateOnly)
	}
	for _, t := range i.Targets {
		in.Targets = append(in.Targets, targetInput{strconv.FormatFloat(t.Value, 'f', -1, 64), t.Date.Format(time.DateOnly)})
	}
	return in.withRows()
}

func (in indicatorInput) withRows() indicatorInput {
	for len(in.Targets) < formTargets {
		in.Targets = append(in.Targets, targetInput{})
	}
	return in
}

// readIndicatorForm reads the form into in and onto i (the stored indicator, or a new one),
// collecting a problem per bad field. Fields not on the form, like FromMatrix, stay as i has them.
func readIndicatorForm(r *http.Request, i plan.Indicator) (indicatorInput, plan.Indicator, kovit.Problems) {
	var p kovit.Problems
	in := indicatorInput{NodeID: r.PostFormValue("node_id"), NameEt: strings.TrimSpace(r.PostFormValue("name_et")),
		NameEn: strings.TrimSpace(r.PostFormValue("name_en")), Unit: strings.TrimSpace(r.PostFormValue("unit")),
		Better: r.PostFormValue("better"), Breakdown: r.PostFormValue("breakdown"),
		BaselineValue: r.PostFormValue("baseline_value"), BaselineDate: r.PostFormValue("baseline_date")}
	i.NameEt, i.NameEn, i.Unit = in.NameEt, in.NameEn, in.Unit
	i.Better, i.Breakdown = plan.Better(in.Better), plan.Aggregation(in.Breakdown)
	i.NodeID = nil
	if in.NodeID != "" && in.NodeID != "0" {
		id, err := strconv.ParseInt(in.NodeID, 10, 64)
		if err != nil {
			p.Add("node_id", "plan.error.indicator_node")
		}
		i.NodeID = &id
	}
	i.Baseline = formPoint(r, "baseline_value", "baseline_date", &p)
	i.Targets = nil
	for n := 1; n <= 50; n++ {
		value, date := "target_value_"+strconv.Itoa(n), "target_date_"+strconv.Itoa(n)
		if _, ok := r.PostForm[value]; !ok {
			break
		}
		in.Targets = append(in.Targets, targetInput{r.PostFormValue(value), r.PostFormValue(date)})
		if t := formPoint(r, value, date, &p); t != nil {
			i.Targets = append(i.Targets, *t)
		}
	}
	i.Version = formInt(r, "version", &p)
	in.Version = i.Version
	if len(p) > 0 { // the store will not be asked: name what else it would refuse too
		p = append(p, kovit.FieldsOf(i.Normalize().Validate())...)
	}
	return in.withRows(), i, p
}

// formPoint reads a value and its date; both empty is no point, one of them alone a problem.
func formPoint(r *http.Request, value, date string, p *kovit.Problems) *plan.Point {
	v, d := strings.TrimSpace(r.PostFormValue(value)), strings.TrimSpace(r.PostFormValue(date))
	if v == "" && d == "" {
		return nil
	}
	if v == "" {
		p.Add(value, "error.required")
	}
	if d == "" {
		p.Add(date, "error.required")
	}
	f, on := formFloat(r, value, p), optionalDate(r, date, p)
	if v == "" || on == nil {
		return nil
	}
	return &plan.Point{Value: f, Date: *on}
}

// formFields maps the store's field names for an indicator onto the form's inputs, so the
// error summary links to the input to fix.
func formFields(p kovit.Problems) kovit.Problems {
	rename := map[string]string{"direction": "better", "baseline": "baseline_value", "targets": "target_value_1"}
	out := make(kovit.Problems, len(p))
	for k, x := range p {
		if to, ok := rename[x.Field]; ok {
			x.Field = to
		}
		out[k] = x
	}
	return out
}

// measurementInput is the value form as typed.
type measurementInput struct {
	Value, Date, Municipality, Source, Note string
}

// readMeasurementForm reads the value form for ind.
func readMeasurementForm(r *http.Request, ind plan.Indicator) (measurementInput, plan.Measurement, kovit.Problems) {
	var p kovit.Problems
	in := measurementInput{Value: r.PostFormValue("value"), Date: r.PostFormValue("date"),
		Municipality: r.PostFormValue("municipality_ehak"), Source: strings.TrimSpace(r.PostFormValue("source")),
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	m := plan.Measurement{IndicatorID: ind.ID, MunicipalityEHAK: in.Municipality, Source: in.Source, Note: in.Note}
	if strings.TrimSpace(in.Value) == "" {
		p.Add("value", "error.required")
	}
	m.Value = formFloat(r, "value", &p)
	if d := optionalDate(r, "date", &p); d != nil {
		m.Date = *d
	} else if strings.TrimSpace(in.Date) == "" {
		p.Add("date", "error.required")
	}
	if ind.Breakdown != plan.NoBreakdown && in.Municipality == "" {
		p.Add("municipality_ehak", "error.required")
	}
	if ind.FromMatrix != nil {
		p.Add("value", "indicator.error.from_matrix")
	}
	return in, m, p
}
