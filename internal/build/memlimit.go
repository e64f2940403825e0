package build

import (
	"os"
	"runtime/debug"
)

// oneOffMemoryLimit is the soft memory limit of a one-off build (Run).
//
// With the default GOGC the heap may grow to twice its live data; a
// lean build of 100,000 synthetic stories then peaks at 1,355 MiB, and
// under this limit at 917 MiB: the collector runs more often instead, and
// only while the heap is near the limit, so smaller sites never notice it.
//
// A site whose live data passes the limit (several hundred thousand
// stories) is built all the same, the collector taking up to half the
// CPU; GOMEMLIMIT, if set (to a size, or "off"), replaces this limit.
const oneOffMemoryLimit = 900 << 20

// limitMemory sets oneOffMemoryLimit unless GOMEMLIMIT is set, and
// returns the function that restores the limit before it.
func limitMemory() (restore func()) {
	if _, set := os.LookupEnv("GOMEMLIMIT"); set {
		return func() {}
	}
	prev := debug.SetMemoryLimit(oneOffMemoryLimit)
	return func() { debug.SetMemoryLimit(prev) }
}
