package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/alexedwards/scs/v2"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/i18n"
	"kovit/internal/server"
	"kovit/internal/sqlstore"
)

// testServer is the whole stack as cmd/kovit builds it, on a free port.
type testServer struct {
	t     testing.TB
	url   string
	store *sqlstore.Store
	logs  *syncBuffer
	n     int // makes e-mail addresses unique
}

// testBaseURL is the API's --base-url: not the test server's address, so a URL built from
// the request instead shows.
const testBaseURL = "https://kovit.test"

func newServer(t testing.TB, store *sqlstore.Store) *testServer {
	t.Helper()
	sessions := scs.New()
	sessions.Store = store.Sessions()
	authn := &auth.Authenticator{Sessions: sessions, Users: store}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	mux := http.NewServeMux()
	jsonAPI := api.New(api.Deps{Municipalities: store, Services: store, Plans: store, Users: store, Audit: store, Notifications: store, Follows: store, Catalog: catalog, Logger: logger,
		Needs: store, BaseURL: testBaseURL, Visits: store, Security: store, Advice: store, Rounds: store, Consult: store, Surveys: store, EDemocracy: store, Landscape: store, Trainings: store,
		Desk: desk.New(desk.Modules{Municipalities: store, Services: store, Needs: store, Plans: store, Audit: store})})
	authn.Refuse = jsonAPI.WriteProblem
	jsonAPI.Register(mux)
	// The web UI owns sign-in; this stand-in lets a test get a session cookie.
	mux.HandleFunc("POST /test/sign-in", func(w http.ResponseWriter, r *http.Request) {
		u, err := store.UserByEmail(r.Context(), r.FormValue("email"))
		if err == nil {
			err = authn.SignIn(r.Context(), u)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	srv := httptest.NewServer(server.Handler(mux, server.Options{Authenticate: authn.Middleware, Logger: logger}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() {
		if missing := catalog.Missing(); len(missing) > 0 {
			t.Errorf("messages shown but not in the catalogue: %v", missing)
		}
	})
	return &testServer{t: t, url: srv.URL, store: store, logs: logs}
}

// user creates an account and an API token for it.
func (s *testServer) user(role auth.Role, ehak string) (auth.User, string) {
	s.t.Helper()
	ctx := context.Background()
	s.n++
	u, err := s.store.CreateUser(ctx, auth.NewUser{
		Email: fmt.Sprintf("%s%d@kovit.ee", role, s.n), Name: fmt.Sprintf("%s %d", role, s.n),
		Role: role, MunicipalityEHAK: ehak,
	}, "", false)
	if err != nil {
		s.t.Fatal(err)
	}
	token, prefix, hash := auth.GenerateToken()
	if _, err := s.store.CreateToken(ctx, u.ID, "test", prefix, hash); err != nil {
		s.t.Fatal(err)
	}
	return u, token
}

// req is one API call; token and lang may be empty.
type req struct {
	method, path, token, body, lang string
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

func (s *testServer) do(r req) resp {
	s.t.Helper()
	if r.method == "" {
		r.method = http.MethodGet
	}
	hr, err := http.NewRequest(r.method, s.url+r.path, strings.NewReader(r.body))
	if err != nil {
		s.t.Fatal(err)
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.lang != "" {
		hr.Header.Set("Accept-Language", r.lang)
	}
	if r.body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp{res.StatusCode, res.Header, body}
}

// get calls GET path with token and decodes a 200 answer into v.
func (s *testServer) get(path, token string, v any) {
	s.t.Helper()
	r := s.do(req{path: path, token: token})
	if r.status != http.StatusOK {
		s.t.Fatalf("GET %s: %d %s", path, r.status, r.body)
	}
	r.decode(s.t, v)
}

func (r resp) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// problem is the RFC 9457 body as a client reads it.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail"`
	Code      string `json:"code"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Field, Key, Message string
	} `json:"errors"`
}

// problem checks that the answer is a problem with status and returns it.
func (r resp) problem(t *testing.T, status int) problem {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var p problem
	r.decode(t, &p)
	if p.Status != status || p.Type != "https://kovit.ee/problems/"+p.Code || p.Title == "" || p.RequestID == "" {
		t.Errorf("problem body %s", r.body)
	}
	return p
}

// fields lists the problem's fields in order.
func (p problem) fields() []string {
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Field)
	}
	return out
}

// syncBuffer is a log destination that handlers on many goroutines may write to.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
