// Package linkcheck checks the internal links and images in a site's
// Markdown: each must name something the build writes. It reports
//
//   - a link or picture whose page or file the site does not have
//     (link-missing), with the nearest page of the same folder when one is
//     close (link-missing-suggest);
//   - a link to a .md file that does not exist (link-md-missing), naming
//     the content file it expected and the nearest file of that folder;
//   - a #anchor that is not a heading of the page it names (link-anchor),
//     on the content pages whose headings it knows; footnote anchors
//     (#fn:, #fnref:) are not checked.
//
// External links (a scheme, or //host) and empty destinations are not
// checked. With Options.Warn (broken_links: warning) a broken link is a
// warning; a missing picture is always an error, as the page would show a
// broken image.
//
// It is made for a pipeline that renders one content file at a time: New
// takes what the site publishes (its output paths, and each content file's
// page), Check takes one file's links and headings as soon as its Markdown
// is rendered (from many goroutines at once), and keeps of them only the
// problems found and what still waits on other files: a #anchor into a page
// not checked yet, a path not among the outputs yet (Publish adds late
// ones, such as the search index). Problems settles those and returns the
// list. A Cache, kept between a Builder's builds, keeps each file's result
// under its version while the outputs and pages are the same, and an
// anchor's verdict while neither its file nor the page it names changed.
//
// It imports diag, keys, markdown and render (for a page's output path).
package linkcheck
