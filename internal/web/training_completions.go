package web

import (
	"context"
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
)

// A municipality's completions come in two kinds on its training page, named (records)
// and counted (counts), written by the same rule (auth.CanEditTrainingRecords): one path
// saves and removes both, so the two forms cannot drift.

// completionCreate saves what read makes of the posted form as a completion of the path's
// municipality and goes back to its training page at anchor ("" or "#counts"); a refused
// one is shown again by again with its status and problems.
func completionCreate[T any](ui *UI, w http.ResponseWriter, r *http.Request, read func(r *http.Request, ehak string, p *kovit.Problems) T,
	create func(context.Context, T) (T, error), anchor string, again func(status int, in T, f form) error) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditTrainingRecords(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var problems kovit.Problems
	in := read(r, ehak, &problems)
	status, problems, err := trySave(problems, func() (err error) { _, err = create(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+ehak+"/training"+anchor, "flash.saved")
	}
	return again(status, in, form{Problems: problems})
}

// completionDelete removes the path's completion of the path's municipality and goes
// back to its training page at anchor.
func (ui *UI) completionDelete(w http.ResponseWriter, r *http.Request, del func(context.Context, string, int64) error, anchor string) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditTrainingRecords(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := del(ctx, ehak, id); err != nil {
		return err
	}
	return ui.redirect(w, r, "/municipalities/"+ehak+"/training"+anchor, "training.flash.removed")
}
