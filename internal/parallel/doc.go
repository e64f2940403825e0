// Package parallel runs a numbered set of jobs on as many workers as
// there are cores: the one bounded worker loop of the build, content
// loading and deploy's hashing.
//
// It imports no package of this module (the standard library and
// golang.org/x/sync/errgroup only).
package parallel
