package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer replaces goldmark's HTML rendering of the node kinds where we
// differ: text (soft line breaks), raw HTML (escaped, not omitted) and links,
// images and autolinks (stricter URL check, independent of UnsafeHTML).
// Registered with a higher priority than goldmark's renderer, it wins for
// these kinds; goldmark renders everything else.
type nodeRenderer struct {
	unsafeHTML bool
	writer     html.Writer
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.renderText)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(KindFigure, r.renderFigure)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
}

func (r *nodeRenderer) renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	v := n.Segment.Value(src)
	if n.IsRaw() {
		r.rawWrite(w, v)
		return ast.WalkContinue, nil
	}
	r.write(w, v)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && softBreakKept(n, src):
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// write is r.writer.Write, which resolves backslash escapes and entities
// and escapes HTML, made cheap for text that has none of them: most text,
// which that writer would copy a byte at a time.
func (r *nodeRenderer) write(w util.BufWriter, v []byte) {
	for i := 0; i < len(v); i++ {
		if i = skipNonASCII(v, i); i < len(v) && textSpecial[v[i]] {
			r.writer.Write(w, v)
			return
		}
	}
	_, _ = w.Write(v)
}

// rawWrite is r.writer.RawWrite, which escapes HTML, likewise.
func (r *nodeRenderer) rawWrite(w util.BufWriter, v []byte) {
	for _, c := range v {
		if util.EscapeHTMLByte(c) != nil {
			r.writer.RawWrite(w, v)
			return
		}
	}
	_, _ = w.Write(v)
}

// textSpecial are the bytes html.Writer.Write does something with: the
// ones it escapes (NUL " & < >) and the backslash.
var textSpecial = [256]bool{0: true, '"': true, '&': true, '<': true, '>': true, '\\': true}

// renderHTMLBlock shows a raw HTML block as a paragraph of its escaped
// source, so the editor sees what was not rendered and why.
func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if r.unsafeHTML {
		// as goldmark does with html.WithUnsafe
		if entering {
			for i := range n.Lines().Len() {
				line := n.Lines().At(i)
				r.writer.SecureWrite(w, line.Value(src))
			}
		} else if n.HasClosure() {
			r.writer.SecureWrite(w, n.ClosureLine.Value(src))
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		return ast.WalkContinue, nil
	}
	lines := n.Lines().Len()
	last := lines - 1
	if n.HasClosure() {
		last = lines
	}
	if last < 0 {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	for i := 0; i <= last; i++ {
		seg := n.ClosureLine
		if i < lines {
			seg = n.Lines().At(i)
		}
		v := seg.Value(src)
		if i == last {
			v = bytes.TrimRight(v, "\r\n")
		}
		r.writer.RawWrite(w, v)
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := range n.Segments.Len() {
		seg := n.Segments.At(i)
		v := seg.Value(src)
		if r.unsafeHTML {
			r.writer.SecureWrite(w, v)
		} else {
			r.writer.RawWrite(w, v)
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderLink writes an <a> without href when the destination is dangerous:
// the text stays, the link goes.
func (r *nodeRenderer) renderLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<a")
	writeURLAttr(w, " href=\"", util.URLEscape(n.Destination, true), false)
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderImage writes an <img> without src when the source is dangerous.
func (r *nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	fig := node.Parent() != nil && node.Parent().Kind() == KindFigure
	if hook, ok := imageHook(node); ok && !dangerousURL(n.Destination, true) {
		if h, ok := hook(string(n.Destination), string(appendAlt(nil, n, src))); ok {
			_, _ = w.WriteString(h)
			return ast.WalkSkipChildren, nil
		}
	}
	_, _ = w.WriteString("<img")
	writeURLAttr(w, " src=\"", util.URLEscape(n.Destination, true), true)
	_, _ = w.WriteString(` alt="`)
	_, _ = w.Write(util.EscapeHTML(appendAlt(nil, n, src)))
	_ = w.WriteByte('"')
	if n.Title != nil && !fig { // in a figure, the title is the caption
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	_, _ = w.WriteString("<a")
	writeURLAttr(w, " href=\"", autoLinkURL(n, src), false)
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

// autoLinkURL is the href of an autolink, URL-escaped: "mailto:" added to
// e-mail addresses, "http://" to www. links.
func autoLinkURL(n *ast.AutoLink, src []byte) []byte {
	u := util.URLEscape(n.URL(src), false)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(u, "mailto:") {
		u = append([]byte("mailto:"), u...)
	}
	return u
}

// writeURLAttr writes attr (` href="`), the escaped URL and the closing
// quote, or nothing at all when the URL is dangerous.
func writeURLAttr(w util.BufWriter, attr string, u []byte, image bool) {
	if dangerousURL(u, image) {
		return
	}
	_, _ = w.WriteString(attr)
	_, _ = w.Write(util.EscapeHTML(u))
	_ = w.WriteByte('"')
}

// dangerousURL reports URLs whose scheme can run script or read local
// files: javascript:, vbscript:, file: and data:, except, for images,
// data:image/png, jpeg, gif and webp. Like a browser, it ignores leading
// control characters and spaces and tabs or line breaks inside the scheme.
// goldmark's html.IsDangerousURL is close, but lets data:image/png through
// in links and is skipped altogether under html.WithUnsafe.
func dangerousURL(u []byte, image bool) bool {
	var scheme [len("javascript")]byte
	n := 0
	i := 0
	for i < len(u) && u[i] <= ' ' {
		i++
	}
	for ; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			return schemeDangerous(string(scheme[:n]), u[i+1:], image)
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		default:
			return false // no scheme: a relative URL
		}
		if n == len(scheme) {
			return false // longer than any scheme we refuse
		}
		scheme[n] = c
		n++
	}
	return false
}

func schemeDangerous(scheme string, rest []byte, image bool) bool {
	switch scheme {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		if !image {
			return true
		}
		for _, t := range [...]string{"image/png", "image/jpeg", "image/gif", "image/webp"} {
			if hasPrefixFold(rest, t) && len(rest) > len(t) && (rest[len(t)] == ';' || rest[len(t)] == ',') {
				return false
			}
		}
		return true
	}
	return false
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
