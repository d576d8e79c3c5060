// Package web is kovit's HTML user interface: server-rendered pages in Estonian and
// English that work without JavaScript.
package web

import (
	"log/slog"
	"net/netip"
	"time"

	"kovit/internal/advice"
	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/chart"
	"kovit/internal/consult"
	"kovit/internal/desk"
	"kovit/internal/edemocracy"
	"kovit/internal/eservice"
	"kovit/internal/follow"
	"kovit/internal/i18n"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/notify"
	"kovit/internal/plan"
	"kovit/internal/refdata"
	"kovit/internal/security"
	"kovit/internal/survey"
	"kovit/internal/training"
)

// Deps is what the UI needs; cmd/kovit provides it.
type Deps struct {
	Municipalities municipality.Store
	Services       eservice.Store
	Plans          plan.Store
	Needs          need.Store
	// Reminders sends a needs round's reminders; nil hides the button.
	Reminders *need.Reminders
	Users     auth.Store
	Audit     audit.Store
	Auth      *auth.Authenticator
	Catalog   *i18n.Catalog
	Logger    *slog.Logger
	// Synthetic marks a database filled by the demo generator: every page says so.
	Synthetic bool
	// OIDC, when set, offers sign-in through an external identity provider.
	OIDC *OIDC
	// Map draws the municipalities for the e-service map; nil leaves the map page a table.
	Map *chart.Mapper
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names the client that
	// the sign-in limit counts; a request from anywhere else counts by its own address.
	TrustedProxies []netip.Prefix
	Now            func() time.Time
	// Links and BaseURL serve invitations and password resets, whose links go out by
	// mail through the notification outbox and start with the configured base URL.
	Links   auth.LinkStore
	BaseURL string
	// MailNow asks the notification outbox to send its immediate mail now, as an
	// invitation's or a forgotten password's link is awaited (notify.Prompt); nil leaves
	// it to the mail job's next run.
	MailNow func()
	// Commenters signs members of the public up to comment on consultations.
	Commenters auth.CommenterStore

	// Notifications (issue 12): the user's list and settings; Signer checks a mail's
	// settings link.
	Notifications notify.Store
	Signer        notify.Signer

	// Desk lists each signed-in user's start page; Visits keeps their last visits.
	Desk   *desk.Desk
	Visits desk.Visits
	// Follows keeps what each user follows (internal/follow).
	Follows follow.Store

	// Security is the E-ITS self-assessment (issue 14).
	Security security.Store

	// Advice (issue 15): questions, the knowledge base and rounds of comment; Calendar
	// counts their working days.
	Advice   advice.Store
	Rounds   advice.RoundStore
	Calendar *advice.Calendar

	// Consult keeps consultations on the association's drafts (issue 16).
	Consult consult.Store
	// Surveys keeps the yearly surveys of the municipalities (issue 16).
	Surveys survey.Store
	// EDemocracy keeps each municipality's e-democracy practice (issue 16).
	EDemocracy edemocracy.Store

	// Landscape is the solution catalogue and the municipalities' IT landscapes (issue 13).
	Landscape landscape.Store

	// Trainings keeps trainings, role requirements and completions (issue 14).
	Trainings training.Store
}

// UI serves the HTML pages.
type UI struct {
	Deps
	tmpl    *templates
	limiter *signInLimiter
	resets  *signInLimiter // forgotten-password requests, limited as sign-in is
	// matrixMemo keeps the matrix page's figures per kept grid.
	matrixMemo *matrixMemo
	// surveyResultsCache keeps the survey results pages' rendered questions.
	surveyResultsCache surveyResultsCache
}

// New parses every template (failing on any error) and returns the UI.
func New(d Deps) (*UI, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Calendar == nil {
		cal, err := refdata.Calendar()
		if err != nil {
			return nil, err
		}
		d.Calendar = cal
	}
	t, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	return &UI{Deps: d, tmpl: t, limiter: newSignInLimiter(d.Now), resets: newSignInLimiter(d.Now), matrixMemo: &matrixMemo{}}, nil
}
