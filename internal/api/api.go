// Package api is kovit's JSON API under /api/v1: the same domain services the HTML UI
// uses, with RFC 9457 problem bodies for errors and an OpenAPI 3.1 description.
package api

import (
	"kovit/internal/advice"
	"log/slog"
	"net/http"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/desk"
	"kovit/internal/edemocracy"
	"kovit/internal/eservice"
	"kovit/internal/follow"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/notify"
	"kovit/internal/plan"
	"kovit/internal/security"
	"kovit/internal/server"
	"kovit/internal/survey"
	"kovit/internal/training"
)

// Deps are the services the API works on; cmd/kovit passes the one sqlstore for all stores.
type Deps struct {
	Municipalities municipality.Store
	Services       eservice.Store
	Plans          plan.Store
	Needs          need.Store
	Users          auth.Store
	Audit          audit.Store
	Notifications  notify.Store
	Catalog        *i18n.Catalog
	Logger         *slog.Logger
	// BaseURL is this server's public address (--base-url), the one source of absolute
	// URLs in responses.
	BaseURL string
	// Desk lists each signed-in user's desk; Visits keeps their last visits.
	Desk   *desk.Desk
	Visits desk.Visits
	// Follows keeps what each user follows (internal/follow).
	Follows follow.Store
	// Security is the E-ITS self-assessment (issue 14).
	Security security.Store
	// Advice (issue 15): questions and the knowledge base; Calendar counts working days
	// (the shipped Estonian one when nil).
	Advice   advice.Store
	Rounds   advice.RoundStore
	Calendar *advice.Calendar
	// Consult keeps consultations on the association's drafts (issue 16).
	Consult consult.Store
	Surveys survey.Store
	// EDemocracy keeps each municipality's e-democracy practice (issue 16).
	EDemocracy edemocracy.Store
	// Landscape is the solution catalogue and the municipalities' IT landscapes (issue 13).
	Landscape landscape.Store
	// Trainings keeps trainings, role requirements and completions (issue 14).
	Trainings training.Store
}

// API serves the JSON API.
type API struct {
	municipalities municipality.Store
	services       eservice.Store
	plans          plan.Store
	needs          need.Store
	users          auth.Store
	audit          audit.Store
	notifications  notify.Store
	catalog        *i18n.Catalog
	log            *slog.Logger
	baseURL        string
	desk           *desk.Desk
	visits         desk.Visits
	follows        follow.Store
	security       security.Store
	advice         advice.Store
	rounds         advice.RoundStore
	calendar       *advice.Calendar
	consult        consult.Store
	surveys        survey.Store
	edemocracy     edemocracy.Store
	landscape      landscape.Store
	trainings      training.Store
}

// New returns the API over d.
func New(d Deps) *API {
	log := d.Logger
	if log == nil {
		log = slog.Default()
	}
	return &API{
		municipalities: d.Municipalities,
		services:       d.Services,
		plans:          d.Plans,
		needs:          d.Needs,
		users:          d.Users,
		notifications:  d.Notifications,
		audit:          d.Audit,
		catalog:        d.Catalog,
		log:            log,
		baseURL:        strings.TrimRight(d.BaseURL, "/"),
		desk:           d.Desk,
		visits:         d.Visits,
		follows:        d.Follows,
		security:       d.Security,
		advice:         d.Advice,
		rounds:         d.Rounds,
		calendar:       d.Calendar,
		consult:        d.Consult,
		surveys:        d.Surveys,
		edemocracy:     d.EDemocracy,
		landscape:      d.Landscape,
		trainings:      d.Trainings,
	}
}

// Register adds every API route to mux, which the HTML UI shares. It also claims the rest
// of /api/v1/, so a client that gets a path or method wrong reads a problem body rather
// than the UI's HTML error page.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.routes() {
		mux.Handle(rt.method+" "+rt.pattern, a.serve(rt))
	}
	mux.Handle(prefix+"/", a.unmatched(mux))
}

// serve runs a handler and turns the error it returns into a problem response.
func (a *API) serve(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if rt.perUser {
			// What this route shows depends on who asks; no cache may hand it to another.
			w.Header().Set("Cache-Control", "no-store")
		} else if r.Method == http.MethodGet {
			// Public data: the server's microcache and clients may keep it a second; problem
			// messages follow Accept-Language, so shared caches must key on it too.
			w.Header().Set("Cache-Control", "public, max-age=1")
			w.Header().Add("Vary", "Accept-Language")
		}
		// The API has no way to change a password, so it serves nothing until it is changed.
		err := auth.PasswordChangePending(auth.UserFrom(r.Context()))
		if err == nil {
			err = rt.handle(w, r)
		}
		if err != nil {
			a.fail(w, r, err)
		}
	})
}

// unmatched answers paths under /api/v1/ that no route has: 405 when another method of
// the same path exists, 404 otherwise.
func (a *API) unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allow := server.AllowedMethods(mux, r, prefix+"/")
		if len(allow) == 0 {
			a.fail(w, r, errNoRoute)
			return
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		a.fail(w, r, errMethod)
	})
}

// writeJSON sends v with status. An encoding failure after the header is out cannot reach
// the client any more, so it is only logged.
func (a *API) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := encode(w, v); err != nil {
		a.log.WarnContext(r.Context(), "api: write response", "path", r.URL.Path, "err", err)
	}
	return nil
}

// page is one page of a list, the answer of every list; Total counts every match, not
// only this page.
type page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// pageOf is the page pg of all, a list held whole in memory. Without a limit it is every
// item from the offset on, as such a list answered before it took a limit, and Limit says
// how many that is.
func pageOf[T any](all []T, pg kovit.Page) page[T] {
	from := min(pg.Offset, len(all))
	to := len(all)
	if pg.Limit > 0 {
		to = min(from+pg.Limit, len(all))
	} else {
		pg.Limit = to - from
	}
	return page[T]{orEmpty(all[from:to]), len(all), pg.Limit, pg.Offset}
}

// orEmpty keeps an empty result an empty JSON array rather than null, which clients
// would have to special-case.
func orEmpty[T any](items []T) []T {
	if items == nil {
		return []T{}
	}
	return items
}
