package web

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/mail"
)

// linkPath is the page a link of the purpose opens.
func linkPath(purpose auth.LinkPurpose) string {
	if purpose == auth.LinkInvite {
		return "/invitation"
	}
	return "/password/reset"
}

// sendLink mails u the link of the purpose, in Estonian and English as the recipient's
// language is not known yet. The link starts with the configured base URL, never the
// request's Host, and its secret travels in the query, which the request log leaves out.
func (ui *UI) sendLink(ctx context.Context, u auth.User, purpose auth.LinkPurpose, token string) error {
	link := strings.TrimRight(ui.BaseURL, "/") + linkPath(purpose) + "?token=" + url.QueryEscape(token)
	hours := strconv.Itoa(int(purpose.TTL().Hours()))
	var subject, text []string
	for _, lang := range []string{"et", "en"} {
		l := ui.Catalog.Printer(lang)
		subject = append(subject, l.T("onboard.mail."+string(purpose)+".subject"))
		text = append(text, l.T("onboard.mail."+string(purpose)+".text", "Name", u.Name, "Email", u.Email,
			"Role", l.T("role."+string(u.Role)), "Link", link, "Hours", hours))
	}
	return ui.Mail.Send(ctx, mail.Message{To: []string{u.Email}, Subject: strings.Join(subject, " / "),
		Text: strings.Join(text, "\n\n-- \n\n")})
}
