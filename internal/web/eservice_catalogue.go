package web

import (
	"net/http"
	"slices"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// The catalogue is managed by coordinators; a retired service stays, with its history.

type cataloguePage struct {
	esPage
	Services          []eservice.Service
	Areas             []string
	Q, InArea, Status string
	Total             int
}

func (ui *UI) eserviceCatalogue(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	q := r.URL.Query()
	p := cataloguePage{esPage: esPage{ui.page(r, "eservice.catalogue.title")}, Q: strings.TrimSpace(q.Get("q")), InArea: q.Get("area"), Status: q.Get("status")}
	p.Nav = "eservices"
	if p.Status != "" && p.Status != "active" && p.Status != "retired" {
		var pr kovit.Problems
		pr.Add("status", "eservice.error.status")
		return pr.Err()
	}
	all, err := ui.Services.ListServices(ctx, true)
	if err != nil {
		return err
	}
	p.Total = len(all)
	needle := strings.ToLower(p.Q)
	for _, s := range all {
		if !slices.Contains(p.Areas, s.Area) {
			p.Areas = append(p.Areas, s.Area)
		}
		switch {
		case p.InArea != "" && s.Area != p.InArea,
			p.Status == "active" && s.Retired, p.Status == "retired" && !s.Retired,
			needle != "" && !strings.Contains(strings.ToLower(s.Code+" "+s.NameEt+" "+s.NameEn), needle):
			continue
		}
		p.Services = append(p.Services, s)
	}
	ui.render(w, r, http.StatusOK, "eservice/catalogue", p)
	return nil
}

type serviceFormPage struct {
	esPage
	New               bool
	S                 eservice.Service  // as in the form
	Stored            *eservice.Service // what is stored now, after a conflict
	Areas, LifeEvents []string          // suggestions
	Form              form
}

// ChannelsText is the channels as the form's comma-separated field.
func (p serviceFormPage) ChannelsText() string { return strings.Join(p.S.Channels, ", ") }

func (ui *UI) renderServiceForm(w http.ResponseWriter, r *http.Request, status int, p serviceFormPage) error {
	all, err := ui.Services.ListServices(r.Context(), true)
	if err != nil {
		return err
	}
	for _, s := range all {
		if !slices.Contains(p.Areas, s.Area) {
			p.Areas = append(p.Areas, s.Area)
		}
		if s.LifeEvent != "" && !slices.Contains(p.LifeEvents, s.LifeEvent) {
			p.LifeEvents = append(p.LifeEvents, s.LifeEvent)
		}
	}
	slices.Sort(p.LifeEvents)
	p.Nav = "eservices"
	if p.New {
		p.Title = p.L.T("eservice.catalogue.new")
	} else {
		p.Title = p.L.T("eservice.catalogue.edit_title", "Name", p.S.Name(p.L.Lang))
	}
	ui.render(w, r, status, "eservice/service_form", p)
	return nil
}

func serviceFrom(r *http.Request, p *kovit.Problems) eservice.Service {
	f := func(name string) string { return strings.TrimSpace(r.PostFormValue(name)) }
	s := eservice.Service{Code: strings.ToUpper(f("code")), NameEt: f("name_et"), NameEn: f("name_en"), Area: f("area"),
		LifeEvent: f("life_event"), DescriptionEt: f("description_et"), DescriptionEn: f("description_en"),
		LegalBasisURL: f("legal_basis_url"), Retired: r.PostFormValue("retired") == "on", Version: intParam(r.PostForm, "version", p)}
	for _, c := range strings.Split(f("channels"), ",") {
		if c = strings.TrimSpace(c); c != "" {
			s.Channels = append(s.Channels, c)
		}
	}
	return s
}

func (ui *UI) eserviceNew(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	return ui.renderServiceForm(w, r, http.StatusOK, serviceFormPage{esPage: esPage{ui.page(r, "")}, New: true})
}

func (ui *UI) eserviceCreate(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	var p kovit.Problems
	s := serviceFrom(r, &p)
	s.Retired = false // a new service starts in use
	if len(p) == 0 {
		_, err := ui.Services.CreateService(r.Context(), s)
		if err == nil {
			return ui.redirect(w, r, "/eservices/services/"+s.Code, "flash.saved")
		}
		if kovit.ErrorCode(err) != kovit.EInvalid {
			return err
		}
		p = kovit.FieldsOf(err)
	}
	return ui.renderServiceForm(w, r, http.StatusUnprocessableEntity, serviceFormPage{esPage: esPage{ui.page(r, "")}, New: true, S: s, Form: form{Problems: p}})
}

func (ui *UI) eserviceEdit(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	s, err := ui.Services.Service(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return ui.renderServiceForm(w, r, http.StatusOK, serviceFormPage{esPage: esPage{ui.page(r, "")}, S: s})
}

func (ui *UI) eserviceUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var p kovit.Problems
	s := serviceFrom(r, &p)
	s.Code = r.PathValue("code")
	status, p, err := trySave(p, func() error { _, err := ui.Services.UpdateService(ctx, s); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/eservices/services/"+s.Code, "flash.saved")
	}
	pg := serviceFormPage{esPage: esPage{ui.page(r, "")}, S: s}
	var current int
	if status == http.StatusConflict {
		stored, err := ui.Services.Service(ctx, s.Code)
		if err != nil {
			return err
		}
		pg.Stored, current = &stored, stored.Version
	}
	pg.Form.refused(pg.L, status, p, &pg.S.Version, current)
	return ui.renderServiceForm(w, r, status, pg)
}
