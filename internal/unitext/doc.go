// Package unitext holds the byte-level text tests that the Markdown
// renderer and the search index share, written once: collapsing white
// space as strings.Fields sees it, and telling a CJK Unified Ideograph
// from its three UTF-8 bytes without decoding it. It imports nothing of
// ours.
package unitext
