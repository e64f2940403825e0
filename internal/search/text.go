package search

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/unitext"
)

// tagKinds tells the tags that matter to the text apart: those that end
// a run of text (the text on either side of them is not one word: two
// paragraphs' characters must not pair up across the gap), and those
// that hold no reader-visible text.
var tagKinds = map[string]tagKind{
	"address": blockTag, "article": blockTag, "aside": blockTag, "blockquote": blockTag, "br": blockTag,
	"dd": blockTag, "div": blockTag, "dl": blockTag, "dt": blockTag, "figcaption": blockTag, "figure": blockTag,
	"footer": blockTag, "h1": blockTag, "h2": blockTag, "h3": blockTag, "h4": blockTag, "h5": blockTag, "h6": blockTag,
	"header": blockTag, "hr": blockTag, "img": blockTag, "li": blockTag, "ol": blockTag, "p": blockTag, "pre": blockTag,
	"section": blockTag, "table": blockTag, "td": blockTag, "th": blockTag, "tr": blockTag, "ul": blockTag,
	"script": skipTag, "style": skipTag, "template": skipTag, "svg": skipTag,
}

type tagKind uint8

const (
	inlineTag tagKind = iota // any other: <a>, <b>, <span> ...
	blockTag
	skipTag
)

// PlainText returns the text of an HTML fragment as a reader sees it:
// tags removed, character references resolved, a space wherever a block
// ends, runs of white space made one space. It is made for the trusted,
// well-formed HTML the Markdown renderer writes, not for arbitrary HTML.
func PlainText(h string) string {
	return string(unitext.CollapseSpace(appendText(make([]byte, 0, len(h)), h)))
}

// appendText appends to b the text of h as PlainText returns it, but with
// its white space as it is.
func appendText(b []byte, h string) []byte {
	skip := "" // the element whose content is being skipped
	for len(h) > 0 {
		lt := strings.IndexByte(h, '<')
		if lt < 0 {
			lt = len(h)
		}
		if skip == "" {
			b = append(b, html.UnescapeString(h[:lt])...)
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
		name := tagName(tag)
		switch kind := tagKinds[name]; {
		case skip != "":
			if closing && name == skip {
				skip = ""
			}
		case !closing && kind == skipTag && !strings.HasSuffix(tag, "/"):
			skip = name
		case kind == blockTag:
			b = append(b, ' ')
		}
	}
	return b
}

// tagName returns the lower-case name of the element of tag, what is
// between "<" and ">": "/P" -> "p", "h2 id=x" -> "h2", "br/" -> "br".
func tagName(tag string) string {
	start := 0
	for start < len(tag) && tag[start] == '/' {
		start++
	}
	end := start
	for end < len(tag) && !nameEnds[tag[end]] {
		end++
	}
	return strings.ToLower(tag[start:end]) // the renderer writes lower case: no copy
}

// nameEnds are the bytes that end a tag's name.
var nameEnds = [256]bool{' ': true, '\t': true, '\r': true, '\n': true, '/': true}

// cut returns at most n characters of s, with "…" when it cut.
func cut(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return strings.TrimSpace(s[:pos]) + "…"
		}
		i++
	}
	return s
}
