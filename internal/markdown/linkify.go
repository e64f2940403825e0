package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// cjkLinkify links a bare URL that directly follows a wide character or
// full-width punctuation: "详见https://example.org", "网址：www.example.org".
// GFM's linkify only starts a URL after white space, a line start or one of
// *_~( because Latin text has spaces between words; Chinese text has none.
// The URL ends at the first character outside ASCII URL characters, so a
// following "。" or Chinese word is not swallowed.
type cjkLinkify struct{}

// Extend implements goldmark.Extender.
func (cjkLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(cjkLinkify{}, 999)))
}

// Transform implements parser.ASTTransformer.
func (cjkLinkify) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	if !mayHaveURL(src) {
		return // most stories: no need to walk the tree
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !n.IsRaw() && n.Segment.Padding == 0 && linkifyText(n, src) {
				if b := budgetOf(pc); b != nil { // a link counts as markup
					b.mark(n.Parent(), n.Segment.Stop)
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// linkifyText splits t around its first bare URL after a wide character:
// t keeps the text before, an AutoLink and a Text with the rest (and t's
// line break) follow it. The walk then visits the rest, finding any further
// URL. It reports whether it made a link.
func linkifyText(t *ast.Text, src []byte) bool {
	v := t.Segment.Value(src)
	if !mayHaveURL(v) {
		return false
	}
	for i := 1; i < len(v); i++ {
		if c := v[i]; c != 'h' && c != 'f' && c != 'w' {
			continue
		}
		if r, _ := utf8.DecodeLastRune(v[:i]); !eastAsianWide(r) {
			continue
		}
		n, www := matchURL(v[i:])
		if n == 0 {
			continue
		}
		start := t.Segment.Start + i
		stop := start + n
		link := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(start, stop)))
		if www {
			link.Protocol = []byte("http")
		}
		link.SetPos(start)
		rest := ast.NewTextSegment(text.NewSegment(stop, t.Segment.Stop))
		rest.SetSoftLineBreak(t.SoftLineBreak())
		rest.SetHardLineBreak(t.HardLineBreak())
		t.Segment = t.Segment.WithStop(start)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent := t.Parent()
		parent.InsertAfter(parent, t, link)
		if rest.Segment.Len() > 0 || rest.SoftLineBreak() || rest.HardLineBreak() {
			parent.InsertAfter(parent, link, rest)
		}
		return true
	}
	return false
}

// mayHaveURL reports whether b holds what every URL linkifyText links
// starts with: "http://", "https://", "ftp://" or "www." right after a
// non-ASCII byte, the last of a wide character. Most stories have links
// and URLs, but in Markdown link syntax or after a space, which GFM's
// linkify handles: searching for these is far cheaper than walking the
// tree or trying matchURL at every 'h', 'f' and 'w'.
func mayHaveURL(b []byte) bool {
	afterWide := func(start int) bool { return start > 0 && b[start-1] >= utf8.RuneSelf }
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("://"))
		if k < 0 {
			break
		}
		k += i
		p := b[:k]
		if bytes.HasSuffix(p, []byte("https")) && afterWide(k-5) ||
			bytes.HasSuffix(p, []byte("http")) && afterWide(k-4) ||
			bytes.HasSuffix(p, []byte("ftp")) && afterWide(k-3) {
			return true
		}
		i = k + len("://")
	}
	for i := 0; ; {
		k := bytes.Index(b[i:], []byte("www."))
		if k < 0 {
			return false
		}
		if afterWide(i + k) {
			return true
		}
		i += k + len("www.")
	}
}

// matchURL returns the length of the URL at the start of b, 0 if there is
// none, and whether it is a www. link without scheme. It accepts what GFM's
// linkify accepts (http://, https://, ftp://, www.; a host with a dot and a
// letter after it; an optional path) and, like it, leaves trailing
// punctuation and unbalanced closing parentheses out.
func matchURL(b []byte) (n int, www bool) {
	i := 0
	switch {
	case bytes.HasPrefix(b, []byte("https://")):
		i = len("https://")
	case bytes.HasPrefix(b, []byte("http://")):
		i = len("http://")
	case bytes.HasPrefix(b, []byte("ftp://")):
		i = len("ftp://")
	case bytes.HasPrefix(b, []byte("www.")):
		i, www = len("www."), true
	default:
		return 0, false
	}
	hostStart := i
	for i < len(b) && isHostByte(b[i]) {
		i++
	}
	host := bytes.TrimRight(b[hostStart:i], ".:-_~") // "example.org." ends a sentence
	dot := bytes.LastIndexByte(host, '.')
	if dot <= 0 || dot+1 == len(host) || !isASCIILetter(host[dot+1]) {
		return 0, false
	}
	if i < len(b) && (b[i] == '/' || b[i] == '?' || b[i] == '#') {
		for i < len(b) && isPathByte(b[i]) {
			i++
		}
	}
	// trailing punctuation ends the sentence, not the URL
	for i > hostStart {
		switch b[i-1] {
		case '?', '!', '.', ',', ':', ';', '_', '~':
			i--
			continue
		case ')':
			if bytes.Count(b[:i], []byte("(")) < bytes.Count(b[:i], []byte(")")) {
				i--
				continue
			}
		}
		break
	}
	if i <= hostStart {
		return 0, false
	}
	return i, www
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isHostByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || bytes.IndexByte([]byte("-.@:%_+~="), c) >= 0
}

func isPathByte(c byte) bool {
	return isASCIILetter(c) || '0' <= c && c <= '9' || bytes.IndexByte([]byte("-@:%_+.~#$!?&/=();,^{}[]"), c) >= 0
}
