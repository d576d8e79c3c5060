//go:build linux

package main

import (
	"bufio"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// serveRaw answers every request on addr with the status line, header and body, written
// by a goroutine a connection straight to the socket. The Date line is made once a second,
// as nginx makes its own.
func serveRaw(addr string, header http.Header, body []byte) error {
	var head atomic.Pointer[[]byte]
	makeHead := func() {
		h := header.Clone()
		h.Set("Date", time.Now().UTC().Format(http.TimeFormat))
		b := []byte("HTTP/1.1 200 OK\r\n")
		for k, vs := range h {
			for _, v := range vs {
				b = append(b, k+": "+v+"\r\n"...)
			}
		}
		b = append(b, "\r\n"...)
		head.Store(&b)
	}
	makeHead()
	go func() {
		for range time.Tick(time.Second) {
			makeHead()
		}
	}()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		go answerRaw(c, &head, body)
	}
}

// answerRaw reads requests off c with net/http's own parser, under the deadlines kovit's
// server keeps, and writes the answer to each: what a front answering cached requests on
// the connection, before net/http, could do. A request with a body ends the connection.
func answerRaw(c net.Conn, head *atomic.Pointer[[]byte], body []byte) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		req, err := http.ReadRequest(r)
		if err != nil || req.ContentLength != 0 || len(req.TransferEncoding) > 0 {
			return
		}
		c.SetWriteDeadline(time.Now().Add(2 * time.Minute))
		out := net.Buffers{*head.Load(), body}
		if _, err := out.WriteTo(c); err != nil {
			return
		}
	}
}
