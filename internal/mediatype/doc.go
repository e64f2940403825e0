// Package mediatype says which Content-Type a published file is served
// with: one table for `serve`, `deploy` (the object store hands it to
// readers) and the tests' static server, so that a page is read the same
// way in preview and online. Text says it is UTF-8; a type the table does
// not know is application/octet-stream, never sniffed.
//
// It imports nothing of ours.
package mediatype
