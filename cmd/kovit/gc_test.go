package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// TestGCDefaults: serve's collector defaults apply only where the environment sets none.
func TestGCDefaults(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
	gcDefaults(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != defaultGCPercent {
		t.Errorf("GOGC %d, want %d", got, defaultGCPercent)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != defaultMemoryLimit {
		t.Errorf("GOMEMLIMIT %d, want %d", got, defaultMemoryLimit)
	}
	env := map[string]string{"GOGC": "150", "GOMEMLIMIT": "1GiB"}
	gcDefaults(func(k string) string { return env[k] })
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC set by the environment was replaced: %d", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("GOMEMLIMIT set by the environment was replaced: %d", got)
	}
}
