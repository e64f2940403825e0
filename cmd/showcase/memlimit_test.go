package main

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: the build command sets its soft memory limit and its
// GC target; GOMEMLIMIT and GOGC, when set, are left to rule.
func TestLimitMemory(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	gcBefore := debug.SetGCPercent(100)
	defer debug.SetGCPercent(gcBefore)
	t.Setenv("GOMEMLIMIT", "") // restored after the test
	os.Unsetenv("GOMEMLIMIT")
	t.Setenv("GOGC", "")
	os.Unsetenv("GOGC")
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != buildMemoryLimit {
		t.Errorf("limit: %d, want %d", got, buildMemoryLimit)
	}
	if got := debug.SetGCPercent(100); got != buildGCPercent {
		t.Errorf("GC percent: %d, want %d", got, buildGCPercent)
	}

	t.Setenv("GOMEMLIMIT", "off")
	t.Setenv("GOGC", "100")
	debug.SetMemoryLimit(math.MaxInt64)
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("limit with GOMEMLIMIT=off: %d, want none", got)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent with GOGC=100: %d, want 100", got)
	}
}
