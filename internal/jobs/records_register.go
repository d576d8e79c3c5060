package jobs

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"syscall"
	"time"

	"kovit/internal/landscape"
)

// RegisterStore is what the register check reads and writes.
type RegisterStore interface {
	RecordsProfiles(ctx context.Context) ([]landscape.RecordsProfile, error)
	SetRegisterCheck(ctx context.Context, ehak string, c landscape.RegisterCheck) error
}

// RegisterCheck asks every municipality's public document register once a day whether it
// answers (HTTP status, TLS) and stores the result with its date. It is kovit's only call
// to addresses users enter; client nil means RegisterClient.
func RegisterCheck(s RegisterStore, client *http.Client) Job {
	if client == nil {
		client = RegisterClient()
	}
	return Job{Name: "records_register_check", Due: Every(24 * time.Hour), Timeout: 10 * time.Minute, Retry: time.Hour,
		Run: func(ctx context.Context, now time.Time) error {
			if s == nil {
				return nil
			}
			profiles, err := s.RecordsProfiles(ctx)
			if err != nil {
				return err
			}
			for _, p := range profiles {
				if p.RegisterURL == "" {
					continue
				}
				if err := s.SetRegisterCheck(ctx, p.MunicipalityEHAK, checkRegister(ctx, client, p.RegisterURL, now)); err != nil {
					return err
				}
			}
			return nil
		}}
}

// checkRegister asks url once and reads at most a little of the answer.
func checkRegister(ctx context.Context, client *http.Client, url string, now time.Time) landscape.RegisterCheck {
	c := landscape.RegisterCheck{At: now}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		c.Error = short(err.Error())
		return c
	}
	req.Header.Set("User-Agent", "kovit register check")
	resp, err := client.Do(req)
	if err != nil {
		c.Error = short(err.Error())
		return c
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	c.Status, c.TLS = resp.StatusCode, resp.TLS != nil
	return c
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300]
	}
	return s
}

// errPrivate refuses an address inside a private network: a register is public, and the
// check must not become a way to probe the server's own network.
var errPrivate = errors.New("register check: not a public address")

// RegisterClient is the register check's HTTP client: a short timeout, a few redirects,
// and no connection to a loopback, private or link-local address.
func RegisterClient() *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() {
			return errPrivate
		}
		return nil
	}}
	transport := &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: 10 * time.Second,
		ResponseHeaderTimeout: 10 * time.Second, Proxy: nil}
	return &http.Client{Transport: transport, Timeout: 20 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}
