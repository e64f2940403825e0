// Package bench generates synthetic sites for benchmarks and tests that
// need thousands of stories. Everything it writes is marked synthetic and
// is deterministic: the same count and seed give the same files, and a
// smaller site is a prefix of a larger one.
//
// It imports only the standard library.
package bench
