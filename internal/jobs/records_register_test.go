package jobs

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"kovit/internal/landscape"
)

type registerStore struct {
	profiles []landscape.RecordsProfile
	checks   map[string]landscape.RegisterCheck
}

func (s *registerStore) RecordsProfiles(context.Context) ([]landscape.RecordsProfile, error) {
	return s.profiles, nil
}

func (s *registerStore) SetRegisterCheck(_ context.Context, ehak string, c landscape.RegisterCheck) error {
	s.checks[ehak] = c
	return nil
}

// TestRegisterCheck: each register's HTTP status and TLS is stored with the check's
// time, a register that does not answer is stored as such, and one without an address is
// not asked.
func TestRegisterCheck(t *testing.T) {
	ok := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("register")) }))
	defer ok.Close()
	gone := httptest.NewServer(http.NotFoundHandler())
	defer gone.Close()
	s := &registerStore{checks: map[string]landscape.RegisterCheck{}, profiles: []landscape.RecordsProfile{
		{MunicipalityEHAK: "0171", RegisterURL: ok.URL}, {MunicipalityEHAK: "0793", RegisterURL: gone.URL + "/register"},
		{MunicipalityEHAK: "0784", RegisterURL: "https://127.0.0.1:1/"}, {MunicipalityEHAK: "0345"}}}
	now := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	if err := RegisterCheck(s, ok.Client()).Run(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	if c := s.checks["0171"]; c.Status != 200 || !c.TLS || !c.At.Equal(now) || !c.OK() {
		t.Errorf("a register over TLS: %+v", c)
	}
	if c := s.checks["0793"]; c.Status != 404 || c.TLS || c.OK() {
		t.Errorf("a missing register: %+v", c)
	}
	if c := s.checks["0784"]; c.Status != 0 || c.Error == "" {
		t.Errorf("no answer: %+v", c)
	}
	if _, asked := s.checks["0345"]; asked {
		t.Error("a profile without a register was checked")
	}
	// The production client refuses the server's own network.
	c := checkRegister(context.Background(), RegisterClient(), ok.URL, now)
	if c.Status != 0 || c.Error == "" {
		t.Errorf("a loopback address through RegisterClient: %+v", c)
	}
}
