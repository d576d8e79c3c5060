// Package mailtest runs an SMTP server inside a test, so tests receive the mail kovit sends
// over a real SMTP conversation and check its content.
package mailtest

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one delivered message, decoded.
type Received struct {
	From    string
	To      []string
	Subject string
	Text    string
}

// Server is an SMTP server on a loopback port that keeps what it receives.
type Server struct {
	// URL is the address to configure kovit with (no TLS, no auth).
	URL string

	mu       sync.Mutex
	received []Received
	failing  int // how many next messages to refuse
	arrived  chan struct{}
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{URL: "smtp+plain://" + l.Addr().String(), arrived: make(chan struct{}, 1000)}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages returns what has arrived so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Wait returns once n messages have arrived in all, or fails the test after a few seconds.
func (s *Server) Wait(t testing.TB, n int) []Received {
	t.Helper()
	deadline := time.After(5 * time.Second)
	for len(s.Messages()) < n {
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("mail: %d of %d messages arrived", len(s.Messages()), n)
		}
	}
	return s.Messages()
}

// FailNext makes the server refuse the next n messages with a temporary error, as a mail
// server that is down would, so tests see what a sender does then.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failing = n
}

// WaitRefused returns once the messages FailNext asked to refuse have been refused, or
// fails the test after a few seconds: a test then knows which sender met the refusal.
func (s *Server) WaitRefused(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		left := s.failing
		s.mu.Unlock()
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("mail: %d refusals still waiting", left)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Server
	from string
	to   []string
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }
func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	x.s.mu.Lock()
	fail := x.s.failing > 0
	if fail {
		x.s.failing--
	}
	x.s.mu.Unlock()
	if fail {
		io.Copy(io.Discard, r)
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	msg, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	var body io.Reader = msg.Body
	switch strings.ToLower(msg.Header.Get("Content-Transfer-Encoding")) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	x.s.received = append(x.s.received, Received{From: x.from, To: x.to, Subject: subject, Text: strings.ReplaceAll(string(text), "\r\n", "\n")})
	x.s.mu.Unlock()
	x.s.arrived <- struct{}{}
	return nil
}
