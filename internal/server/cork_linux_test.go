package server

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"syscall"
	"testing"
)

// TestCorkedAnswers: a kept page over corkAbove is sent corked, whole and byte for byte,
// and the connection is uncorked after it, so the next answer on it is not held back (the
// kernel would hold it for 200 ms); a small page, sent uncorked, comes back whole too.
func TestCorkedAnswers(t *testing.T) {
	big := make([]byte, 40<<10) // incompressible, so that gzip keeps it large too
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range big {
		big[i] = byte('a' + rnd.IntN(26))
	}
	var corkedDuring bool
	mux := http.NewServeMux()
	page := func(body []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "public, max-age=1")
			w.Write(body)
		}
	}
	mux.Handle("GET /big", page(big))
	mux.Handle("GET /small", page([]byte("small")))
	// /corked says whether its own connection is corked while it answers.
	mux.HandleFunc("GET /corked", func(w http.ResponseWriter, r *http.Request) {
		rc := r.Context().Value(connKey{}).(syscall.RawConn)
		rc.Control(func(fd uintptr) {
			v, err := syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK)
			corkedDuring = err != nil || v != 0
		})
		io.WriteString(w, strconv.FormatBool(corkedDuring))
	})
	srv := httptest.NewUnstartedServer(Handler(mux, Options{SessionCookie: "kovit_session"}))
	srv.Config.ConnContext = ConnContext
	srv.Start()
	defer srv.Close()
	// One connection for every request, so that the last one asks of the socket the
	// corked answers went out on.
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, DisableCompression: true}}
	get := func(path, encoding string) []byte {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("%s: %d %v", path, res.StatusCode, err)
		}
		return body
	}
	for i := range 3 { // rendered, then twice from the cache
		if got := get("/big", ""); !bytes.Equal(got, big) {
			t.Fatalf("round %d: /big came back as %d bytes, not the %d sent", i, len(got), len(big))
		}
		if got := get("/big", "gzip"); len(got) < 20<<10 {
			t.Fatalf("round %d: gzipped /big is %d bytes", i, len(got))
		}
		if got := get("/small", ""); string(got) != "small" {
			t.Fatalf("round %d: /small is %q", i, got)
		}
	}
	if got := get("/corked", ""); string(got) != "false" {
		t.Errorf("the connection is still corked after the kept answers")
	}
}
