package build

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestLimitMemory: a one-off build sets its soft memory limit and puts
// back the one before; GOMEMLIMIT, when set, is left to rule.
func TestLimitMemory(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // restored after the test
	os.Unsetenv("GOMEMLIMIT")
	before := debug.SetMemoryLimit(-1)
	restore := limitMemory()
	if got := debug.SetMemoryLimit(-1); got != oneOffMemoryLimit {
		t.Errorf("limit during a build: %d, want %d", got, oneOffMemoryLimit)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after a build: %d, want %d", got, before)
	}

	t.Setenv("GOMEMLIMIT", "off")
	restore = limitMemory()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit with GOMEMLIMIT=off: %d, want %d", got, before)
	}
	restore()
}
