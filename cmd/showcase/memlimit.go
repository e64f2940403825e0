package main

import (
	"os"
	"runtime/debug"
)

// buildMemoryLimit is the soft memory limit of `showcase build`, set for
// the process by the command, never by a library: a program that builds
// sites (serve, tests, several builds at once) keeps its own.
//
// With the default GOGC the heap may grow to twice its live data; a
// build of 100,000 synthetic stories then peaks well past 1 GiB, and
// under this limit below it: the collector runs more often instead, and
// only while the heap is near the limit, so smaller sites never notice it.
//
// A site whose live data passes the limit (several hundred thousand
// stories) is built all the same, the collector taking up to half the
// CPU; GOMEMLIMIT, if set (to a size, or "off"), replaces this limit.
const buildMemoryLimit = 900 << 20

// buildGCPercent is the garbage collector's target of `showcase build`
// (GOGC), under the memory limit above. A build streams the stories and
// lets each one's HTML go once its page is written, so its live heap is
// small (about 80 MB at 10,000 stories) and allocation large: with the
// default of 100 the collector ran every 80 MB, about 15% of the build's
// CPU. At 200 a 10,000-story build takes 10% less CPU in about 320 MiB;
// a larger site reaches the memory limit, which then rules. GOGC, if
// set, replaces it.
const buildGCPercent = 200

// limitMemory sets buildMemoryLimit unless GOMEMLIMIT is set, and
// buildGCPercent unless GOGC is.
func limitMemory() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(buildGCPercent)
	}
}
