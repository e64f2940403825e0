// Package build runs the whole pipeline, one named stage after another
// (Builder.runOnce), the same for a one-off build of any size and for
// serve's rebuilds: load showcase.yaml, content/ (the stories' front
// matter; their Markdown is read again when it is rendered), the
// templates and photos; assemble the site from the front matter; stream
// the stories in site order, rendering each story's Markdown once and its
// page at once (minify.go), feeding the search index, and letting the
// story's HTML go in a one-off build; then the other pages, and the data
// files (readers.go: search index, feed, sitemaps; the statistics
// exports); the link check and the publish gate; the static files
// (static.go). serve's Builder keeps what it can between builds
// (cache.go; the data files under keys derived from what their
// generators are given, datakeys.go). Build gives every file to a
// publisher.Writer; Run publishes them through a publisher.Output, which
// writes into a fresh folder beside the output folder and swaps it in
// only when everything succeeded, so a failed or killed build never
// leaves a half-written site. The site is read through sitefs.
//
// Stages that handle many files run in parallel on all cores.
//
// It imports diag, keys, config, content, markdown, images, site, stats,
// render, search, feeds, pdf, linkcheck, publisher, sitefs, parallel, qr
// (whose codes the page minifier passes as they are) and the root package
// (the embedded theme).
package build
