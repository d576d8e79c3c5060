package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/chart"
	"kovit/internal/consult"
	"kovit/internal/desk"
	"kovit/internal/digest"
	"kovit/internal/eservice"
	"kovit/internal/i18n"
	"kovit/internal/jobs"
	"kovit/internal/landscape"
	"kovit/internal/mail"
	"kovit/internal/need"
	"kovit/internal/notify"
	"kovit/internal/refdata"
	"kovit/internal/security"
	"kovit/internal/server"
	"kovit/internal/sqlstore"
	"kovit/internal/survey"
	"kovit/internal/training"
	"kovit/internal/web"
)

// app is kovit wired together: the store, the UI and the API behind the shared middleware.
type app struct {
	store   *sqlstore.Store
	mail    mail.Sender
	digest  jobs.WeeklyDigest
	remind  *need.Reminders
	notify  notify.Mailer
	jobs    []jobs.Job // every scheduled job, run by a jobs.Runner while serving
	handler http.Handler
	routes  []string // every route pattern of the UI and the API, e.g. "POST /lang"
	metrics http.Handler
	// warm reads what the first requests after a start should find kept (WarmCells).
	warm func(context.Context) error
}

// newApp opens and migrates the database, loads the reference data, makes the first admin
// when there are no users, and builds the HTTP handler.
func newApp(ctx context.Context, c config, log *slog.Logger) (*app, error) {
	store, err := sqlstore.Open(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	a := &app{store: store}
	if a.mail, err = c.mailer(log); err != nil {
		store.Close()
		return nil, err
	}
	if err := a.prepare(ctx, c, log); err != nil {
		store.Close()
		return nil, err
	}
	catalog, err := i18n.Load()
	if err != nil {
		store.Close()
		return nil, err
	}
	a.digest = jobs.WeeklyDigest{Digest: digest.Digest{Store: store, Mail: a.mail, Catalog: catalog, BaseURL: strings.TrimRight(c.BaseURL, "/")},
		Settings: store, Log: log}
	sessions := scs.New()
	sessions.Store = store.Sessions()
	sessions.Lifetime = c.SessionLifetime
	sessions.Cookie.Name = "kovit_session"
	sessions.Cookie.HttpOnly = true
	sessions.Cookie.SameSite = http.SameSiteLaxMode
	sessions.Cookie.Secure = c.Secure
	authn := &auth.Authenticator{Sessions: sessions, Users: store}

	synthetic, err := store.Setting(ctx, "synthetic")
	if err != nil {
		store.Close()
		return nil, err
	}
	a.remind = jobs.Reminders(store, a.mail, c.BaseURL)
	if a.notify, err = a.notifier(ctx, c, catalog); err != nil {
		store.Close()
		return nil, err
	}
	calendar, err := refdata.Calendar()
	if err != nil {
		store.Close()
		return nil, err
	}
	a.jobs = jobs.Schedule(jobs.Deps{Snapshots: store, DeleteExpiredSessions: store.Sessions().DeleteExpired, Digest: a.digest,
		Reminders: a.remind, Notifications: a.notify, RoundClosing: store,
		ActivityParts: store, Security: store, CommentRounds: store, Calendar: calendar, Registers: store, Adoptions: store, Surveys: store, Trainings: store})
	dsk := desk.New(desk.Modules{Municipalities: store, Services: store, Needs: store, Plans: store, Audit: store, Follows: store, Duplicates: store})
	// Issue 12: the coordinator's queue of suggested duplicate needs.
	dsk.Providers = append(dsk.Providers, desk.Duplicates(store, desk.Modules{Municipalities: store}))
	dsk.Providers = append(dsk.Providers, security.DeskProvider(store))
	// Advice and representation (issue 15): late questions and entries to review.
	dsk.Providers = append(dsk.Providers, desk.AdviceProvider(store, calendar), desk.RoundsProvider(store))
	dsk.Providers = append(dsk.Providers, consult.DeskProvider(store), survey.DeskProvider(store, func(ctx context.Context, v desk.Viewer) bool {
		u, err := store.User(ctx, v.UserID)
		return err == nil && auth.CanApproveSurveyResponse(&u, v.Municipality) == nil
	}))
	dsk.Providers = append(dsk.Providers, landscape.DeskProvider(store))
	// the e-service cells an adopted practice asks its adopter to update.
	dsk.Providers = append(dsk.Providers, landscape.AdoptionDeskProvider(store, store))
	// Advice gaps (issue 15): the navigation's count includes the advice items to act on.
	dsk.Waiting = desk.AdviceWaiting(dsk.Waiting, func() time.Time { return store.Now() }, calendar, store)
	// Training and awareness (issue 14): expiring certificates and gaps.
	dsk.Providers = append(dsk.Providers, training.DeskProvider(store))
	deps := web.Deps{Municipalities: store, Services: store, Plans: store, Users: store, Audit: store, Auth: authn, Catalog: catalog,
		Logger: log, Synthetic: synthetic == "true", Needs: store, Reminders: a.remind,
		Links: store, Commenters: store, BaseURL: c.BaseURL, Notifications: store, Signer: a.notify.Signer, Desk: dsk, Visits: store,
		Follows: store, Security: store, Advice: store, Rounds: store, Calendar: calendar,
		Consult: store, Surveys: store, EDemocracy: store, Landscape: store, Trainings: store}
	// r3g: invitations and forgotten passwords go through the outbox, sent at once.
	deps.MailNow = a.mailNow(log)
	if deps.TrustedProxies, err = c.trustedProxies(); err != nil {
		store.Close()
		return nil, err
	}
	if deps.Map, err = eserviceMap(); err != nil {
		store.Close()
		return nil, err
	}
	if c.OIDCIssuer != "" {
		if deps.OIDC, err = web.NewOIDC(ctx, c.OIDCName, c.OIDCIssuer, c.OIDCClientID, c.OIDCSecret, c.OIDCRedirectURL); err != nil {
			store.Close()
			return nil, err
		}
	}
	ui, err := web.New(deps)
	if err != nil {
		store.Close()
		return nil, err
	}
	metrics := server.NewMetrics()
	mux := http.NewServeMux()
	ui.Register(mux)
	a.warm = ui.WarmHome
	jsonAPI := api.New(api.Deps{Municipalities: store, Services: store, Plans: store, Users: store, Audit: store, Catalog: catalog, Logger: log,
		Needs: store, BaseURL: c.BaseURL, Notifications: store, Desk: dsk, Visits: store, Follows: store, Security: store,
		Advice: store, Rounds: store, Calendar: calendar, Consult: store, Surveys: store, EDemocracy: store, Landscape: store, Trainings: store})
	authn.Refuse = jsonAPI.WriteProblem
	jsonAPI.Register(mux)
	a.routes = ui.Routes()
	for _, r := range jsonAPI.Routes() {
		a.routes = append(a.routes, r.Method+" "+r.Pattern)
	}
	health(mux, store)
	a.metrics = metrics.Handler()
	if c.MetricsAddr == "" {
		mux.Handle("GET /metrics", adminsOnly(a.metrics, ui.NotFound()))
	}
	// Every change the store hears of, this process's jobs' and other processes', empties
	// the response cache, whose expiry is then a safety net only.
	dropper := &server.Dropper{}
	store.OnChange(dropper.Drop)
	a.handler = server.Handler(mux, server.Options{Logger: log, Metrics: metrics, Authenticate: authn.Middleware,
		Secure: c.Secure, Synthetic: deps.Synthetic, SessionCookie: sessions.Cookie.Name, BaseURL: c.BaseURL,
		RequestTimeout: writeTimeout, CacheTTL: responseCacheTTL, Dropper: dropper, ViewerKey: authn.ViewerKey})
	return a, nil
}

// adminsOnly serves the metrics on the main address to admins; to everyone else, as to a
// scraper without an admin's token, they do not exist.
func adminsOnly(metrics, notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth.CanReadMetrics(auth.UserFrom(r.Context())) != nil {
			notFound.ServeHTTP(w, r)
			return
		}
		metrics.ServeHTTP(w, r)
	})
}

