package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// slowWriteTimeout stands for the server's write timeout (two minutes) in this test: the
// exports below take several times as long to a client that reads slowly.
const slowWriteTimeout = 300 * time.Millisecond

// slowClient reads through a small receive window, so the server can get little ahead of
// what the client has taken, and waits between reads.
func slowClient() *http.Client {
	d := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var err error
		c.Control(func(fd uintptr) { err = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		return err
	}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

// smallSendBuffers gives each accepted connection a small send buffer, so that the
// server's writes wait on the client's reading as a large export's do.
type smallSendBuffers struct{ net.Listener }

func (l smallSendBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4096)
	}
	return c, err
}

// offerEverywhere has every municipality offer a few services, so that the CPSV graph
// is large enough to take a slow client longer than the write timeout.
func offerEverywhere(t *testing.T, a *testApp) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	ms, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		for _, code := range []string{"SOC-010", "SOC-011", "SOC-012"} {
			in := eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + m.EHAK + "/" + code}
			if _, err := a.store.SaveCell(ctx, m.EHAK, code, in); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestExportsOutlastWriteTimeout: the matrix CSV (a large country's, read in row blocks
// under the request's context) and the CPSV-AP graph reach a client that takes them
// slowly whole, though that takes far longer than the server's write timeout: they move
// the deadline as they go (httpstream).
func TestExportsOutlastWriteTimeout(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		fillMore(t, a)
		offerEverywhere(t, a)
		large := asLarge(t, a)
		srv := httptest.NewUnstartedServer(large.app.handler)
		srv.Listener = smallSendBuffers{srv.Listener}
		srv.Config.WriteTimeout = slowWriteTimeout
		srv.Start()
		defer srv.Close()
		for _, path := range []string{"/eservices/matrix.csv", "/api/v1/cpsv-ap.ttl"} {
			// The same bytes from the other kovit on the database, so that the slow
			// client's first request is the large one's first: a graph rendered for it,
			// then (round 1) taken from the response cache.
			want := download(t, a, path)
			for round := range 2 {
				slowRead(t, srv.URL+path, want, round)
			}
		}
	})
}

// slowRead fetches u in pieces, waiting so that the whole takes three write timeouts, and
// checks that it arrives whole.
func slowRead(t *testing.T, u string, want []byte, round int) {
	t.Helper()
	const piece = 2048
	pause := 3 * slowWriteTimeout / time.Duration(len(want)/piece+1)
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, err := slowClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got bytes.Buffer
	buf := make([]byte, piece)
	for {
		n, err := res.Body.Read(buf)
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Errorf("%s round %d: cut off after %d of %d bytes in %v: %v", u, round, got.Len(), len(want), time.Since(start), err)
			break
		}
		time.Sleep(pause)
	}
	took := time.Since(start)
	if res.StatusCode != http.StatusOK || !bytes.Equal(got.Bytes(), want) {
		t.Errorf("%s round %d to a slow client: %d, %d bytes of %d in %v", u, round, res.StatusCode, got.Len(), len(want), took)
	}
	if took < 2*slowWriteTimeout {
		t.Errorf("%s round %d (%d bytes) took %v, not past the write timeout: the test proves nothing", u, round, len(want), took)
	}
}
