// Package search builds the client-side search index of a site at build
// time: a small manifest, term shards and story chunks, all JSON, which
// static/js/search.js fetches from the site itself. There is no server and
// no third-party script.
//
// Text is cut into terms the same way here and in search.js (Terms, and
// the test that runs the script under node): Chinese, Japanese and Korean
// text becomes overlapping character pairs (高跟鞋 -> 高跟, 跟鞋), so that a
// word is found without spaces around it; the index also holds single
// characters, for one-character queries. Other letters and digits form
// lowercased words, and a query word of two or more characters also finds
// the words it begins. A story is found when it holds every term of the
// query; search.js then reads each result's own page, to drop a story
// that holds a long Chinese word's pairs but never the word (居委 and
// 业委会 for 居委会) and to show the passage that matched.
//
// The index follows the built site: it holds the stories the build
// renders (so no future story without --future) and never a draft, even
// under --drafts, so a preview build cannot leak a draft through search.
//
// The files: search/index.json, a manifest of a few bytes; term shards
// search/t-N.json, each key's postings in the shard its first two
// characters hash to, about 64 KB each; story chunks search/d-N.json
// (title, URL, snippet), about 16 KB each. A small site has one of each;
// 10,000 stories make about 27 MB in 680 files, of which a query reads a
// few hundred KB.
//
// Index is a pure function of the stories' Docs (what the index reads of
// each story), safe to call from many goroutines, and uses every core; a Reader, the same search in Go (for
// tests and tools), is safe for concurrent use.
//
// It imports site (and, through its fields, content and config), keys
// and unitext; nothing else of ours.
package search
