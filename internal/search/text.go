package search

import (
	"html"
	"strings"
)

// blockTags end a run of text: the text on either side of them is not
// one word (two paragraphs' characters must not pair up across the gap).
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true,
	"dd": true, "div": true, "dl": true, "dt": true, "figcaption": true, "figure": true,
	"footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "img": true, "li": true, "ol": true, "p": true, "pre": true,
	"section": true, "table": true, "td": true, "th": true, "tr": true, "ul": true,
}

// skipTags hold no reader-visible text.
var skipTags = map[string]bool{"script": true, "style": true, "template": true, "svg": true}

// PlainText returns the text of an HTML fragment as a reader sees it:
// tags removed, character references resolved, a space wherever a block
// ends, runs of white space made one space. It is made for the trusted,
// well-formed HTML the Markdown renderer writes, not for arbitrary HTML.
func PlainText(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	skip := "" // the element whose content is being skipped
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" {
			b.WriteString(html.UnescapeString(h[:lt]))
		}
		h = h[lt:]
		if h == "" {
			break
		}
		if strings.HasPrefix(h, "<!--") {
			end := strings.Index(h, "-->")
			if end < 0 {
				break
			}
			h = h[end+3:]
			continue
		}
		gt := strings.IndexByte(h, '>')
		if gt < 0 {
			break
		}
		tag := h[1:gt]
		h = h[gt+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if i := strings.IndexAny(name, " \t\r\n/"); i >= 0 {
			name = name[:i]
		}
		switch {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
		case !closing && skipTags[name] && !strings.HasSuffix(tag, "/"):
			skip = name
		case blockTags[name]:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// cut returns at most n characters of s, with "…" when it cut.
func cut(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return strings.TrimSpace(s[:pos]) + "…"
		}
		i++
	}
	return s
}
