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

// limitMemory sets buildMemoryLimit unless GOMEMLIMIT is set.
func limitMemory() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(buildMemoryLimit)
	}
}
