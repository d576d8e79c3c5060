package main

import (
	"flag"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/mail"
)

// config is every setting, read from flags with KOVIT_* environment variables as defaults.
type config struct {
	Addr            string
	DB              string
	AdminEmail      string
	AdminPassword   string
	LogLevel        string
	Secure          bool
	SessionLifetime time.Duration
	OIDCName        string
	OIDCIssuer      string
	OIDCClientID    string
	OIDCSecret      string
	OIDCRedirectURL string
	// SMTPURL is where mail goes, e.g. smtp://user:pw@mail.example.ee:587; the password
	// comes from KOVIT_SMTP_URL only, never a flag. Empty logs mail instead of sending it.
	SMTPURL  string
	MailFrom string
	// BaseURL is this server's public address: every absolute URL kovit writes (links in
	// e-mail, CPSV-AP identifiers) starts with it, never with a request's Host.
	BaseURL string
	// MetricsAddr, when set, is the only address serving /metrics; otherwise the main
	// address serves it to admins.
	MetricsAddr string
	// TrustedProxy lists the reverse proxies, as addresses or CIDR ranges separated by
	// commas, whose X-Forwarded-For is believed for the sign-in limit.
	TrustedProxy string
	// JobTick and JobLease pace the scheduled jobs (jobs.Runner's Tick and Lease): how
	// often a process looks for due jobs, and how long a process that stopped mid-job
	// keeps the job from the others.
	JobTick  time.Duration
	JobLease time.Duration
	// NoFront answers every request through net/http's server: the cache's anonymous hits
	// are otherwise answered before it (server.Front). A way back should the front misbehave.
	NoFront bool
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok {
		return v
	}
	return def
}

