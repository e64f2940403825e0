// Package render turns a *site.Site into pages through html/template: it
// loads the theme (the built-in one with the site's own files laid over it,
// file by file), decides which pages the site has, and executes one
// template per page kind.
//
// A Theme is read-only once loaded and safe for concurrent use; Render can
// be called from many goroutines.
//
// It imports diag, keys, config, content, site, stats, meta and qr.
package render
