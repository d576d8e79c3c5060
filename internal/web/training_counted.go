package web

import (
	"net/http"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// Counted completions on a municipality's training page (issue 14): how many people of a
// role completed a training, for a municipality that does not name its staff. Read and
// written by whoever reads and writes the named records.

// countInput is a refused counted completion to show again with its problems; zero for
// the empty form.
type countInput struct {
	in   *training.Count
	form form
}

// addCounted puts c's counted completions on p: the list, their gaps, the form, and the
// coverage of named and counted people alike.
func addCounted(p *municipalityTrainingPage, c completions, in countInput) {
	p.Counts = c.counts
	p.CountGaps = training.CountGaps(c.counts, c.reqs, p.Today)
	p.Coverage = training.CoverageOf(training.WithCounted(c.records, c.counts), c.reqs, p.Today)
	p.NewCount, p.CountForm = training.Count{CompletedOn: p.Today}, in.form
	if in.in != nil {
		p.NewCount = *in.in
	}
}

func (ui *UI) trainingCountCreate(w http.ResponseWriter, r *http.Request) error {
	return completionCreate(ui, w, r, func(r *http.Request, ehak string, problems *kovit.Problems) training.Count {
		return training.Count{MunicipalityEHAK: ehak, Role: training.Role(r.PostFormValue("role")),
			TrainingID: int64(formInt(r, "training_id", problems)), CompletedOn: r.PostFormValue("completed_on"),
			People: formInt(r, "people", problems)}
	}, ui.Trainings.CreateTrainingCount, "#counts", func(status int, in training.Count, f form) error {
		return ui.renderMunicipalityTrainingAll(w, r, status, training.Record{CompletedOn: training.Day(ui.Now())}, form{}, nil,
			countInput{in: &in, form: f})
	})
}

func (ui *UI) trainingCountDelete(w http.ResponseWriter, r *http.Request) error {
	return ui.completionDelete(w, r, ui.Trainings.DeleteTrainingCount, "#counts")
}

// trainingCountsExport sends a municipality's counted completions as CSV or XLSX.
func (ui *UI) trainingCountsExport(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.completionsOf(r)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "koolitatute-arv-"+c.ehak, training.CountedSheet(c.counts, c.tp.Titles, lang(r)))
}
