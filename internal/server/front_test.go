package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// frontPair serves one handler chain twice: through a Front (withFront) and through
// net/http's server alone. Whatever a client sends, both must answer it byte for byte
// alike (but for the Date), since they share the cache.
type frontPair struct {
	front            *Front
	withFront, alone string
	servers          []*http.Server
	renders          atomic.Int64
}

func newFrontPair(t testing.TB, m *Metrics) *frontPair {
	p := &frontPair{}
	big := bytes.Repeat([]byte("<tr><td>Tallinn</td><td>3</td><td>e-teenus</td></tr>\n"), 2000) // 100 KB: sent from a memory file
	mux := http.NewServeMux()
	page := func(body []byte, typed bool) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			p.renders.Add(1)
			if typed {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
			}
			w.Header().Set("Cache-Control", "public, max-age=1")
			w.Write(body)
		}
	}
	mux.HandleFunc("GET /page", page([]byte("<!doctype html><title>Omavalitsused</title><p>79</p>"), true))
	mux.HandleFunc("GET /big", page(big, true))
	mux.HandleFunc("GET /untyped", page([]byte("<!doctype html><p>sniffed</p>"), false))
	mux.HandleFunc("GET /miss/{n}", func(w http.ResponseWriter, r *http.Request) {
		page([]byte("page "+r.PathValue("n")), true)(w, r)
	})
	mux.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "got %d bytes", len(b))
	})
	h := Handler(mux, Options{SessionCookie: "kovit_session", CacheTTL: time.Hour, Metrics: m})
	quiet := log.New(io.Discard, "", 0)
	serve := func(front bool) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 2 * time.Second, IdleTimeout: 5 * time.Second,
			WriteTimeout: 5 * time.Second, ConnContext: ConnContext, ErrorLog: quiet}
		var serving net.Listener = ln
		if front {
			p.front = NewFront(h, ln, FrontLimits{ReadHeaderTimeout: 2 * time.Second, IdleTimeout: 5 * time.Second,
				WriteTimeout: 5 * time.Second}, nil)
			srv.RegisterOnShutdown(p.front.Shutdown)
			serving = p.front
		}
		p.servers = append(p.servers, srv)
		go srv.Serve(serving)
		return ln.Addr().String()
	}
	p.withFront, p.alone = serve(true), serve(false)
	t.Cleanup(func() {
		for _, s := range p.servers {
			s.Close()
		}
		p.front.CloseConnections()
	})
	return p
}

var dateLine = regexp.MustCompile(`(?m)^Date: [^\r\n]*\r\n`)

// exchange sends raw on a new connection and returns all that comes back, its Date lines
// blanked. Its sending side ends once the answers have stopped coming for a moment (quiet):
// net/http cancels the context of the request it is answering when it sees the client's
// end, even with more requests in its buffer, so ended at once a rendered page would be
// kept or not by the timing, and answered accordingly. A page renders in microseconds;
// quiet is long enough for a loaded machine too.
func exchange(t testing.TB, addr string, raw []byte) string {
	const quiet = 100 * time.Millisecond
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	go c.Write(raw)
	var got []byte
	buf := make([]byte, 64<<10)
	ended := false
	for {
		wait := quiet
		if ended {
			wait = 10 * time.Second
		}
		c.SetReadDeadline(time.Now().Add(wait))
		n, err := c.Read(buf)
		got = append(got, buf[:n]...)
		if ne, ok := err.(net.Error); ok && ne.Timeout() && !ended {
			c.(*net.TCPConn).CloseWrite()
			ended = true
			continue
		}
		if err != nil {
			break
		}
	}
	return dateLine.ReplaceAllString(string(got), "Date: -\r\n")
}

// same fails t unless the front and net/http alone answer raw alike.
func (p *frontPair) same(t testing.TB, raw []byte) {
	front, alone := exchange(t, p.withFront, raw), exchange(t, p.alone, raw)
	if front != alone {
		i := 0
		for i < len(front) && i < len(alone) && front[i] == alone[i] {
			i++
		}
		from := max(0, i-200)
		t.Fatalf("for %q the front answered differently from byte %d:\nfront: %q\nalone: %q",
			raw[:min(len(raw), 300)], i, front[from:min(len(front), i+200)], alone[from:min(len(alone), i+200)])
	}
}

const host = "Host: kovit.test\r\n"

