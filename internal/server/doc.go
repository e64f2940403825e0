// Package server is `showcase serve`: it builds the site into memory,
// serves it over HTTP, watches the site's files with fsnotify, rebuilds
// incrementally on every change, and tells open browser tabs to reload
// (server-sent events), or shows the build's errors over the page.
//
// Readers always get a whole site: each rebuild produces a new immutable
// snapshot, swapped in atomically; a failed build keeps the last good one.
// Nothing is written to disk. A Server's goroutines all end when the
// context given to Run is cancelled.
//
// It guards every request (guard.go): on every bind the Host must name
// this machine (or a name given with --allow-host), and other origins may
// neither post nor open the event stream. On a loopback bind (or with --edit) it mounts the story editor
// (package editor) and links each served page to it.
//
// It imports build, config, content, diag, editor, mediatype and fsnotify; it is the only package that imports
// fsnotify.
package server
