package notify

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/mail"
)

// CommenterSignUp is the mail with a member of the public's link to comment on a
// consultation (auth/commenter.go). Like an invitation it is always immediate and not in
// Kinds; its row names the consultation, and its title is the consultation's.
const CommenterSignUp Kind = "commenter_sign_up"

// CommenterLinkIssuer issues a commenter's sign-up link (auth.CommenterStore).
type CommenterLinkIssuer interface {
	IssueCommenterLink(ctx context.Context, userID, consultationID int64, hash string, expires time.Time) error
}

// errNoLink is a link mail that is not to be sent: the row stays claimed, not retried.
var errNoLink = errors.New("notify: no link to send")

// sendCommenterLink issues the commenter's link only now, as sendLink does, so a retry
// mails a new link that ends the one before. An account no longer a public commenter,
// or a consultation that is gone, gets nothing (errNoLink).
func (m Mailer) sendCommenterLink(ctx context.Context, u auth.User, n Notification, now time.Time) error {
	consultationID, err := leadingID(n.EntityID)
	if err != nil || !u.PublicCommenter || m.Commenters == nil {
		return errNoLink
	}
	token, hash := auth.GenerateLinkToken()
	if err := m.Commenters.IssueCommenterLink(ctx, u.ID, consultationID, hash, now.Add(auth.CommenterLinkTTL)); err != nil {
		if kovit.ErrorCode(err) == kovit.ENotFound {
			return errNoLink
		}
		return err
	}
	return m.Mail.Send(ctx, m.commenterMessage(u, n.Title, token))
}

// commenterMessage is the sign-up link's mail in Estonian and English, as the other link
// mails are: the outbox does not know the language the page was asked in.
func (m Mailer) commenterMessage(u auth.User, title, token string) mail.Message {
	link := m.BaseURL + "/consultations/sign-up/confirm?token=" + url.QueryEscape(token)
	minutes := strconv.Itoa(int(auth.CommenterLinkTTL.Minutes()))
	var subject, text []string
	for _, lang := range []string{"et", "en"} {
		l := m.Catalog.Printer(lang)
		subject = append(subject, l.T("consult.signup.mail.subject", "Title", title))
		text = append(text, l.T("consult.signup.mail.text", "Name", u.Name, "Title", title, "Link", link, "Minutes", minutes))
	}
	return mail.Message{To: []string{u.Email}, Subject: strings.Join(subject, " / "), Text: strings.Join(text, "\n\n-- \n\n")}
}
