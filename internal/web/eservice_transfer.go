package web

import (
	"net/http"
	"net/url"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

type importPage struct {
	Page
	Columns  []string
	Problems []importProblem
	// Done: the file was imported; Changed cells were saved and Unchanged ones left alone.
	Done               bool
	Changed, Unchanged int
	OwnEHAK            string // an editor's municipality: they may import only its rows
}

func (ui *UI) eserviceImportForm(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanImport(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	ui.renderImport(w, r, http.StatusOK, importPage{})
	return nil
}

func (ui *UI) renderImport(w http.ResponseWriter, r *http.Request, status int, p importPage) {
	p.Page = ui.page(r, "transfer.import.title")
	p.Nav, p.Columns = "eservices", eservice.Columns
	p.OwnEHAK = auth.ListScope(p.User).Municipality
	ui.render(w, r, status, "eservice/import", p)
}

// eserviceImport checks every row of an uploaded file and saves them all in one go, or
// none and lists every problem by row and column.
func (ui *UI) eserviceImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanImport(u); err != nil {
		return err
	}
	fail := func(status int, problems ...importProblem) error {
		ui.renderImport(w, r, status, importPage{Problems: problems})
		return nil
	}
	head, rows, err := readUpload(w, r)
	if status, problem, ok := ui.uploadProblem(r, err); ok {
		return fail(status, problem)
	} else if err != nil {
		return err
	}
	ref, err := ui.importReference(r, u)
	if err != nil {
		return err
	}
	parsed, err := eservice.ParseImport(head, rows, ref)
	if err == nil {
		var n int
		if n, err = ui.Services.ImportCells(ctx, parsed); err == nil {
			ui.renderImport(w, r, http.StatusOK, importPage{Done: true, Changed: n, Unchanged: len(parsed) - n})
			return nil
		}
	}
	problems, ok := ui.importProblems(r, err)
	if !ok {
		return err
	}
	return fail(kovit.StatusCode(err), problems...)
}

func (ui *UI) importReference(r *http.Request, u *auth.User) (eservice.Reference, error) {
	ctx := r.Context()
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return eservice.Reference{}, err
	}
	services, err := ui.Services.ListServices(ctx, true)
	if err != nil {
		return eservice.Reference{}, err
	}
	scale, err := ui.Services.Scale(ctx)
	if err != nil {
		return eservice.Reference{}, err
	}
	may := func(ehak string) error { return auth.CanEditMunicipality(u, ehak) }
	return eservice.Reference{Municipalities: ms, Services: services, Scale: scale, May: may}, nil
}

// text is a message in the request's language, for a handler that builds a page later.
func (ui *UI) text(r *http.Request, key string) string { return ui.Catalog.Printer(lang(r)).T(key) }

// ExportLink is the export of what the user may import: their municipality's row for an
// editor, the whole matrix otherwise.
func (p importPage) ExportLink(format string) string {
	if p.OwnEHAK == "" {
		return "/eservices/matrix." + format
	}
	return "/eservices/matrix." + format + "?" + url.Values{"municipality": {p.OwnEHAK}}.Encode()
}
