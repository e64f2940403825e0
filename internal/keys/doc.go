// Package keys makes the 64-bit keys that decide what serve may reuse
// between builds: file versions, page keys and the keys of kept files.
// They are maphash sums under one seed per process: compared only within
// the process that made them, never stored or sent, and quick over a
// story's whole text.
//
// A hash that another program must compute too is not a key: the search
// index's shard of a word is FNV-1a because the browser computes it (see
// internal/search).
//
// It imports nothing of ours.
package keys
