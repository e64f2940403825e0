//go:build race

package search_test

// The race detector slows the 10,000-story measure tenfold: under it, a
// smaller synthetic site checks the same code paths.
const raceEnabled = true
