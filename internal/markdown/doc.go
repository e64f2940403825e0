// Package markdown turns a story's Markdown body into HTML plus the facts the
// site needs about it: table of contents, summary, links with their source
// positions, and a CJK-aware length and reading time.
//
// One [Renderer] holds one goldmark instance configured once in [New] (GFM
// tables, strikethrough, autolinks and task lists; footnotes; heading
// attributes) and is safe for concurrent use: all per-document state, such as
// the table of heading IDs, lives in the call to [Renderer.Render].
//
// What goldmark does not do the way Chinese stories need, this package does
// itself:
//   - a soft line break between Chinese characters, or next to full-width
//     punctuation, renders as nothing ("社区\n花园" -> "社区花园"), decided per
//     break even across links, emphasis and code spans (goldmark's own
//     East Asian option drops breaks before those, yuin/goldmark#582);
//   - bold, italic and strikethrough work beside Chinese punctuation
//     ("**重点。**然后", "这是**“引号”**后面"), by the CJK-friendly amendment
//     to CommonMark's flanking rule (cjk_emphasis.go); Latin text renders
//     as CommonMark says (spec_test.go);
//   - heading IDs keep Chinese characters ("# 社区花园" -> id="社区花园");
//   - raw HTML is shown as escaped text unless [Options.UnsafeHTML], so an
//     editor sees the markup they typed instead of a silent gap;
//   - link and image URLs with script-capable schemes are never emitted,
//     whatever the options;
//   - a bare URL right after Chinese text ("详见https://…") becomes a link.
//
// Before goldmark parses a document, one pass over it checks a render
// budget (limits.go: nesting, brackets, tables, footnotes, markup per
// paragraph and per file), so that no file within the size limit takes
// goldmark minutes or gigabytes; a document beyond it fails with a
// *LimitError naming the line. [Renderer.RenderWith] returns as soon as its
// context is done, even in the middle of parsing a long document.
//
// It imports diag and unitext; the rest is the standard library and
// github.com/yuin/goldmark.
package markdown
