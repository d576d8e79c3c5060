package server

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestKeptBodiesSentFromFiles: over a real connection a large kept body, as it is and
// gzipped, of one block and of several, comes back byte for byte from its memory file,
// also to many clients at once (each sends from a description of its own); a small one is
// sent from memory; and a change closes every file.
func TestKeptBodiesSentFromFiles(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	text := func(n int) []byte { // incompressible enough that gzip keeps it large
		b := make([]byte, n)
		for i := range b {
			b[i] = byte('a' + rnd.IntN(26))
		}
		return b
	}
	pages := map[string][]byte{"/one-block": text(20 << 10), "/blocks": text(100 << 10), "/small": text(4 << 10)}
	mux := http.NewServeMux()
	for path, body := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("Cache-Control", "public, max-age=1")
			w.Write(body)
		})
	}
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) {})
	c := newMicrocache(time.Hour, "kovit_session", "", 0)
	c.files = &descriptors{max: 256} // its own count: other tests' caches drop theirs meanwhile
	srv := httptest.NewUnstartedServer(c.fast(c.handler(mux), nil, nil))
	srv.Config.ConnContext = ConnContext
	srv.Start()
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 32}}
	get := func(path, encoding string) error {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", encoding)
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		got, err := io.ReadAll(res.Body)
		if err != nil {
			return err
		}
		if encoding == "gzip" {
			if got, err = gunzip(got); err != nil {
				return err
			}
		}
		if !bytes.Equal(got, pages[path]) {
			return fmt.Errorf("%s (%q): %d bytes came back, not the page's %d", path, encoding, len(got), len(pages[path]))
		}
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for range 16 {
		wg.Go(func() {
			for i := range 30 {
				for _, path := range []string{"/one-block", "/blocks", "/small"} {
					if err := get(path, []string{"", "gzip"}[i%2]); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// Two large pages in two codings: four files, each sent from most of the 1,440 times.
	if n := c.files.open.Load(); n < 4 {
		t.Errorf("%d descriptors open for the two large pages in two codings, want 4 or more", n)
	}
	if n := c.fileSends.Load(); n < 900 {
		t.Errorf("%d of 960 large answers sent from a file", n)
	}
	res, err := client.Post(srv.URL+"/change", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if n := c.files.open.Load(); n != 0 {
		t.Errorf("%d descriptors still open after a change emptied the cache", n)
	}
}

// TestFileBodyDescriptors: each request sending at once has a description of its own at
// the file's start, up to perFile; descriptions given back are used again; closing the
// file closes the free ones at once and the rest as they are given back; and the cap on
// descriptors across files holds.
func TestFileBodyDescriptors(t *testing.T) {
	data := []byte(strings.Repeat("Põltsamaa vald; ", 2000))
	fds := &descriptors{max: 256}
	fb := newFileBody(data, fds)
	if fb == nil {
		t.Fatal("no memory file")
	}
	var taken []*os.File
	for i := range perFile {
		f := fb.take()
		if f == nil {
			t.Fatalf("description %d of %d not given", i+1, perFile)
		}
		head := make([]byte, 20)
		if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, data[:20]) {
			t.Fatalf("description %d reads %q (%v)", i+1, head, err)
		}
		taken = append(taken, f)
	}
	if f := fb.take(); f != nil {
		t.Errorf("a description beyond the %d a file may have", perFile)
	}
	fb.give(taken[0])
	if f := fb.take(); f != taken[0] {
		t.Errorf("a description given back is not used again")
	} else if all, err := io.ReadAll(f); err != nil || !bytes.Equal(all, data) {
		t.Errorf("a description used again reads %d bytes (%v), not from the start", len(all), err)
	}
	fb.give(taken[0])
	if n := fds.open.Load(); n != perFile {
		t.Errorf("%d descriptors counted, want %d", n, perFile)
	}
	fb.close()
	if n := fds.open.Load(); n != perFile-1 {
		t.Errorf("after close, %d descriptors counted, want the %d in use", n, perFile-1)
	}
	if fb.take() != nil {
		t.Errorf("a closed file gives a description")
	}
	for _, f := range taken[1:] {
		fb.give(f)
	}
	if n := fds.open.Load(); n != 0 {
		t.Errorf("%d descriptors counted once every one was given back", n)
	}
	if _, err := taken[1].Stat(); err == nil {
		t.Errorf("a description given back to a closed file is still open")
	}

	var files []*fileBody
	for range fds.max + 5 {
		if fb := newFileBody(data[:100], fds); fb != nil {
			files = append(files, fb)
		}
	}
	if int64(len(files)) != fds.max {
		t.Errorf("%d memory files made, want the cap of %d", len(files), fds.max)
	}
	for _, fb := range files {
		fb.close()
	}
	if n := fds.open.Load(); n != 0 {
		t.Errorf("%d descriptors counted after every file was closed", n)
	}
}

// TestFileBodyGivenUpOnFailure: a description that can no longer be used retires its file.
// Reopening the file through its first description's number after that description was
// closed would open whatever now has the number, and send another file's bytes.
func TestFileBodyGivenUpOnFailure(t *testing.T) {
	fds := &descriptors{max: 256}
	fb := newFileBody([]byte(strings.Repeat("Rae vald; ", 2000)), fds)
	if fb == nil {
		t.Fatal("no memory file")
	}
	first := fb.take()
	fb.give(first)
	first.Close()                      // as if it had failed underneath: its number is free again
	other, err := os.Open("/dev/zero") // takes the number the first description had
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for i := range 2 {
		if f := fb.take(); f != nil {
			head := make([]byte, 4)
			f.Read(head)
			t.Fatalf("take %d after a failed description gave one, reading %q", i+1, head)
		}
	}
	if n := fds.open.Load(); n != 0 {
		t.Errorf("%d descriptors counted after the file was given up", n)
	}
	fb.close() // as the cache does when the entry is dropped: nothing left to close
	if n := fds.open.Load(); n != 0 {
		t.Errorf("%d descriptors counted after close", n)
	}
}
