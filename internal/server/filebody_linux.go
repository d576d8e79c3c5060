package server

import (
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// memoryFile returns a memory file holding data and the path that opens it again, nil if
// one cannot be made.
func memoryFile(data []byte) (*os.File, string) {
	fd, err := unix.MemfdCreate("kovit-kept-body", unix.MFD_CLOEXEC)
	if err != nil {
		return nil, ""
	}
	f := os.NewFile(uintptr(fd), "kovit-kept-body")
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, ""
	}
	return f, "/proc/self/fd/" + strconv.Itoa(fd)
}
