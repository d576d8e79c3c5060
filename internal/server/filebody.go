package server

import (
	"io"
	"net/http"
	"os"
	"sync"
	"sync/atomic"

	"kovit/internal/httpstream"
)

// A large kept body is also kept in a memory file (Linux's memfd) and sent from it with
// sendfile, as nginx sends a static file: the kernel then sends the file's pages instead of
// copying the body out of kovit's memory for every request. On the 32 KB gzipped matrix
// page that is about a sixteenth of what a hit costs. sendfile sends from a file's own
// offset, so every request sending at the same time needs an open description of its own:
// each file keeps a few, opened again through /proc/self/fd, and a request that finds
// none free, or a system without memfd or /proc, sends from memory as before.

// fileAbove is the body size from which a kept body is sent from a file: below it the copy
// saved is less than the system calls the file costs.
const fileAbove = 16 << 10

// perFile bounds the descriptors one file holds open, which are as many as requests send
// it at one moment.
const perFile = 8

// descriptors counts the descriptors kept files hold open, and bounds them.
type descriptors struct {
	open atomic.Int64
	max  int64
}

// keptFileDescriptors are every cache's: at most 256, so that the caches can never take
// the descriptors the server needs for its connections.
var keptFileDescriptors = &descriptors{max: 256}

func (d *descriptors) reserve() bool {
	if d.open.Add(1) > d.max {
		d.open.Add(-1)
		return false
	}
	return true
}

func (d *descriptors) release() { d.open.Add(-1) }

// fileBody is a kept body's memory file and its open descriptions.
type fileBody struct {
	fds    *descriptors
	mu     sync.Mutex
	path   string // /proc/self/fd/N of the first description, to open more
	size   int64
	free   []*os.File // descriptions no request is sending from
	open   int        // descriptions open, free or in use
	closed bool
}

// newFileBody returns a memory file holding data, nil when the system has none to give or
// the cache's descriptors are all in use.
func newFileBody(data []byte, fds *descriptors) *fileBody {
	if !fds.reserve() {
		return nil
	}
	f, path := memoryFile(data)
	if f == nil {
		fds.release()
		return nil
	}
	return &fileBody{fds: fds, path: path, size: int64(len(data)), free: []*os.File{f}, open: 1}
}

// take returns a description of the file at its start, nil when none can be had.
func (b *fileBody) take() *os.File {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	if n := len(b.free); n > 0 {
		f := b.free[n-1]
		b.free = b.free[:n-1]
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			// The file is given up: f may be the first description, and once it is
			// closed its number may name another file, which reopening would send.
			b.release(f)
			b.retire()
			return nil
		}
		return f
	}
	// The first description is open while b is not retired (free or in use), so its path
	// names this file.
	if b.open >= perFile || !b.fds.reserve() {
		return nil
	}
	f, err := os.Open(b.path)
	if err != nil {
		b.fds.release()
		return nil
	}
	b.open++
	return f
}

// give returns a description taken, closing it if the file was dropped meanwhile.
func (b *fileBody) give(f *os.File) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		b.release(f)
		return
	}
	b.free = append(b.free, f)
}

// close drops the file: the free descriptions now, those in use when they are given back.
func (b *fileBody) close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.retire()
}

// retire, with b.mu held, closes the free descriptions and gives no more: the requests
// then send the body from memory.
func (b *fileBody) retire() {
	b.closed = true
	for _, f := range b.free {
		b.release(f)
	}
	b.free = nil
}

func (b *fileBody) release(f *os.File) {
	f.Close()
	b.open--
	b.fds.release()
}

// sendFile sends b, the body of e, from its memory file when the connection and the
// response writer allow it (a TCP socket, net/http's own writer, whose ReadFrom uses
// sendfile), after WriteHeader. It says whether it did; if not, nothing was written.
func (c *microcache) sendFile(w http.ResponseWriter, r *http.Request, e *cachedResponse, b *body) bool {
	rf, ok := w.(io.ReaderFrom)
	if !ok || len(b.data) < fileAbove || c.viewer || r.Context().Value(connKey{}) == nil {
		return false
	}
	fb := c.fileOf(e, b)
	if fb == nil {
		return false
	}
	f := fb.take()
	if f == nil {
		return false
	}
	defer fb.give(f)
	// The header goes first, so that ReadFrom sends the file whole rather than copying
	// its first bytes through a buffer to sniff them.
	http.NewResponseController(w).Flush()
	httpstream.WriteFile(w, rf, r, f, fb.size)
	c.fileSends.Add(1)
	return true
}

// fileOf returns b's memory file, making it the first time it is asked for while e is
// kept; nil when it cannot be had. The file counts against the cache's bytes, and is
// closed when e is dropped (closeFiles).
func (c *microcache) fileOf(e *cachedResponse, b *body) *fileBody {
	if fb := b.file.Load(); fb != nil {
		return fb
	}
	if !b.fileTried.CompareAndSwap(false, true) {
		return nil // another request is making it, or it could not be made
	}
	fb := newFileBody(b.data, c.files)
	if fb == nil {
		return nil
	}
	b.file.Store(fb)
	// Counted as a coding added to e is (grow), which may drop e to make room: then fb
	// is closed with it, and take says so.
	if !c.grow(e, fb.size) {
		// e was dropped, perhaps before it could see fb: closing twice is harmless.
		fb.close()
		return nil
	}
	return fb
}

// closeFiles closes e's memory files, when e is dropped from the cache.
func (e *cachedResponse) closeFiles() {
	for i := range e.bodies {
		if b := e.bodies[i].Load(); b != nil {
			if fb := b.file.Load(); fb != nil {
				fb.close()
			}
		}
	}
}
