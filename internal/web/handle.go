package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"unicode/utf8"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/server"
)

// handlerFunc is a page handler; an error it returns becomes an error page.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle maps a handler's error to the right response: sign-in for an anonymous user,
// an error page with the status from kovit.StatusCode otherwise. Internal error text is
// logged with the request id and never shown.
func (ui *UI) handle(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !openBeforePasswordChange[r.Pattern] && auth.PasswordChangePending(auth.UserFrom(r.Context())) != nil {
			ui.redirect(w, r, "/account", "flash.must_change_password")
			return
		}
		if l := i18n.QueryLang(r); l != "" && r.Method == http.MethodGet {
			// A link's language is remembered, as the switch's is; only when it changes,
			// so the cache may keep the page for those who already chose it.
			if c, err := r.Cookie("lang"); err != nil || c.Value != l {
				rememberLang(w, r, l)
			}
		}
		err := checkText(w, r)
		if err == nil {
			err = fn(w, r)
		}
		if err == nil {
			return
		}
		code := kovit.ErrorCode(err)
		if code == kovit.EUnauthorized && r.Method == http.MethodGet {
			http.Redirect(w, r, "/sign-in?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		p := errorPage{Page: ui.page(r, "error.title"), Status: kovit.StatusCode(err)}
		if e := kovit.AsError(err); e != nil {
			p.Message = p.L.T(e.Key)
			for _, f := range e.Fields {
				p.Fields = append(p.Fields, f.Field+": "+p.L.T(f.Key))
			}
		} else {
			ui.Logger.Error("request failed", "err", err, "id", p.RequestID, "path", r.URL.Path)
			p.Message = p.L.T("error.internal", "ID", p.RequestID)
		}
		p.Title = p.L.T("error.title")
		ui.render(w, r, p.Status, "error", p)
	})
}

// openBeforePasswordChange are the routes a user who must change their password may
// still use (auth.PasswordChangePending): the change itself and leaving.
var openBeforePasswordChange = map[string]bool{
	"GET /account": true, "POST /account/password": true, "POST /sign-out": true,
	"GET /sign-in": true, "POST /sign-in": true, "POST /lang": true,
}

// maxForm bounds a form that is not a file upload (upload.go has its own bound): pages'
// longest texts are a few tens of kilobytes.
const maxForm = 1 << 20

// checkText refuses a request whose path, query or form holds a NUL byte or invalid
// UTF-8: no field of kovit's may contain them, and PostgreSQL would refuse to store them.
// A form over maxForm is refused as too large, before any of it is read as text.
func checkText(w http.ResponseWriter, r *http.Request) error {
	bad := func(s string) bool { return !utf8.ValidString(s) || strings.ContainsRune(s, 0) }
	var p kovit.Problems
	if bad(r.URL.Path) {
		p.Add("path", "error.text")
	}
	values := r.URL.Query()
	if r.Method == http.MethodPost {
		if !strings.HasPrefix(strings.ToLower(r.Header.Get("Content-Type")), "multipart/") {
			r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		}
		err := r.ParseForm()
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return kovit.Errorf(kovit.ETooLarge, "error.too_large")
		}
		if err != nil {
			p.Add("form", "error.text")
		}
		values = r.Form
	}
	for k, vs := range values {
		for _, v := range vs {
			if bad(k) || bad(v) {
				p.Add(k, "error.text")
			}
		}
	}
	return p.Err()
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes a page into a buffer first, so a template error cannot leave half a
// page behind, then writes it with the status.
func (ui *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := ui.tmpl.execute(buf, name, data); err != nil {
		ui.Logger.Error("render", "template", name, "err", err, "id", server.RequestID(r.Context()))
		http.Error(w, "Internal error / Sisemine viga", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	switch {
	case auth.UserFrom(r.Context()) != nil:
		h.Set("Cache-Control", "no-store")
		keepForViewer(r)
	case status == http.StatusOK && r.Method == http.MethodGet:
		// The same for every anonymous visitor: the server's microcache and browsers may
		// keep it a second.
		h.Set("Cache-Control", "public, max-age=1")
	}
	w.WriteHeader(status)
	w.Write(nameSummaryFields(buf.Bytes()))
}

// redirect answers a successful form post (post/redirect/get), with a message shown once.
func (ui *UI) redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) error {
	if flashKey != "" {
		ui.Auth.Sessions.Put(r.Context(), "flash", flashKey)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// localPath keeps a redirect target on this site, so next= and back= cannot send users
// elsewhere: only an absolute path of this origin passes, anything else is fallback.
// Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so
// "/\t/evil.example" or "/\\evil.example" would leave the site as "//evil.example" does:
// control characters, spaces and backslashes are refused outright.
func localPath(p, fallback string) string {
	if len(p) > maxLocalPath || !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return fallback
	}
	for _, c := range p {
		if c <= ' ' || c == 0x7f || c == '\\' || (c >= 0x80 && c <= 0x9f) {
			return fallback
		}
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		!strings.HasPrefix(u.Path, "/") || strings.HasPrefix(u.Path, "//") {
		return fallback
	}
	return p
}

// maxLocalPath bounds a redirect target: no page of kovit's needs a longer address.
const maxLocalPath = 2048