// frontRequests are what the equivalence test and the fuzz target's corpus send: hits,
// and every kind of request the front must leave to net/http.
var frontRequests = []struct{ name, raw string }{
	{"a hit", "GET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"hits pipelined", "GET /page HTTP/1.1\r\n" + host + "\r\nGET /big HTTP/1.1\r\n" + host + "Accept-Encoding: gzip\r\n\r\nGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"a large body from its file", "GET /big HTTP/1.1\r\n" + host + "\r\n"},
	{"brotli", "GET /big HTTP/1.1\r\n" + host + "Accept-Encoding: br\r\n\r\n"},
	{"HEAD", "HEAD /big HTTP/1.1\r\n" + host + "Accept-Encoding: gzip\r\n\r\n"},
	{"not modified", "GET /page HTTP/1.1\r\n" + host + "If-None-Match: *\r\n\r\n"},
	{"sniffed type", "GET /untyped HTTP/1.1\r\n" + host + "\r\n"},
	{"languages", "GET /page?lang=en HTTP/1.1\r\n" + host + "Accept-Language: en-GB,en;q=0.9\r\nCookie: lang=en\r\n\r\n"},
	{"keep-alive asked", "GET /page HTTP/1.1\r\n" + host + "Connection: keep-alive\r\n\r\n"},
	{"close asked", "GET /page HTTP/1.1\r\n" + host + "Connection: close\r\n\r\nGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"HTTP/1.0", "GET /page HTTP/1.0\r\n" + host + "\r\n"},
	{"HTTP/1.0 keep-alive", "GET /page HTTP/1.0\r\n" + host + "Connection: keep-alive\r\n\r\nGET /page HTTP/1.0\r\n\r\n"},
	{"signed in", "GET /page HTTP/1.1\r\n" + host + "Cookie: kovit_session=abc\r\n\r\n"},
	{"a token", "GET /page HTTP/1.1\r\n" + host + "Authorization: Bearer abc\r\n\r\n"},
	{"a miss, then hits", "GET /miss/1 HTTP/1.1\r\n" + host + "\r\nGET /page HTTP/1.1\r\n" + host + "\r\nGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"a body on a GET", "GET /page HTTP/1.1\r\n" + host + "Content-Length: 5\r\n\r\nhelloGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"a chunked GET", "GET /page HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"smuggling", "GET /page HTTP/1.1\r\n" + host + "Content-Length: 44\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"a form", "POST /form HTTP/1.1\r\n" + host + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=1GET /page HTTP/1.1\r\n" + host + "\r\n"},
	{"expect", "GET /page HTTP/1.1\r\n" + host + "Expect: 100-continue\r\n\r\n"},
	{"upgrade", "GET /page HTTP/1.1\r\n" + host + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n"},
	{"two Hosts", "GET /page HTTP/1.1\r\n" + host + host + "\r\n"},
	{"no Host", "GET /page HTTP/1.1\r\n\r\n"},
	{"empty Host", "GET /page HTTP/1.1\r\nHost:\r\n\r\n"},
	{"malformed Host", "GET /page HTTP/1.1\r\nHost: a b\r\n\r\n"},
	{"bare line feeds", "GET /page HTTP/1.1\n" + "Host: kovit.test\n\n"},
	{"absolute URI", "GET http://kovit.test/page HTTP/1.1\r\n" + host + "\r\n"},
	{"lower-case method", "get /page HTTP/1.1\r\n" + host + "\r\n"},
	{"OPTIONS *", "OPTIONS * HTTP/1.1\r\n" + host + "\r\n"},
	{"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"},
	{"a control byte", "GET /page HTTP/1.1\r\n" + host + "X-A: b\x01c\r\n\r\n"},
	{"a bad header name", "GET /page HTTP/1.1\r\n" + host + "X A: b\r\n\r\n"},
	{"garbage", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03"},
	{"a head cut short", "GET /page HTTP/1.1\r\nHost: kov"},
	{"a hit, then garbage", "GET /page HTTP/1.1\r\n" + host + "\r\nBAD\r\n\r\n"},
	{"a hit, then a head cut short", "GET /page HTTP/1.1\r\n" + host + "\r\nGET /pa"},
	{"a hit, then three bytes", "GET /page HTTP/1.1\r\n" + host + "\r\n00\n"},
	{"a miss, a hit, then two bytes", "GET /miss/2 HTTP/1.1\r\n" + host + "\r\nGET /page HTTP/1.1\r\n" + host + "\r\n00"},
	{"nothing", ""},
}

// TestFrontAnswersAsNetHTTP: every request, hit or not, well-formed or not, alone or
// pipelined, gets the same bytes through the front as from net/http's server alone; and
// the front did answer hits, hand connections over and take them back.
func TestFrontAnswersAsNetHTTP(t *testing.T) {
	p := newFrontPair(t, nil)
	exchange(t, p.alone, []byte("GET /page HTTP/1.1\r\n"+host+"\r\nGET /big HTTP/1.1\r\n"+host+"\r\nGET /untyped HTTP/1.1\r\n"+host+"\r\n"))
	for _, r := range frontRequests {
		t.Run(r.name, func(t *testing.T) { p.same(t, []byte(r.raw)) })
	}
	long := "GET /page HTTP/1.1\r\n" + host + "X-Long: " + strings.Repeat("a", http.DefaultMaxHeaderBytes+8<<10) + "\r\n\r\n"
	t.Run("a head longer than allowed", func(t *testing.T) { p.same(t, []byte(long)) })
	if p.front.answered.Load() == 0 || p.front.handedOver.Load() == 0 || p.front.takenBack.Load() == 0 {
		t.Errorf("answered %d, handed over %d, taken back %d: each should have happened",
			p.front.answered.Load(), p.front.handedOver.Load(), p.front.takenBack.Load())
	}
}

// TestFrontTakesConnectionsBack: after a miss that net/http rendered, the next hits on the
// same connection are the front's again.
func TestFrontTakesConnectionsBack(t *testing.T) {
	p := newFrontPair(t, nil)
	exchange(t, p.withFront, []byte("GET /page HTTP/1.1\r\n"+host+"\r\n"))
	answered, back := p.front.answered.Load(), p.front.takenBack.Load()
	raw := "GET /miss/7 HTTP/1.1\r\n" + host + "\r\n" + strings.Repeat("GET /page HTTP/1.1\r\n"+host+"\r\n", 5)
	got := exchange(t, p.withFront, []byte(raw))
	if n := strings.Count(got, "HTTP/1.1 200 OK"); n != 6 {
		t.Fatalf("%d answers, want 6:\n%s", n, got)
	}
	// The miss is net/http's, the first hit after it too (then the front takes the
	// connection back), the other four the front's.
	if a, b := p.front.answered.Load()-answered, p.front.takenBack.Load()-back; a != 4 || b != 1 {
		t.Errorf("the front answered %d and took the connection back %d times, want 4 and 1", a, b)
	}
}

// TestFrontShutdown: a shutdown closes the connections the front holds idle, lets one
// mid-answer finish, and takes no new one; the server's Serve returns.
func TestFrontShutdown(t *testing.T) {
	p := newFrontPair(t, nil)
	exchange(t, p.alone, []byte("GET /page HTTP/1.1\r\n"+host+"\r\n"))
	c, err := net.Dial("tcp", p.withFront)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte("GET /page HTTP/1.1\r\n" + host + "\r\n")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	if n, err := c.Read(buf); err != nil || !bytes.HasPrefix(buf[:n], []byte("HTTP/1.1 200 OK")) {
		t.Fatalf("first answer: %q, %v", buf[:n], err)
	}
	time.Sleep(50 * time.Millisecond) // the front marks the connection idle after the answer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.servers[0].Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.front.Wait(ctx); err != nil {
		t.Fatalf("the front still holds connections: %v", err)
	}
	if n, err := c.Read(buf); err != io.EOF {
		t.Errorf("the idle connection was not closed: %q, %v", buf[:n], err)
	}
	if c2, err := net.DialTimeout("tcp", p.withFront, time.Second); err == nil {
		c2.SetDeadline(time.Now().Add(2 * time.Second))
		c2.Write([]byte("GET /page HTTP/1.1\r\n" + host + "\r\n"))
		if n, _ := c2.Read(buf); n > 0 {
			t.Errorf("answered after the shutdown: %q", buf[:n])
		}
		c2.Close()
	}
}

// FuzzFront: whatever bytes a client sends, the front answers them as net/http's server
// alone does, and never panics (a panic would end the test binary).
func FuzzFront(f *testing.F) {
	for _, r := range frontRequests {
		f.Add([]byte(r.raw))
	}
	p := newFrontPair(f, nil)
	exchange(f, p.alone, []byte("GET /page HTTP/1.1\r\n"+host+"\r\nGET /big HTTP/1.1\r\n"+host+"\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 64<<10 {
			return
		}
		p.same(t, raw)
	})
}

// TestFrontCountsInMetrics: /metrics tells how many hits the front answered and how many
// connections it handed over and took back.
func TestFrontCountsInMetrics(t *testing.T) {
	m := NewMetrics()
	p := newFrontPair(t, m)
	exchange(t, p.withFront, []byte("GET /miss/3 HTTP/1.1\r\n"+host+"\r\n"+strings.Repeat("GET /miss/3 HTTP/1.1\r\n"+host+"\r\n", 3)))
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{"kovit_front_answers_total 2", "kovit_front_handovers_total 1", "kovit_front_takebacks_total 1"} {
		if !strings.Contains(rec.Body.String(), want+"\n") {
			t.Errorf("no %q in /metrics", want)
		}
	}
}

// TestFrontHeaderTimeout: a new connection has the header timeout from its start for its
// whole first head, through the front as through net/http alone; a client that waits
// before its first byte does not get the timeout again.
func TestFrontHeaderTimeout(t *testing.T) {
	p := newFrontPair(t, nil)
	exchange(t, p.alone, []byte("GET /page HTTP/1.1\r\n"+host+"\r\n"))
	slow := func(addr string) (string, error) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return "", err
		}
		defer c.Close()
		time.Sleep(1500 * time.Millisecond) // of the 2 s the pair's servers allow
		c.Write([]byte("GET /page HTTP/1.1\r\n"))
		time.Sleep(800 * time.Millisecond)
		c.Write([]byte(host + "\r\n"))
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		got, err := io.ReadAll(c)
		return string(got), err
	}
	type result struct {
		got string
		err error
	}
	front, alone := make(chan result, 1), make(chan result, 1)
	go func() { got, err := slow(p.withFront); front <- result{got, err} }()
	go func() { got, err := slow(p.alone); alone <- result{got, err} }()
	for name, ch := range map[string]chan result{"front": front, "alone": alone} {
		r := <-ch
		if r.got != "" {
			t.Errorf("%s answered a head that came after the header timeout: %q", name, r.got)
		}
	}
}
