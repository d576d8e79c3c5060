package web

import (
	"context"
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

// addCounted puts ehak's counted completions on p: the list, their gaps, the form, and
// the coverage of named and counted people alike.
func (ui *UI) addCounted(ctx context.Context, p *municipalityTrainingPage, records []training.Record, reqs []training.Requirement, c countInput) error {
	counts, err := ui.Trainings.TrainingCounts(ctx, p.EHAK)
	if err != nil {
		return err
	}
	p.Counts = counts
	p.CountGaps = training.CountGaps(counts, reqs, p.Today)
	p.Coverage = training.CoverageOf(training.WithCounted(records, counts), reqs, p.Today)
	p.NewCount, p.CountForm = training.Count{CompletedOn: p.Today}, c.form
	if c.in != nil {
		p.NewCount = *c.in
	}
	return nil
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
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if _, _, err := ui.trainingData(ctx, ehak); err != nil {
		return err
	}
	counts, err := ui.Trainings.TrainingCounts(ctx, ehak)
	if err != nil {
		return err
	}
	tp, err := ui.trainingPage(ctx, r, "")
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "koolitatute-arv-"+ehak, training.CountedSheet(counts, tp.Titles, lang(r)))
}