// parseConfig reads flags for a subcommand; usage lists every setting and its variable.
// extra, if given, defines the subcommand's own flags before parsing.
func parseConfig(name string, args []string, extra ...func(*flag.FlagSet)) (config, *flag.FlagSet, error) {
	var c config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	for _, e := range extra {
		e(fs)
	}
	fs.StringVar(&c.Addr, "addr", env("KOVIT_ADDR", "127.0.0.1:8080"), "listen address (KOVIT_ADDR)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("KOVIT_METRICS_ADDR", ""), "listen address serving only /metrics; empty serves it on --addr to admins only (KOVIT_METRICS_ADDR)")
	fs.StringVar(&c.DB, "db", env("KOVIT_DB", "kovit.db"), "SQLite file path, or a postgres:// URL (KOVIT_DB)")
	fs.StringVar(&c.AdminEmail, "admin-email", env("KOVIT_ADMIN_EMAIL", "admin@kovit.local"), "e-mail of the first admin, made when there are no users (KOVIT_ADMIN_EMAIL)")
	c.AdminPassword = os.Getenv("KOVIT_ADMIN_PASSWORD") // never a flag: it would show in ps
	fs.StringVar(&c.LogLevel, "log-level", env("KOVIT_LOG_LEVEL", "info"), "debug, info, warn or error (KOVIT_LOG_LEVEL)")
	fs.BoolVar(&c.Secure, "secure", env("KOVIT_SECURE", "") == "true", "served over HTTPS: Secure cookies and HSTS (KOVIT_SECURE=true)")
	fs.DurationVar(&c.SessionLifetime, "session-lifetime", durationEnv("KOVIT_SESSION_LIFETIME", 12*time.Hour), "how long a sign-in lasts (KOVIT_SESSION_LIFETIME)")
	fs.StringVar(&c.OIDCName, "oidc-name", env("KOVIT_OIDC_NAME", "OpenID Connect"), "name on the external sign-in button (KOVIT_OIDC_NAME)")
	fs.StringVar(&c.OIDCIssuer, "oidc-issuer", env("KOVIT_OIDC_ISSUER", ""), "OpenID Connect issuer URL; empty turns external sign-in off (KOVIT_OIDC_ISSUER)")
	fs.StringVar(&c.OIDCClientID, "oidc-client-id", env("KOVIT_OIDC_CLIENT_ID", ""), "OpenID Connect client id (KOVIT_OIDC_CLIENT_ID)")
	c.OIDCSecret = os.Getenv("KOVIT_OIDC_CLIENT_SECRET")
	fs.StringVar(&c.OIDCRedirectURL, "oidc-redirect-url", env("KOVIT_OIDC_REDIRECT_URL", ""), "this server's callback URL, ending in /sign-in/oidc/callback (KOVIT_OIDC_REDIRECT_URL)")
	c.SMTPURL = os.Getenv("KOVIT_SMTP_URL")
	fs.StringVar(&c.MailFrom, "mail-from", env("KOVIT_MAIL_FROM", "kovit@localhost"), "sender address of kovit's e-mail (KOVIT_MAIL_FROM)")
	fs.StringVar(&c.BaseURL, "base-url", env("KOVIT_BASE_URL", "http://127.0.0.1:8080"), "public address of this server, for links in e-mail and exported identifiers (KOVIT_BASE_URL)")
	fs.StringVar(&c.TrustedProxy, "trusted-proxy", env("KOVIT_TRUSTED_PROXY", ""), "reverse proxies whose X-Forwarded-For names the client, as addresses or CIDR ranges separated by commas (KOVIT_TRUSTED_PROXY)")
	fs.DurationVar(&c.JobTick, "job-tick", durationEnv("KOVIT_JOB_TICK", time.Minute), "how often to look for due scheduled jobs (KOVIT_JOB_TICK)")
	fs.DurationVar(&c.JobLease, "job-lease", durationEnv("KOVIT_JOB_LEASE", time.Minute), "how long a process that stopped mid-job keeps the job from the other processes (KOVIT_JOB_LEASE)")
	fs.BoolVar(&c.NoFront, "no-front", env("KOVIT_NO_FRONT", "") == "true", "answer every request through net/http's server, the response cache's anonymous hits too (KOVIT_NO_FRONT=true)")
	if err := fs.Parse(args); err != nil {
		return c, fs, err
	}
	return c, fs, c.validate()
}

func durationEnv(name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(os.Getenv(name)); err == nil {
		return d
	}
	return def
}

func (c config) validate() error {
	var bad []string
	if c.Addr == "" {
		bad = append(bad, "addr is empty")
	}
	if c.DB == "" {
		bad = append(bad, "db is empty")
	}
	if !kovit.ValidURL(c.BaseURL) {
		bad = append(bad, "base-url is not an absolute http(s) URL")
	}
	if _, err := c.level(); err != nil {
		bad = append(bad, err.Error())
	}
	if c.SessionLifetime < time.Minute {
		bad = append(bad, "session-lifetime is under a minute")
	}
	if c.OIDCIssuer != "" && (c.OIDCClientID == "" || c.OIDCRedirectURL == "") {
		bad = append(bad, "oidc-issuer needs oidc-client-id and oidc-redirect-url")
	}
	if c.JobTick < 10*time.Millisecond || c.JobLease < 300*time.Millisecond {
		bad = append(bad, "job-tick is under 10ms or job-lease under 300ms")
	}
	if _, err := c.trustedProxies(); err != nil {
		bad = append(bad, err.Error())
	}
	if len(bad) > 0 {
		return fmt.Errorf("config: %s", strings.Join(bad, "; "))
	}
	return nil
}

// trustedProxies parses TrustedProxy: "10.0.0.1, 192.168.0.0/16, ::1".
func (c config) trustedProxies() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(c.TrustedProxy, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				return nil, fmt.Errorf("trusted-proxy: %q is not an address or a CIDR range", s)
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// mailer is the configured mail server, or a logger standing in for one.
func (c config) mailer(log *slog.Logger) (mail.Sender, error) {
	if c.SMTPURL == "" {
		return mail.Log{Logger: log}, nil
	}
	return mail.NewSMTP(c.SMTPURL, c.MailFrom)
}

func (c config) level() (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(c.LogLevel))
	return l, err
}
