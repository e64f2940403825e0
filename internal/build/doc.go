// Package build runs the whole pipeline: read showcase.yaml and content/,
// render Markdown, assemble the site, execute templates, minify, and write
// the result. Run writes into a fresh folder beside the output folder and
// swaps it in only when everything succeeded, so a failed or killed build
// never leaves a half-written site.
//
// Stages that handle many files run in parallel on all cores.
//
// It imports diag, config, content, markdown, site, render and the root
// showcase package (the embedded theme).
package build
