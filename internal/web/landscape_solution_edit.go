package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// solutionForm is what the solution form shows: the values as typed and the problems.
type solutionForm struct {
	In   landscape.Solution
	Form form
}

func (f solutionForm) Services() string  { return strings.Join(f.In.ServiceCodes, ", ") }
func (f solutionForm) Links() string     { return strings.Join(f.In.Links, "\n") }
func (f solutionForm) Standards() string { return strings.Join(f.In.Standards, ", ") }

// VersionRows are the solution's versions and three empty rows for new ones.
func (f solutionForm) VersionRows() []landscape.Version {
	return append(append([]landscape.Version{}, f.In.Versions...), landscape.Version{}, landscape.Version{}, landscape.Version{})
}

// solutionView gives the solution-fields partial the page and the form.
type solutionView struct {
	landscapePage
	solutionForm
}

func (p landscapePage) SolutionView(f solutionForm) solutionView { return solutionView{p, f} }

// readSolution reads the solution form over s, keeping what the form does not hold.
func readSolution(r *http.Request, s landscape.Solution, p *kovit.Problems) landscape.Solution {
	s.Name = r.PostFormValue("name")
	s.Kind = landscape.Kind(r.PostFormValue("kind"))
	s.Area = landscape.Area(r.PostFormValue("area"))
	s.Description = r.PostFormValue("description")
	s.Supplier = r.PostFormValue("supplier")
	s.Owner = r.PostFormValue("owner")
	s.Licence = r.PostFormValue("licence")
	s.Hosting = r.PostFormValue("hosting")
	s.ServiceCodes = splitList(r.PostFormValue("service_codes"))
	s.Links = strings.Fields(r.PostFormValue("links"))
	s.Standards = splitList(r.PostFormValue("standards"))
	numbers := r.PostForm["version_number"]
	if len(numbers) > 103 {
		p.Add("versions", "error.too_long")
		numbers = numbers[:103]
	}
	s.Versions = nil
	at := func(name string, i int) string {
		if vs := r.PostForm[name]; i < len(vs) {
			return vs[i]
		}
		return ""
	}
	for i, n := range numbers {
		s.Versions = append(s.Versions, landscape.Version{Number: n, Released: at("version_released", i),
			EndOfSupport: at("version_end", i), Status: landscape.VersionStatus(at("version_status", i))})
	}
	if v := r.PostFormValue("version"); v != "" {
		s.Version = formInt(r, "version", p)
	}
	s.Normalize()
	return s
}

// solutionNewPage adds a solution (coordinators) or proposes one (municipalities).
type solutionNewPage struct {
	landscapePage
	solutionForm
}

func (p solutionNewPage) View() solutionView { return p.SolutionView(p.solutionForm) }

func (ui *UI) solutionNew(w http.ResponseWriter, r *http.Request) error {
	if err := mayAddSolution(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	in := landscape.Solution{Kind: landscape.KindCommercial}
	in.Normalize()
	return ui.renderSolutionNew(w, r, http.StatusOK, solutionForm{In: in})
}

// mayAddSolution: coordinators add solutions, municipalities propose them.
func mayAddSolution(u *auth.User) error {
	if auth.CanEditCatalogue(u) == nil {
		return nil
	}
	return auth.CanProposeSolution(u)
}

func (ui *UI) renderSolutionNew(w http.ResponseWriter, r *http.Request, status int, f solutionForm) error {
	lp, err := ui.landscapePage(r, "landscape.new.title")
	if err != nil {
		return err
	}
	ui.render(w, r, status, "landscape/solution_new", solutionNewPage{landscapePage: lp, solutionForm: f})
	return nil
}

// solutionCreate adds an accepted solution for a coordinator, a proposal of the editor's
// municipality for anyone else who may propose.
func (ui *UI) solutionCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := mayAddSolution(u); err != nil {
		return err
	}
	var problems kovit.Problems
	s := readSolution(r, landscape.Solution{}, &problems)
	s.State, s.Version = landscape.Accepted, 0
	if auth.CanEditCatalogue(u) != nil {
		s.State, s.ProposedBy = landscape.Proposed, auth.ListScope(u).Municipality
	}
	alsoInvalid(&problems, s.Validate())
	var created landscape.Solution
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Landscape.CreateSolution(ctx, s); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/solutions/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderSolutionNew(w, r, status, solutionForm{In: s, Form: form{Problems: problems}})
}

// solutionUpdate saves a coordinator's changes to a solution.
func (ui *UI) solutionUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if err := auth.CanEditCatalogue(u); err != nil {
		return err
	}
	old, err := ui.Landscape.Solution(ctx, id)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	s := readSolution(r, old, &problems)
	alsoInvalid(&problems, s.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.UpdateSolution(ctx, s); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/solutions/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadSolution(r, id)
	if err != nil {
		return err
	}
	p.Edit = solutionForm{In: s}
	p.Edit.Form.refused(p.L, status, problems, &p.Edit.In.Version, p.S.Version)
	ui.render(w, r, status, "landscape/solution", p)
	return nil
}

// solutionDecide accepts a proposal into the catalogue, or merges it into the solution it
// duplicates (every landscape row moves along).
func (ui *UI) solutionDecide(accept bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if err := auth.CanEditCatalogue(auth.UserFrom(ctx)); err != nil {
			return err
		}
		var problems kovit.Problems
		version := formInt(r, "version", &problems)
		var into int64
		if !accept {
			if v := formID(r, "into", &problems); v != nil {
				into = *v
			} else if !problems.Has("into") {
				problems.Add("into", "landscape.error.solution")
			}
		}
		status, problems, err := trySave(problems, func() error {
			if accept {
				_, err := ui.Landscape.AcceptSolution(ctx, id, version)
				return err
			}
			_, err := ui.Landscape.MergeSolution(ctx, id, into, version)
			return err
		})
		if err != nil {
			return err
		}
		if status == 0 {
			return ui.redirect(w, r, "/solutions/"+strconv.FormatInt(id, 10), "flash.saved")
		}
		p, err := ui.loadSolution(r, id)
		if err != nil {
			return err
		}
		p.Edit = solutionForm{In: p.S}
		p.Edit.Form.refused(p.L, status, problems, nil, 0)
		ui.render(w, r, status, "landscape/solution", p)
		return nil
	}
}
