//go:build linux

// Command bareserve is scripts/load's yardstick for Go's own HTTP server: it answers every
// request with one recorded response (status 200, a header block and a body, both read from
// files at start) through net/http, corked as kovit sends a kept answer, the body from a
// memory file with sendfile when it is 16 KB or more, as kovit sends one, and does nothing
// else. Beside nginx it shows how much of a public page's gap to nginx is net/http's and
// the Go runtime's rather than kovit's.
//
// With -raw it answers without net/http's server: a goroutine a connection reads each
// request with net/http's parser (http.ReadRequest), under read and write deadlines, and
// writes the recorded answer in one writev, and nothing else (no request bodies, no
// shutdown: a yardstick, not a server to run). The gap between the two modes is net/http's
// server's own per-request work.
//
// Usage: bareserve [-raw] ADDR HEADER-FILE BODY-FILE, the header file as curl -D writes it.
package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/textproto"
	"os"
	"strconv"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

type connKey struct{}

func main() {
	args := os.Args[1:]
	rawMode := len(args) == 4 && args[0] == "-raw"
	if rawMode {
		args = args[1:]
	}
	if len(args) != 3 {
		log.Fatal("usage: bareserve [-raw] ADDR HEADER-FILE BODY-FILE")
	}
	raw, err := os.ReadFile(args[1])
	if err != nil {
		log.Fatal(err)
	}
	body, err := os.ReadFile(args[2])
	if err != nil {
		log.Fatal(err)
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(raw)))
	if _, err := tp.ReadLine(); err != nil { // the status line
		log.Fatal(err)
	}
	header, err := tp.ReadMIMEHeader()
	if err != nil && len(header) == 0 {
		log.Fatal(err)
	}
	delete(header, "Date")
	header["Content-Length"] = []string{strconv.Itoa(len(body))}
	if rawMode {
		log.Fatal(serveRaw(args[0], http.Header(header), body))
	}
	// Descriptions of one memory file, each with its own offset, as kovit keeps them.
	var files sync.Pool
	if len(body) >= 16<<10 {
		fd, err := unix.MemfdCreate("bareserve-body", unix.MFD_CLOEXEC)
		if err != nil {
			log.Fatal(err)
		}
		if _, err := unix.Write(fd, body); err != nil {
			log.Fatal(err)
		}
		path := "/proc/self/fd/" + strconv.Itoa(fd)
		files.New = func() any {
			f, err := os.Open(path)
			if err != nil {
				log.Fatal(err)
			}
			return f
		}
	}
	h := func(w http.ResponseWriter, r *http.Request) {
		out := w.Header()
		for k, v := range header {
			out[k] = v
		}
		rc := r.Context().Value(connKey{}).(syscall.RawConn)
		rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK, 1) })
		w.WriteHeader(http.StatusOK)
		if f, _ := files.Get().(*os.File); f != nil {
			http.NewResponseController(w).Flush()
			f.Seek(0, io.SeekStart)
			w.(io.ReaderFrom).ReadFrom(&io.LimitedReader{R: f, N: int64(len(body))})
			files.Put(f)
		} else {
			w.Write(body)
		}
		http.NewResponseController(w).Flush()
		rc.Control(func(fd uintptr) { syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK, 0) })
	}
	srv := &http.Server{Addr: args[0], Handler: http.HandlerFunc(h),
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			rc, err := c.(*net.TCPConn).SyscallConn()
			if err != nil {
				log.Fatal(err)
			}
			return context.WithValue(ctx, connKey{}, rc)
		}}
	log.Fatal(srv.ListenAndServe())
}
