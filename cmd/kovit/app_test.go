package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// testApp is the whole of kovit on a real database behind a real HTTP server.
type testApp struct {
	URL    string
	store  *sqlstore.Store
	routes []string
	app    *app
}

// testBaseURL is the --base-url of test servers: a host no request is sent to, so a URL
// built from a request's Host instead shows.
const testBaseURL = "https://kovit.test"

// startApp runs kovit on engine ("sqlite" or "postgres") with its reference data. The
// database comes from sqlstoretest; newApp is given it through the config's DSN.
func startApp(t testing.TB, engine string) *testApp { return startAppWith(t, engine, nil) }

// startAppWith is startApp with a change to the configuration, e.g. a mail server.
func startAppWith(t testing.TB, engine string, configure func(*config)) *testApp {
	t.Helper()
	return startAppOn(t, sqlstoretest.New(t, engine).DSN(), configure)
}

// startAppOn is startAppWith on the database at dsn, e.g. one a demo generator filled.
func startAppOn(t testing.TB, dsn string, configure func(*config)) *testApp {
	t.Helper()
	c := config{DB: dsn, AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9,
		BaseURL: testBaseURL}
	if configure != nil {
		configure(&c)
	}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	srv := httptest.NewServer(a.handler)
	t.Cleanup(srv.Close)
	return &testApp{URL: srv.URL, store: a.store, routes: a.routes, app: a}
}

// user makes an account with a known password and returns it.
func (a *testApp) user(t testing.TB, email string, role auth.Role, ehak string) auth.User {
	t.Helper()
	hash, err := auth.HashPassword("parool-" + email)
	if err != nil {
		t.Fatal(err)
	}
	u, err := a.store.CreateUser(context.Background(), auth.NewUser{Email: email, Name: email, Role: role, MunicipalityEHAK: ehak}, hash, false)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// client returns an HTTP client with its own cookie jar that does not follow redirects,
// so tests see each response as it is.
func (a *testApp) client(t testing.TB) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// signedIn returns a client signed in as email (made by user, or the admin).
func (a *testApp) signedIn(t testing.TB, email, password string) *http.Client {
	t.Helper()
	c := a.client(t)
	res, err := c.PostForm(a.URL+"/sign-in", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in as %s: status %d", email, res.StatusCode)
	}
	return c
}

func (a *testApp) as(t testing.TB, u auth.User) *http.Client {
	return a.signedIn(t, u.Email, "parool-"+u.Email)
}

// get fetches a page and returns its status and body.
func get(t testing.TB, c *http.Client, u string) (int, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// send makes a request with a body and returns status and body.
func send(t testing.TB, c *http.Client, method, u, contentType, body string, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func postForm(t testing.TB, c *http.Client, u string, v url.Values) (int, string) {
	return send(t, c, http.MethodPost, u, "application/x-www-form-urlencoded", v.Encode())
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// startBenchApp is kovit's handler on SQLite, for benchmarks.
func startBenchApp(b *testing.B) http.Handler { return startApp(b, "sqlite").app.handler }
