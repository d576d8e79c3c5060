package server

import "syscall"

// setCork sets TCP_CORK on the socket fd. An error leaves the socket as it was, which
// only costs the packet corking would have saved.
func setCork(fd uintptr, on bool) {
	v := 0
	if on {
		v = 1
	}
	syscall.SetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_CORK, v)
}
