package notify

import (
	"context"
	"errors"
	"fmt"
	"kovit/internal/advice"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/mail"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// Mailer sends what the outbox holds: each user's immediate notifications at once, the
// daily digest from 07:00 Estonian time and the weekly digest from Monday 07:00, one mail
// per user and delivery holding all of theirs.
type Mailer struct {
	Store Store
	Users interface {
		User(ctx context.Context, id int64) (auth.User, error)
	}
	Needs interface {
		Need(ctx context.Context, id int64) (need.Need, error)
	}
	Plans PlanReader
	// Advice reads the questions and rounds of comment a notification is about (issue 15).
	Advice AdviceReader
	Mail   mail.Sender
	// Links issues the link an invitation or a forgotten password's mail carries.
	Links LinkIssuer
	// Commenters issues the link a member of the public's sign-up mail carries.
	Commenters CommenterLinkIssuer
	Catalog    *i18n.Catalog
	Signer     Signer
	BaseURL    string
}

// DigestStart is the last start of a delivery's period at or before now: a notification
// made before it goes into that digest. Immediate ones go at once.
func DigestStart(d Delivery, now time.Time) time.Time {
	local := now.In(kovit.Estonia)
	seven := time.Date(local.Year(), local.Month(), local.Day(), 7, 0, 0, 0, kovit.Estonia)
	if seven.After(local) {
		seven = seven.AddDate(0, 0, -1)
	}
	switch d {
	case Daily:
		return seven
	case Weekly:
		for seven.Weekday() != time.Monday {
			seven = seven.AddDate(0, 0, -1)
		}
		return seven
	}
	return now.Add(time.Nanosecond)
}

// Send mails every delivery that is due and returns how many mails went. A mail that
// fails is given back to the outbox and tried at the next run; the others go on.
func (m Mailer) Send(ctx context.Context, now time.Time) (int, error) {
	return m.send(ctx, now, Immediate, Daily, Weekly)
}

func (m Mailer) send(ctx context.Context, now time.Time, ds ...Delivery) (int, error) {
	sent := 0
	var failed []error
	for _, d := range ds {
		before := DigestStart(d, now)
		users, err := m.Store.MailDue(ctx, d, before)
		if err != nil {
			return sent, err
		}
		for _, id := range users {
			n, err := m.sendOne(ctx, id, d, before, now)
			if err != nil {
				failed = append(failed, err)
			}
			sent += n
		}
	}
	return sent, errors.Join(failed...)
}

// sendOne mails the user's due notifications of d in one mail, and each link (an
// invitation, a forgotten password's) in a mail of its own; it returns how many went.
func (m Mailer) sendOne(ctx context.Context, userID int64, d Delivery, before, now time.Time) (int, error) {
	u, err := m.Users.User(ctx, userID)
	if err != nil {
		return 0, err
	}
	settings, err := m.Store.NotificationSettings(ctx, userID)
	if err != nil {
		return 0, err
	}
	claimed, err := m.Store.ClaimMail(ctx, userID, d, before, now)
	if err != nil || len(claimed) == 0 {
		return 0, err
	}
	// An account without an address (a commenter signed up by eID) reads its
	// notifications in kovit only: they stay claimed, as mailed, so no run tries again.
	if u.Email == "" {
		return 0, nil
	}
	links, claimed := splitLinks(claimed)
	sent := 0
	var failed []error
	for _, n := range links {
		// An account deactivated since the link was asked for gets none.
		if !u.Active {
			continue
		}
		if err := m.sendLink(ctx, u, n, now); errors.Is(err, errNoLink) {
			continue
		} else if err != nil {
			failed = append(failed, err, m.Store.ReleaseMail(ctx, []int64{n.ID}, now))
			continue
		}
		sent++
	}
	if len(claimed) == 0 {
		return sent, errors.Join(failed...)
	}
	// What the recipient may no longer read stays claimed: it is not theirs to be mailed.
	items, err := m.readable(ctx, &u, claimed)
	if err != nil || len(items) == 0 {
		if err != nil {
			failed = append(failed, err, m.Store.ReleaseMail(ctx, ids(claimed), now))
		}
		return sent, errors.Join(failed...)
	}
	if err := m.Mail.Send(ctx, m.message(u, settings.Lang, d, items)); err != nil {
		return sent, errors.Join(append(failed, err, m.Store.ReleaseMail(ctx, ids(claimed), now))...)
	}
	return sent + 1, nil
}

func ids(ns []Notification) []int64 {
	out := make([]int64, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

// readable keeps the notifications whose subject u may read now by the pages' rules: a
// need the editor's municipality no longer owns, or an account deactivated since, is not
// mailed.
func (m Mailer) readable(ctx context.Context, u *auth.User, ns []Notification) ([]Notification, error) {
	out := ns[:0:0]
	for _, n := range ns {
		err := m.mayRead(ctx, u, n)
		switch kovit.ErrorCode(err) {
		case "":
			out = append(out, n)
		case kovit.ENotFound, kovit.EForbidden, kovit.EUnauthorized:
		default:
			return nil, err
		}
	}
	return out, nil
}

func (m Mailer) mayRead(ctx context.Context, u *auth.User, n Notification) error {
	if err := auth.CanReadInternal(u); err != nil {
		return err
	}
	switch n.Entity {
	case audit.KindNeed:
		id, err := leadingID(n.EntityID)
		if err != nil {
			return err
		}
		nd, err := m.Needs.Need(ctx, id)
		if err != nil {
			return err
		}
		return auth.CanReadNeed(u, nd.MunicipalityEHAK, nd.State.Editable())
	case EntityPart, audit.KindPlanNode:
		id, err := leadingID(n.EntityID)
		if err != nil {
			return err
		}
		activity, err := m.Plans.Node(ctx, id)
		if err != nil {
			return err
		}
		return m.mayReadStrategy(ctx, u, activity.StrategyID)
	case audit.KindReport:
		id, err := leadingID(n.EntityID)
		if err != nil {
			return err
		}
		r, err := m.Plans.Report(ctx, id)
		if err != nil {
			return err
		}
		return m.mayReadStrategy(ctx, u, r.StrategyID)
	case audit.KindInquiry, audit.KindCommentRound:
		return m.mayReadAdvice(ctx, u, n)
	case audit.KindTrainingRecord:
		ehak, _, _ := strings.Cut(n.EntityID, "/")
		return auth.CanReadTrainingRecords(u, ehak)
	}
	return nil // cells are public, rounds internal
}

// AdviceReader is what the read rule of the advice module's notifications reads.
type AdviceReader interface {
	Inquiry(ctx context.Context, id int64) (advice.Inquiry, error)
	CommentRound(ctx context.Context, id int64) (advice.Round, error)
}

// mayReadAdvice asks the pages' rules of a question (its municipality's and the
// association's) and of a round (a restricted draft only its named people's).
func (m Mailer) mayReadAdvice(ctx context.Context, u *auth.User, n Notification) error {
	if m.Advice == nil {
		return kovit.Forbidden()
	}
	id, err := leadingID(n.EntityID)
	if err != nil {
		return err
	}
	if n.Entity == audit.KindInquiry {
		q, err := m.Advice.Inquiry(ctx, id)
		if err != nil {
			return err
		}
		return auth.CanReadInquiry(u, q.MunicipalityEHAK)
	}
	r, err := m.Advice.CommentRound(ctx, id)
	if err != nil {
		return err
	}
	return auth.CanReadRound(u, r.Public, r.Names(u.ID))
}

func (m Mailer) mayReadStrategy(ctx context.Context, u *auth.User, id int64) error {
	s, err := m.Plans.Strategy(ctx, id)
	if err != nil {
		return err
	}
	return plan.CheckRead(ctx, m.Plans, s, auth.StrategyReader(u))
}

// PlanReader is what the read rule of a plan's notifications reads.
type PlanReader interface {
	Node(ctx context.Context, id int64) (plan.Node, error)
	Strategy(ctx context.Context, id int64) (plan.Strategy, error)
	Report(ctx context.Context, id int64) (plan.Report, error)
	plan.Owners
}

// leadingID is the number an entity id starts with: a need's id, a participant's activity.
func leadingID(entityID string) (int64, error) {
	s, _, _ := strings.Cut(entityID, "/")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, kovit.NotFound()
	}
	return id, nil
}

// message is one user's mail in their language, with the link to their settings.
func (m Mailer) message(u auth.User, lang string, d Delivery, items []Notification) mail.Message {
	p := m.Catalog.Printer(lang)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n%s\n\n", p.T("notify.mail.greeting", "Name", u.Name), p.T("notify.mail.intro."+string(d)))
	for _, n := range items {
		fmt.Fprintf(&b, "- %s: %s\n", p.T("notify.kind."+string(n.Kind)), n.Title)
		if n.Kind == CommentOutcome {
			n.Reason = advice.FatesText(n.Reason, p.T)
		}
		if n.Reason != "" {
			fmt.Fprintf(&b, "  %s\n", n.Reason)
		}
		fmt.Fprintf(&b, "  %s%s\n", m.BaseURL, n.Path())
	}
	fmt.Fprintf(&b, "\n%s\n%s/notifications/settings/%s\n", p.T("notify.mail.settings"), m.BaseURL, m.Signer.SettingsToken(u.ID))
	subject := p.T("notify.mail.subject."+string(d), "Count", len(items))
	if len(items) == 1 && d == Immediate {
		subject = p.T("notify.kind."+string(items[0].Kind)) + ": " + items[0].Title
	}
	return mail.Message{To: []string{u.Email}, Subject: subject, Text: b.String()}
}