func (a *app) prepare(ctx context.Context, c config, log *slog.Logger) error {
	if err := a.prepareData(ctx); err != nil {
		return err
	}
	return ensureAdmin(ctx, a.store, c, log)
}

// prepareData migrates the database and loads the reference data it ships with.
func (a *app) prepareData(ctx context.Context) error {
	if err := a.store.Migrate(ctx); err != nil {
		return err
	}
	counties, err := refdata.Counties()
	if err != nil {
		return err
	}
	ms, err := refdata.Municipalities()
	if err != nil {
		return err
	}
	if err := a.store.LoadReference(ctx, counties, ms); err != nil {
		return err
	}
	services, err := refdata.Services()
	if err != nil {
		return err
	}
	if err := a.store.LoadServices(ctx, services, eservice.DefaultScale()); err != nil {
		return err
	}
	seeds, err := refdata.Strategies()
	if err != nil {
		return err
	}
	if err := a.store.LoadStrategies(ctx, seeds); err != nil {
		return err
	}
	modules, err := refdata.EITSModules()
	if err != nil {
		return err
	}
	if err := a.store.LoadEITSModules(ctx, modules); err != nil {
		return err
	}
	if err := a.store.LoadMaturityCriteria(ctx, security.DefaultMaturityCriteria()); err != nil {
		return err
	}
	solutions, err := refdata.Solutions()
	if err != nil {
		return err
	}
	return a.store.LoadSolutions(ctx, solutions)
}

// ensureAdmin makes the first admin of an empty database. Its password comes from
// KOVIT_ADMIN_PASSWORD or is generated and logged once: there is no default password.
func ensureAdmin(ctx context.Context, store *sqlstore.Store, c config, log *slog.Logger) error {
	n, err := store.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	pw, generated := c.AdminPassword, c.AdminPassword == ""
	if generated {
		pw = auth.GeneratePassword()
	} else if key := auth.PasswordProblem(pw); key != "" {
		catalog, err := i18n.Load()
		if err != nil {
			return err
		}
		return fmt.Errorf("KOVIT_ADMIN_PASSWORD is refused: %s", catalog.Printer("en").T(key))
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u, err := store.CreateUser(ctx, auth.NewUser{Email: c.AdminEmail, Name: "Administrator", Role: auth.RoleAdmin}, hash, generated)
	if err != nil {
		return fmt.Errorf("first admin: %w", err)
	}
	if generated {
		log.Warn("created the first admin with a generated password; sign in and change it", "email", u.Email, "password", pw)
	} else {
		log.Info("created the first admin", "email", u.Email)
	}
	return nil
}

// eserviceMap projects the municipality boundaries once, at start, for the e-service map.
func eserviceMap() (*chart.Mapper, error) {
	b, err := refdata.Boundaries()
	if err != nil {
		return nil, err
	}
	return chart.NewMapper(b, 640), nil
}
