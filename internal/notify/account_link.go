package notify

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/mail"
)

// An invitation and a forgotten password's link go through the outbox as every other mail
// does (a row, retries, the one sender), but they are no event one may choose to hear of
// late: they are always immediate and not in Kinds, so the settings never offer them.
const (
	AccountInvite Kind = "account_invite"
	PasswordReset Kind = "password_reset"
)

// linkKinds are the purposes of the links these kinds carry.
var linkKinds = map[Kind]auth.LinkPurpose{AccountInvite: auth.LinkInvite, PasswordReset: auth.LinkReset}

// LinkKind is the kind of the outbox row that mails a link of the purpose.
func LinkKind(p auth.LinkPurpose) Kind {
	if p == auth.LinkInvite {
		return AccountInvite
	}
	return PasswordReset
}

// LinkIssuer issues a user's single-use link (auth.LinkStore.IssueLink).
type LinkIssuer interface {
	IssueLink(ctx context.Context, userID int64, purpose auth.LinkPurpose, hash string, expires time.Time) error
}

// splitLinks parts the link mails from the notifications of a claim.
func splitLinks(ns []Notification) (links, rest []Notification) {
	for _, n := range ns {
		if _, ok := linkKinds[n.Kind]; ok || n.Kind == CommenterSignUp {
			links = append(links, n)
		} else {
			rest = append(rest, n)
		}
	}
	return links, rest
}

// LinkPath is the page a link of the purpose opens.
func LinkPath(purpose auth.LinkPurpose) string {
	if purpose == auth.LinkInvite {
		return "/invitation"
	}
	return "/password/reset"
}

// sendLink issues u's link of n's purpose and mails it. The link is made only now, so the
// database never holds its secret, only its hash (auth.GenerateLinkToken), and it runs
// for the purpose's TTL from the mail; a retry issues a new one, which ends the old.
func (m Mailer) sendLink(ctx context.Context, u auth.User, n Notification, now time.Time) error {
	if n.Kind == CommenterSignUp {
		return m.sendCommenterLink(ctx, u, n, now)
	}
	purpose := linkKinds[n.Kind]
	token, hash := auth.GenerateLinkToken()
	if err := m.Links.IssueLink(ctx, u.ID, purpose, hash, now.Add(purpose.TTL())); err != nil {
		return err
	}
	return m.Mail.Send(ctx, m.linkMessage(u, purpose, token))
}

// linkMessage is the link's mail, in Estonian and English as the recipient's language is
// not known yet. The link starts with the configured base URL, never a request's Host,
// and its secret travels in the query, which the request log leaves out.
func (m Mailer) linkMessage(u auth.User, purpose auth.LinkPurpose, token string) mail.Message {
	link := m.BaseURL + LinkPath(purpose) + "?token=" + url.QueryEscape(token)
	hours := strconv.Itoa(int(purpose.TTL().Hours()))
	var subject, text []string
	for _, lang := range []string{"et", "en"} {
		l := m.Catalog.Printer(lang)
		subject = append(subject, l.T("onboard.mail."+string(purpose)+".subject"))
		text = append(text, l.T("onboard.mail."+string(purpose)+".text", "Name", u.Name, "Email", u.Email,
			"Role", l.T("role."+string(u.Role)), "Link", link, "Hours", hours))
	}
	return mail.Message{To: []string{u.Email}, Subject: strings.Join(subject, " / "), Text: strings.Join(text, "\n\n-- \n\n")}
}
