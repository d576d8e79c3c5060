package main

import "runtime/debug"

// The garbage collector's defaults for serve, each only where the environment does not set
// its own (GOGC, GOMEMLIMIT; the runtime reads those itself). With Estonia's data the live
// heap is about 16 MB, so at Go's default GOGC=100 a server under load collected every 16
// MB allocated: a fifth of the CPU an anonymous page costs (~43 against ~33 µs per request
// at 200, wrk at 16 connections). 200 lets the heap grow to three times what is live
// between collections; the memory limit, a soft one, makes the collector work harder
// before the process passes it rather than let that headroom grow past the large
// country's target (resident < 1 GB, ~370 MB measured). An operator who runs kovit in a
// smaller container sets GOMEMLIMIT to about 80 % of it.
const (
	defaultGCPercent   = 200
	defaultMemoryLimit = 768 << 20
)

func gcDefaults(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
