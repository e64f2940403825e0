// Package feeds writes the files that tell other programs about a site:
// the Atom feed of the latest stories (/feed.xml), the sitemap
// (/sitemap.xml) and robots.txt. Every link in them is absolute, made from
// the site's baseURL with its path kept (https://example.org/showcase/).
//
// With a baseURL that has no host (the default, "/"), there is nothing to
// make absolute links from: links are then site-relative, and robots.txt
// names no sitemap. Feed readers and search engines need absolute links,
// so a published site sets baseURL (or build --base-url).
//
// Drafts are never in the feed or the sitemap, even under --drafts.
// Every function is pure and safe for concurrent use.
//
// It imports site (and, through its fields, content and config); nothing
// else of ours.
package feeds
