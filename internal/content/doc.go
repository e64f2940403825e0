// Package content loads a site's content/ folder into typed, validated
// stories, reports and pages. It splits and decodes front matter, checks
// every field, and collects every problem with its file:line:col; it does
// not render Markdown.
//
// Loading reads files in parallel; the result is sorted and read-only.
//
// It imports diag, keys, meta, config and parallel.
package content
