package api

import (
	"errors"
	"net/http"

	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/server"
	"kovit/internal/tabular"
)

// Two codes beyond kovit's domain codes: they describe a broken HTTP request, which the
// domain never sees, so they and their statuses live here rather than in kovit's table.
const (
	eMalformed kovit.Code = "malformed"          // 400: the body is not the JSON asked for
	eMethod    kovit.Code = "method_not_allowed" // 405
)

var (
	errNoRoute = kovit.NotFound()
	errMethod  = kovit.Errorf(eMethod, "api.error.method_not_allowed")
)

// problemBase starts every problem type URI; the code completes it.
const problemBase = "https://kovit.ee/problems/"

// problem is an RFC 9457 problem details body, with kovit's code, the request id and the
// bad fields as extension members.
type problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Code      kovit.Code     `json:"code"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []fieldProblem `json:"errors,omitempty"`
}

type fieldProblem struct {
	Field   string `json:"field"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

// fail writes err as a problem. An error that is not a *kovit.Error is a fault of ours:
// its text may hold SQL or paths, so it goes to the log under the request id and the
// client gets only the id to quote.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	ctx := r.Context()
	id := server.RequestID(ctx)
	p := a.printer(r)
	e := kovit.AsError(err)
	if e == nil {
		a.log.ErrorContext(ctx, "api: internal error", "id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		e = kovit.Errorf(kovit.EInternal, "error.internal")
	}
	status := statusOf(e)
	body := problem{
		Type:      problemBase + string(e.Code),
		Title:     p.T(e.Key, messageArgs(err, p, id)...),
		Status:    status,
		Detail:    detailOf(err, p),
		Code:      e.Code,
		RequestID: id,
	}
	for _, f := range e.Fields {
		body.Errors = append(body.Errors, fieldProblem{Field: f.Field, Key: f.Key, Message: p.T(f.Key)})
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", p.Lang)
	h.Set("Vary", "Accept-Language")
	if status == http.StatusUnauthorized {
		h.Set("WWW-Authenticate", `Bearer realm="kovit"`)
	}
	h.Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	if err := encode(w, body); err != nil {
		a.log.WarnContext(ctx, "api: write problem", "id", id, "err", err)
	}
}

// WriteProblem answers err as a problem in the request's language, for what refuses a
// request before it reaches a route: the authenticator's answer to a bad API token
// (auth.Authenticator.Refuse).
func (a *API) WriteProblem(w http.ResponseWriter, r *http.Request, err error) { a.fail(w, r, err) }

// messageArgs are the values a problem's title may name: the request id, and the bound
// an uploaded file went past.
func messageArgs(err error, p *i18n.Printer, id string) []any {
	args := []any{"ID", id}
	var re *tabular.RowError
	if errors.As(err, &re) {
		for k, v := range re.Args {
			args = append(args, k, p.Int(v))
		}
	}
	return args
}

func statusOf(e *kovit.Error) int {
	switch e.Code {
	case eMalformed:
		return http.StatusBadRequest
	case eMethod:
		return http.StatusMethodNotAllowed
	}
	if s := kovit.StatusCode(e); s != 0 {
		return s
	}
	// A code added to kovit without a status must not make WriteHeader panic.
	return http.StatusInternalServerError
}

// printer speaks the client's language (i18n.AcceptLang).
func (a *API) printer(r *http.Request) *i18n.Printer {
	return a.catalog.Printer(i18n.AcceptLang(r))
}
