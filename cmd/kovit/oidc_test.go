package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/sqlstore/sqlstoretest"
)

// testProvider is a small OpenID Connect provider: the authorization-code flow with PKCE
// (S256 only, so kovit must send it), client-secret authentication and RS256 ID tokens.
// Its /authorize asks nothing and signs in whoever the test has set with signInAs.
type testProvider struct {
	*httptest.Server
	signer           jose.Signer
	clientID, secret string
	redirectURI      string // kovit's callback, registered once kovit's address is known

	mu         sync.Mutex
	sub, email string
	verified   bool
	nonce      string           // when set, put into ID tokens instead of the nonce asked for
	grants     map[string]grant // by code
	issued     int              // ID tokens handed out, to tell where a refusal happened
	claims     map[string]any   // further ID token claims, such as TARA's profile_attributes
}

type grant struct{ nonce, challenge, redirectURI string }

func newTestProvider(t *testing.T) *testProvider {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: "test-key"}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	p := &testProvider{signer: signer, clientID: "kovit-test", secret: "provider-secret", grants: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"issuer": p.URL,
			"authorization_endpoint": p.URL + "/authorize", "token_endpoint": p.URL + "/token", "jwks_uri": p.URL + "/jwks",
			"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"}})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: &key.PublicKey, KeyID: "test-key", Algorithm: string(jose.RS256), Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	return p
}

// signInAs sets who the provider signs in next, with a correct nonce.
func (p *testProvider) signInAs(sub, email string, verified bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.sub, p.email, p.verified, p.nonce = sub, email, verified, ""
}

func (p *testProvider) tokensIssued() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.issued
}

func (p *testProvider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != p.clientID || q.Get("redirect_uri") != p.redirectURI || q.Get("response_type") != "code" ||
		!strings.Contains(" "+q.Get("scope")+" ", " openid ") || q.Get("nonce") == "" || q.Get("state") == "" ||
		q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	code := rand.Text()
	p.mu.Lock()
	p.grants[code] = grant{nonce: q.Get("nonce"), challenge: q.Get("code_challenge"), redirectURI: q.Get("redirect_uri")}
	p.mu.Unlock()
	back, _ := url.Parse(p.redirectURI)
	back.RawQuery = url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func (p *testProvider) token(w http.ResponseWriter, r *http.Request) {
	// client_secret_basic, the default when discovery names no other; RFC 6749 2.3.1 has
	// the id and secret form-encoded inside HTTP Basic.
	id, secret, _ := r.BasicAuth()
	id, _ = url.QueryUnescape(id)
	secret, _ = url.QueryUnescape(secret)
	if id != p.clientID || secret != p.secret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	code := r.PostFormValue("code")
	p.mu.Lock()
	defer p.mu.Unlock()
	g, ok := p.grants[code]
	delete(p.grants, code) // codes are single-use
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	if !ok || r.PostFormValue("grant_type") != "authorization_code" || r.PostFormValue("redirect_uri") != g.redirectURI ||
		base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	}
	nonce := g.nonce
	if p.nonce != "" {
		nonce = p.nonce
	}
	now := time.Now()
	idToken, err := jwt.Signed(p.signer).
		Claims(jwt.Claims{Issuer: p.URL, Subject: p.sub, Audience: jwt.Audience{p.clientID},
			Expiry: jwt.NewNumericDate(now.Add(5 * time.Minute)), IssuedAt: jwt.NewNumericDate(now)}).
		Claims(map[string]any{"nonce": nonce, "email": p.email, "email_verified": p.verified}).
		Claims(p.claims).
		Serialize()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	p.issued++
	writeJSON(w, http.StatusOK, map[string]any{"access_token": rand.Text(), "token_type": "Bearer", "expires_in": 300, "id_token": idToken})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// startOIDCApp is startApp with sign-in through p. The callback URL has to be in the config
// before newApp runs, so kovit's listener is opened first and the server started after.
func startOIDCApp(t *testing.T, engine string, p *testProvider) *testApp {
	t.Helper()
	store := sqlstoretest.New(t, engine)
	srv := httptest.NewUnstartedServer(nil)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: time.Hour,
		OIDCName: "Test ID", OIDCIssuer: p.URL, OIDCClientID: p.clientID, OIDCSecret: p.secret,
		OIDCRedirectURL: "http://" + srv.Listener.Addr().String() + "/sign-in/oidc/callback"}
	p.redirectURI = c.OIDCRedirectURL
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(t.Output(), nil)))
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	srv.Config.Handler = a.handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &testApp{URL: srv.URL, store: a.store, routes: a.routes, app: a}
}

// signInOIDC walks kovit's OIDC sign-in hop by hop with c, which must not follow redirects,
// letting alter change the provider's answer on its way back. It returns kovit's answer to
// the callback: status, Location and body.
func signInOIDC(t *testing.T, a *testApp, c *http.Client, alter func(url.Values)) (int, string, string) {
	t.Helper()
	return signInOIDCNext(t, a, c, "/account", alter)
}

// signInOIDCNext is signInOIDC starting with next= set to next.
func signInOIDCNext(t *testing.T, a *testApp, c *http.Client, next string, alter func(url.Values)) (int, string, string) {
	t.Helper()
	toProvider := location(t, c, a.URL+"/sign-in/oidc?next="+url.QueryEscape(next), http.StatusSeeOther)
	callback, err := url.Parse(location(t, c, toProvider, http.StatusFound))
	if err != nil {
		t.Fatal(err)
	}
	if alter != nil {
		q := callback.Query()
		alter(q)
		callback.RawQuery = q.Encode()
	}
	res, err := c.Get(callback.String())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(body)
}

