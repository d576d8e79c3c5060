//go:build !linux

package server

// setCork does nothing where TCP_CORK is not available: the answer then leaves in two
// sends, as it would uncorked.
func setCork(fd uintptr, on bool) {}
