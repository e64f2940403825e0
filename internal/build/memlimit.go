package build

import (
	"os"
	"runtime/debug"
)

// oneOffMemoryLimit is the soft memory limit of a one-off build (Run).
//
// A large site's live data peaks briefly, while stats.json is encoded
// beside the search index (json.Encoder with indentation holds several
// copies): in a lean build of 50,000 synthetic stories, 304 MiB against
// about 150 MiB for the rest of the build, twice that at 100,000. With
// the default GOGC the heap may then grow to twice its live data; under
// this limit the collector runs more often instead, and only while the
// heap is near it, so smaller sites never notice it.
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