func location(t *testing.T, c *http.Client, u string, want int) string {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("GET %s: status %d, want %d", u, res.StatusCode, want)
	}
	return res.Header.Get("Location")
}

// oidcUser makes an account with a name of its own, so pages show which account is signed in.
func oidcUser(t *testing.T, a *testApp, email, name string) auth.User {
	t.Helper()
	u, err := a.store.CreateUser(context.Background(), auth.NewUser{Email: email, Name: name, Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestOIDCSignIn(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p := newTestProvider(t)
			a := startOIDCApp(t, e, p)
			u := oidcUser(t, a, "it@tartu.ee", "Ilmar Tamm")
			if _, body := get(t, a.client(t), a.URL+"/sign-in"); !strings.Contains(body, "/sign-in/oidc") || !strings.Contains(body, "Test ID") {
				t.Error("the sign-in page offers no OIDC button")
			}
			signIn := func(when string) {
				t.Helper()
				c := a.client(t)
				if status, loc, _ := signInOIDC(t, a, c, nil); status != http.StatusSeeOther || loc != "/account" {
					t.Fatalf("%s callback: status %d to %q, want 303 to /account", when, status, loc)
				}
				if status, body := get(t, c, a.URL+"/account"); status != http.StatusOK || !strings.Contains(body, "Ilmar Tamm") {
					t.Fatalf("/account after %s sign-in: status %d, want 200 with the user's name", when, status)
				}
			}

			// The first time, the provider's verified e-mail finds the account and links it.
			p.signInAs("EE38001085718", "IT@tartu.ee", true)
			signIn("first")
			linked, err := a.store.UserByOIDCSubject(context.Background(), p.URL+"|EE38001085718")
			if err != nil || linked.ID != u.ID {
				t.Fatalf("UserByOIDCSubject: %+v, %v; want user %d", linked, err, u.ID)
			}

			// Later the subject alone decides, whatever e-mail the provider reports now.
			p.signInAs("EE38001085718", "ilmar@example.com", false)
			signIn("second")
		})
	}
}

func TestOIDCRefused(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	message := html.EscapeString(catalog.Printer(i18n.Languages[0]).T("error.oidc"))
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p := newTestProvider(t)
			a := startOIDCApp(t, e, p)
			oidcUser(t, a, "it@tartu.ee", "Ilmar Tamm")
			gone := oidcUser(t, a, "endine@tartu.ee", "Endine Töötaja")
			if _, err := a.store.UpdateUser(context.Background(), gone.ID, auth.UserUpdate{Name: gone.Name,
				Role: gone.Role, MunicipalityEHAK: gone.MunicipalityEHAK, Active: false, Version: gone.Version}); err != nil {
				t.Fatal(err)
			}
			cases := []struct {
				name  string
				setup func()
				alter func(url.Values)
				token bool // whether kovit got as far as exchanging the code
			}{
				{"unknown e-mail", func() { p.signInAs("EE49002124277", "keegi@tartu.ee", true) }, nil, true},
				{"unverified e-mail", func() { p.signInAs("EE49002124277", "it@tartu.ee", false) }, nil, true},
				{"tampered state", func() { p.signInAs("EE38001085718", "it@tartu.ee", true) },
					func(q url.Values) { q.Set("state", "forged") }, false},
				{"wrong nonce", func() { p.signInAs("EE38001085718", "it@tartu.ee", true); p.nonce = "forged" }, nil, true},
				// The code stays valid, so only the error parameter itself can stop the sign-in.
				{"provider error", func() { p.signInAs("EE38001085718", "it@tartu.ee", true) },
					func(q url.Values) { q.Set("error", "access_denied") }, false},
				{"deactivated user", func() { p.signInAs("EE37001011234", "endine@tartu.ee", true) }, nil, true},
			}
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					tc.setup()
					before, c := p.tokensIssued(), a.client(t)
					status, _, body := signInOIDC(t, a, c, tc.alter)
					if status != http.StatusUnauthorized || !strings.Contains(body, message) {
						t.Errorf("callback: status %d, want 401 with %q", status, message)
					}
					if got := p.tokensIssued() > before; got != tc.token {
						t.Errorf("token issued: %v, want %v", got, tc.token)
					}
					if status, _ := get(t, c, a.URL+"/account"); status != http.StatusSeeOther {
						t.Errorf("/account after a refused sign-in: status %d, want 303 to the sign-in page", status)
					}
				})
			}
			if _, err := a.store.UserByOIDCSubject(context.Background(), p.URL+"|EE49002124277"); err == nil {
				t.Error("a refused subject was linked to an account")
			}
		})
	}
}

// Without an issuer in the config there is no external sign-in at all.
func TestOIDCOff(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			a := startApp(t, e)
			c := a.client(t)
			for _, path := range []string{"/sign-in/oidc", "/sign-in/oidc/callback?state=x&code=y"} {
				if status, _ := get(t, c, a.URL+path); status != http.StatusNotFound {
					t.Errorf("GET %s: status %d, want 404", path, status)
				}
			}
			if _, body := get(t, c, a.URL+"/sign-in"); strings.Contains(body, "/sign-in/oidc") {
				t.Error("the sign-in page offers OIDC sign-in that is not configured")
			}
		})
	}
}
