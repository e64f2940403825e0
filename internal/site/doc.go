// Package site joins loaded content and its rendered Markdown into one
// read-only *Site that templates walk: stories with their URLs and HTML,
// reports, pages, and the indexes lists need. It does no I/O.
//
// A Site is never changed after New returns, so any number of goroutines
// may render from it at once. A story's rendered body comes through its
// Body, which the build owns: rendered on first demand, once, and safe
// for concurrent use (see Body).
//
// It imports diag, keys, config, content, markdown and stats.
package site
