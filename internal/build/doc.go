// Package build runs the whole pipeline, one named stage after another
// (Builder.run): load showcase.yaml, content/, the templates and photos;
// render Markdown; assemble the site; list the pages and make the data
// files (readers.go: search index, feed, sitemaps; the statistics
// exports); list the static files (static.go); execute the templates,
// minify (minify.go) and write. serve's Builder keeps what it can between
// builds (cache.go). Build gives every file to a publisher.Writer; Run
// publishes them through a publisher.Output, which writes into a fresh
// folder beside the output folder and swaps it in only when everything
// succeeded, so a failed or killed build never leaves a half-written
// site. The site is read through sitefs.
//
// Stages that handle many files run in parallel on all cores.
//
// It imports diag, keys, config, content, markdown, images, site, stats,
// render, search, feeds, pdf, linkcheck, publisher, sitefs, parallel and the root
// package (the embedded theme).
package build
