// Package mail sends kovit's e-mail: the action plan's weekly digest and the needs rounds'
// reminders. Messages are plain text in UTF-8; the modules build the text, this package only
// delivers it.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one e-mail to one or more recipients.
type Message struct {
	To      []string
	Subject string
	Text    string
}

// Sender delivers messages. SMTP is the real one; Log stands in when no server is set.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SMTP delivers through an SMTP server.
type SMTP struct {
	client *gomail.Client
	from   string
}

// NewSMTP reads a server address of the form smtp://user:password@host:port. The scheme
// says how to secure it: "smtps" is TLS from the start, "smtp" requires STARTTLS, and
// "smtp+plain" sends in the clear, which is only for a relay on the same host or for tests.
func NewSMTP(rawURL, from string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("mail server address: %w", err)
	}
	if from == "" {
		return nil, fmt.Errorf("mail server address: a sender address (from) is required")
	}
	opts := []gomail.Option{gomail.WithTimeout(20 * time.Second)}
	defaultPort := 587
	switch u.Scheme {
	case "smtps":
		opts = append(opts, gomail.WithSSL())
		defaultPort = 465
	case "smtp":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case "smtp+plain":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		defaultPort = 25
	default:
		return nil, fmt.Errorf("mail server address: scheme %q is not smtp, smtps or smtp+plain", u.Scheme)
	}
	port := defaultPort
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail server address: port %q", p)
		}
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil {
		pw, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthPlain), gomail.WithUsername(u.User.Username()), gomail.WithPassword(pw))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("mail server address: %w", err)
	}
	return &SMTP{client: c, from: from}, nil
}

// Send delivers m with one connection.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := msg.To(m.To...); err != nil {
		return fmt.Errorf("mail to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("sending mail to %s: %w", strings.Join(m.To, ", "), err)
	}
	return nil
}

// Log is the Sender when no mail server is configured: it logs what it would have sent, so
// a development server shows its digests and reminders without a mail server.
type Log struct{ Logger *slog.Logger }

// Send logs m.
func (l Log) Send(_ context.Context, m Message) error {
	l.Logger.Info("mail not sent: no mail server configured", "to", m.To, "subject", m.Subject)
	return nil
}
