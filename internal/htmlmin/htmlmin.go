// Package htmlmin minifies the HTML that showcase writes, byte for byte as
// github.com/tdewolff/minify/v2/html does with the options the build uses
// (Options: KeepDocumentTags, KeepEndTags, KeepQuotes, KeepSpecialComments),
// in a fraction of the time.
//
// It is a port of that minifier's Minify loop onto a small lexer that
// accepts only the plain HTML that html/template and goldmark produce:
// lowercase tags, double-quoted attributes, text without stray '<'. On
// anything else (single-quoted or unquoted attributes, CDATA, inline SVG,
// textarea, a sub-minifier's error, ...) Minify reports false before or
// without changing src, and the caller runs tdewolff's minifier, which
// then also produces its own error message. The transformations of text
// and attribute values call the same exported functions tdewolff uses.
// Differential tests and a fuzz target hold the two to the same bytes.
//
// Copyright notice of the ported code: Copyright (c) 2025 Taco de Wolff,
// MIT licence (https://github.com/tdewolff/minify/blob/master/LICENSE):
// permission is hereby granted, free of charge, to any person obtaining a
// copy of this software, to deal in it without restriction, provided the
// copyright notice and this permission notice are included in all copies
// or substantial portions of the software.
package htmlmin

import (
	"bytes"
	"encoding/binary"
	"sync"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/buffer"
	phtml "github.com/tdewolff/parse/v2/html"
)

type kind uint8

const (
	kError   kind = iota // end of input
	kText                // text, or the raw text of title, script, style
	kStart               // "<name"
	kAttr                // ` name="val"` or ` name`
	kClose               // ">" or "/>" closing a start tag
	kEnd                 // "</name>"
	kComment             // "<!--text-->"
	kDoctype             //
)

type token struct {
	kind   kind
	quote  byte // an attribute's, 0 for none
	traits traits
	hash   mhtml.Hash
	text   []byte // a text; a tag's, attribute's name (nil: removed); a comment's content
	val    []byte // an attribute's value, without quotes
}

type state struct {
	toks    []token
	textBuf []byte // a text's copy, changed and written before the next
	valBuf  []byte // an attribute value's copy, likewise
	attrBuf []byte
	attrMin *buffer.Writer
}

var states = sync.Pool{New: func() any {
	return &state{attrMin: buffer.NewWriter(make([]byte, 0, 64))}
}}

// Options are the options of tdewolff's HTML minifier whose output Minify
// reproduces: the minify.M given to Minify must minify text/html with them
// (and CSS and JS as it likes, for inline style and script).
func Options() *mhtml.Minifier {
	return &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true}
}

// Minify appends the minified src to w and reports true, or reports false
// when src holds HTML this package does not handle, leaving w as it was.
// src is never changed.
func Minify(m *minify.M, w *bytes.Buffer, src []byte) bool {
	s := states.Get().(*state)
	defer states.Put(s)
	n := w.Len()
	if !s.lex(src) || !s.minify(m, w) {
		w.Truncate(n)
		return false
	}
	return true
}

var (
	doctypeBytes  = []byte("<!doctype html>")
	jsMimeBytes   = []byte("application/javascript")
	cssMimeBytes  = []byte("text/css")
	formMimeBytes = []byte("application/x-www-form-urlencoded")
	jsSchemeBytes = []byte("javascript:")
	httpBytes     = []byte("http")
	radioBytes    = []byte("radio")
	onBytes       = []byte("on")
	textBytes     = []byte("text")
	submitBytes   = []byte("submit")
	allBytes      = []byte("all")
	rectBytes     = []byte("rect")
	getBytes      = []byte("get")
	oneBytes      = []byte("one")
	inlineParams  = map[string]string{"inline": "1"}
)

// class of each byte in text: 0 plain, 1 space or newline (unchanged when
// alone), 2 anything the text path must look at closer.
var textClass = [256]uint8{
	0: 2, '\t': 2, '\n': 1, '\f': 2, '\r': 2, ' ': 1, '&': 2,
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
}

func isAttrNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.'
}

// lex splits src into the token stream tdewolff's lexer and token buffer
// would produce, or reports false for input outside the subset.
func (s *state) lex(src []byte) bool {
	s.toks = s.toks[:0]
	var raw mhtml.Hash // set after the start tag of title, script or style
	i := 0
	for i < len(src) {
		if raw != 0 {
			// Raw text runs to the first "</"; it must close the element.
			end := bytes.Index(src[i:], []byte("</"))
			if end < 0 {
				return false
			}
			content := src[i : i+end]
			if raw == mhtml.Script && bytes.Contains(content, []byte("<!--")) || bytes.IndexByte(content, 0) >= 0 {
				return false
			}
			name := raw.Bytes()
			rest := src[i+end+2:]
			if len(rest) < len(name)+1 || !bytes.Equal(rest[:len(name)], name) || rest[len(name)] != '>' {
				return false
			}
			if len(content) > 0 {
				s.toks = append(s.toks, token{kind: kText, text: content})
			}
			i += end
			raw = 0
			continue
		}
		if src[i] != '<' {
			end := bytes.IndexByte(src[i:], '<')
			if end < 0 {
				end = len(src) - i
			}
			text := src[i : i+end]
			if bytes.IndexByte(text, 0) >= 0 {
				return false
			}
			s.toks = append(s.toks, token{kind: kText, text: text})
			i += end
			continue
		}
		if i+1 >= len(src) {
			return false
		}
		switch c := src[i+1]; {
		case isLower(c):
			j := i + 1
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			name := src[i+1 : j]
			h := mhtml.ToHash(name)
			switch h {
			case mhtml.Svg, mhtml.Math, mhtml.Textarea, mhtml.Iframe, mhtml.Xmp, mhtml.Plaintext, mhtml.Template:
				return false
			case mhtml.Title, mhtml.Script, mhtml.Style:
				raw = h
			}
			if h == 0 && bytes.Equal(name, []byte("xml")) {
				return false
			}
			s.toks = append(s.toks, token{kind: kStart, hash: h, traits: tagTraits.get(h), text: name})
			// attributes
			for {
				for j < len(src) && isSpace(src[j]) {
					j++
				}
				if j >= len(src) {
					return false
				}
				if src[j] == '>' {
					s.toks = append(s.toks, token{kind: kClose})
					j++
					break
				}
				if src[j] == '/' && j+1 < len(src) && src[j+1] == '>' {
					s.toks = append(s.toks, token{kind: kClose})
					j += 2
					break
				}
				if !isLower(src[j]) {
					return false
				}
				start := j
				for j < len(src) && isAttrNameByte(src[j]) {
					j++
				}
				if j >= len(src) {
					return false
				}
				an := src[start:j]
				var val []byte
				var quote byte
				if src[j] == '=' {
					quote = '"'
					if j+1 >= len(src) || src[j+1] != '"' {
						return false
					}
					q := bytes.IndexByte(src[j+2:], '"')
					if q < 0 {
						return false
					}
					val = src[j+2 : j+2+q]
					if bytes.IndexByte(val, 0) >= 0 {
						return false
					}
					j += 2 + q + 1
					if j < len(src) && !isSpace(src[j]) && src[j] != '>' && src[j] != '/' {
						return false
					}
				} else if !isSpace(src[j]) && src[j] != '>' && src[j] != '/' {
					return false
				} else if src[j] == '/' && (j+1 >= len(src) || src[j+1] != '>') {
					return false
				}
				ah := mhtml.ToHash(an)
				s.toks = append(s.toks, token{kind: kAttr, hash: ah, traits: attrTraits.get(ah), quote: quote, text: an, val: val})
			}
			i = j
		case c == '/':
			j := i + 2
			if j >= len(src) || !isLower(src[j]) {
				return false
			}
			for j < len(src) && isNameByte(src[j]) {
				j++
			}
			if j >= len(src) || src[j] != '>' {
				return false
			}
			name := src[i+2 : j]
			h := mhtml.ToHash(name)
			s.toks = append(s.toks, token{kind: kEnd, hash: h, traits: tagTraits.get(h), text: name})
			i = j + 1
		case c == '!':
			rest := src[i+2:]
			if bytes.HasPrefix(rest, []byte("--")) {
				end := bytes.Index(rest[2:], []byte("-->"))
				if end < 0 {
					return false
				}
				text := rest[2 : 2+end]
				if bytes.Contains(text, []byte("--!>")) || bytes.HasSuffix(text, []byte("--!")) {
					return false
				}
				if 6 < len(text) && (bytes.HasPrefix(text, []byte("[if ")) || bytes.HasSuffix(text, []byte("[endif]")) || bytes.HasSuffix(text, []byte("[endif]--"))) {
					return false // conditional comments are minified recursively
				}
				s.toks = append(s.toks, token{kind: kComment, text: text})
				i += 2 + 2 + end + 3
				continue
			}
			if len(rest) >= 8 && parse.EqualFold(rest[:8], []byte("doctype ")) {
				end := bytes.IndexByte(rest, '>')
				if end < 0 {
					return false
				}
				s.toks = append(s.toks, token{kind: kDoctype})
				i += 2 + end + 1
				continue
			}
			return false
		default:
			return false
		}
	}
	return raw == 0
}

// traitTable finds traits by hash without a Go map: the lexer looks up
// every tag and attribute.
type traitTable struct {
	keys [1024]mhtml.Hash
	vals [1024]traits
}

func newTraitTable(m map[mhtml.Hash]traits) *traitTable {
	t := new(traitTable)
	for h, v := range m {
		i := t.slot(h)
		for t.keys[i] != 0 {
			i = (i + 1) % uint32(len(t.keys))
		}
		t.keys[i], t.vals[i] = h, v
	}
	return t
}

func (t *traitTable) slot(h mhtml.Hash) uint32 { return uint32(h) * 0x9E3779B1 >> 22 }

// get returns h's traits, 0 for an unknown h (and for h 0, no name).
func (t *traitTable) get(h mhtml.Hash) traits {
	for i := t.slot(h); ; i = (i + 1) % uint32(len(t.keys)) {
		switch t.keys[i] {
		case h:
			return t.vals[i]
		case 0:
			return 0
		}
	}
}

var tagTraits, attrTraits = newTraitTable(tagMap), newTraitTable(attrMap)

func (s *state) peek(pos int) *token {
	if pos < len(s.toks) {
		return &s.toks[pos]
	}
	return &eofToken
}

var eofToken = token{kind: kError} // read only

// attributes returns the attributes of the start tag whose first attribute
// is at pos, by hash, in the order asked for.
func (s *state) attributes(pos int, out []*token, hashes ...mhtml.Hash) []*token {
	out = out[:len(hashes)]
	for i := range out {
		out[i] = nil
	}
	for ; pos < len(s.toks) && s.toks[pos].kind == kAttr; pos++ {
		for j, h := range hashes {
			if s.toks[pos].hash == h {
				out[j] = &s.toks[pos]
			}
		}
	}
	return out
}

// own returns a copy of b that functions changing their argument in place
// may change.
func (s *state) own(b []byte) []byte {
	return append([]byte(nil), b...)
}

// ownVal is own for the value of the attribute being written: its copy
// lives until the next attribute's.
func (s *state) ownVal(b []byte) []byte {
	s.valBuf = append(s.valBuf[:0], b...)
	return s.valBuf
}

// minify is tdewolff's Minify loop (html.go) over the lexed tokens, with
// the options build uses fixed: KeepDocumentTags, KeepEndTags, KeepQuotes,
// KeepSpecialComments. Where it would change bytes in place, it changes a
// copy.
func (s *state) minify(m *minify.M, w *bytes.Buffer) bool {
	var rawTagHash mhtml.Hash
	var rawTagMediatype []byte
	omitSpace := true // if true the next leading space is omitted
	inPre := false
	var attrs [4]*token

	pos := 0
	for {
		if pos >= len(s.toks) {
			return true
		}
		t := &s.toks[pos]
		pos++
		switch t.kind {
		case kDoctype:
			w.Write(doctypeBytes)
		case kComment:
			if 1 < len(t.text) && t.text[0] == '#' {
				w.WriteString("<!--") // SSI tags
				w.Write(t.text)
				w.WriteString("-->")
			}
		case kText:
			if rawTagHash != 0 {
				// script or style: lex refuses the other raw-text tags
				// (iframe, textarea, svg, math)
				var mimetype []byte
				var params map[string]string
				if 0 < len(rawTagMediatype) {
					mimetype, params = parse.Mediatype(rawTagMediatype)
				} else if rawTagHash == mhtml.Script {
					mimetype, params = jsMimeBytes, map[string]string{"escape-html": "1"}
				} else {
					mimetype = cssMimeBytes
				}
				n := w.Len()
				if err := m.MinifyMimetype(mimetype, w, buffer.NewReader(s.ownText(t.text)), params); err != nil {
					if err != minify.ErrNotExist {
						return false // tdewolff reports the error
					}
					w.Truncate(n)
					w.Write(t.text)
				}
			} else if inPre {
				w.Write(t.text)
			} else {
				t.text = s.text(t.text)

				// whitespace removal; trim left
				if omitSpace && parse.IsWhitespace(t.text[0]) {
					t.text = t.text[1:]
				}

				// whitespace removal; trim right
				omitSpace = false
				if len(t.text) == 0 {
					omitSpace = true
				} else if parse.IsWhitespace(t.text[len(t.text)-1]) {
					omitSpace = true
					i := 0
					for {
						next := s.peek(pos + i)
						// trim if EOF, text token with leading whitespace or block token
						if 100 < i {
							// prevent long execution time with many following tokens
							omitSpace = false
							break
						} else if next.kind == kError {
							t.text = t.text[:len(t.text)-1]
							omitSpace = false
							break
						} else if next.kind == kText && !parse.IsAllWhitespace(next.text) {
							// stop looking when text encountered
							break
						} else if next.kind == kStart || next.kind == kEnd {
							// remove when followed by a block tag
							if next.traits&blockTag != 0 {
								t.text = t.text[:len(t.text)-1]
								omitSpace = false
								break
							} else if next.kind == kStart {
								break
							}
						}
						i++
					}
				}
				w.Write(t.text)
			}
		case kStart, kEnd:
			rawTagHash = 0
			hasAttributes := false
			if t.kind == kStart {
				if next := s.peek(pos); next.kind == kAttr {
					hasAttributes = true
				}
				if t.traits&rawTag != 0 {
					// ignore empty script and style tags
					if !hasAttributes && (t.hash == mhtml.Script || t.hash == mhtml.Style) {
						if next := s.peek(pos + 1); next.kind == kEnd {
							pos += 2
							break
						}
					}
					rawTagHash = t.hash
					rawTagMediatype = nil

					// do not minify content of <style amp-boilerplate>
					if hasAttributes && t.hash == mhtml.Style {
						if a := s.attributes(pos, attrs[:], mhtml.Amp_Boilerplate); a[0] != nil {
							rawTagHash = 0
						}
					}
				}
			}

			if t.hash == mhtml.Pre {
				inPre = t.kind == kStart
			}

			// remove superfluous tags
			if !hasAttributes && t.hash == mhtml.Colgroup {
				break
			} else if t.kind == kEnd {
				if t.traits&objectTag != 0 {
					omitSpace = false
				} else if t.traits&blockTag != 0 {
					omitSpace = true // omit spaces after block elements
				}
				w.WriteString("</")
				w.Write(t.text)
				w.WriteByte('>')

				// skip text in select and optgroup tags
				if t.hash == mhtml.Option || t.hash == mhtml.Optgroup {
					if next := s.peek(pos); next.kind == kText {
						pos++
					}
				}
				break
			}

			if t.traits&objectTag != 0 {
				omitSpace = false
			} else if t.traits&blockTag != 0 {
				omitSpace = true // omit spaces after block elements
			}

			w.WriteByte('<')
			w.Write(t.text)

			if hasAttributes {
				if !s.specialAttrs(t.hash, pos, attrs[:]) {
					return false
				}

				// write attributes
				for {
					attr := &s.toks[pos]
					pos++
					if attr.kind != kAttr {
						break
					} else if attr.text == nil {
						continue // removed attribute
					}

					val := attr.val
					if attr.traits&trimAttr != 0 {
						if needsText(val) {
							val = parse.ReplaceMultipleWhitespaceAndEntities(s.ownVal(val), mhtml.EntitiesMap, nil)
						}
						val = parse.TrimWhitespace(val)
					} else if bytes.IndexByte(val, '&') >= 0 {
						val = parse.ReplaceEntities(s.ownVal(val), mhtml.EntitiesMap, nil)
					}
					if t.traits != 0 {
						if len(val) == 0 && (attr.hash == mhtml.Class ||
							attr.hash == mhtml.Dir ||
							attr.hash == mhtml.Id ||
							attr.hash == mhtml.Name ||
							attr.hash == mhtml.Action && t.hash == mhtml.Form) {
							continue // omit empty attribute values
						}
						if rawTagHash != 0 && attr.hash == mhtml.Type {
							rawTagMediatype = parse.Copy(val)
						}

						if attr.hash == mhtml.Enctype ||
							attr.hash == mhtml.Formenctype ||
							attr.hash == mhtml.Accept ||
							attr.hash == mhtml.Type && (t.hash == mhtml.A || t.hash == mhtml.Link || t.hash == mhtml.Embed || t.hash == mhtml.Object || t.hash == mhtml.Source || t.hash == mhtml.Script) {
							val = minify.Mediatype(s.ownVal(val))
						}

						// default attribute values can be omitted
						if attr.hash == mhtml.Type && (t.hash == mhtml.Script && jsMimetypes[string(parse.ToLower(parse.Copy(val)))] ||
							t.hash == mhtml.Style && parse.EqualFold(val, cssMimeBytes) ||
							t.hash == mhtml.Link && parse.EqualFold(val, cssMimeBytes) ||
							t.hash == mhtml.Input && parse.EqualFold(val, textBytes) ||
							t.hash == mhtml.Button && parse.EqualFold(val, submitBytes)) ||
							attr.hash == mhtml.Method && parse.EqualFold(val, getBytes) ||
							attr.hash == mhtml.Enctype && parse.EqualFold(val, formMimeBytes) ||
							attr.hash == mhtml.Colspan && bytes.Equal(val, oneBytes) ||
							attr.hash == mhtml.Rowspan && bytes.Equal(val, oneBytes) ||
							attr.hash == mhtml.Shape && parse.EqualFold(val, rectBytes) ||
							attr.hash == mhtml.Span && bytes.Equal(val, oneBytes) ||
							attr.hash == mhtml.Media && t.hash == mhtml.Style && parse.EqualFold(val, allBytes) {
							continue
						}

						if attr.hash == mhtml.Style {
							// CSS minifier for attribute inline code
							val = parse.TrimWhitespace(val)
							s.attrMin.Reset()
							if err := m.MinifyMimetype(cssMimeBytes, s.attrMin, buffer.NewReader(s.ownVal(val)), inlineParams); err == nil {
								val = s.attrMin.Bytes()
							} else if err != minify.ErrNotExist {
								return false
							}
							if len(val) == 0 {
								continue
							}
						} else if 2 < len(attr.text) && attr.text[0] == 'o' && attr.text[1] == 'n' {
							// JS minifier for attribute inline code
							val = parse.TrimWhitespace(val)
							if 11 <= len(val) && parse.EqualFold(val[:11], jsSchemeBytes) {
								val = val[11:]
							}
							s.attrMin.Reset()
							if err := m.MinifyMimetype(jsMimeBytes, s.attrMin, buffer.NewReader(s.ownVal(val)), inlineParams); err == nil {
								val = s.attrMin.Bytes()
							} else if err != minify.ErrNotExist {
								return false
							}
							if len(val) == 0 {
								continue
							}
						} else if attr.traits&urlAttr != 0 { // anchors are already handled
							val = parse.TrimWhitespace(val)
							if 5 < len(val) {
								if parse.EqualFold(val[:4], httpBytes) {
									if val[4] == ':' {
										if m.URL != nil && m.URL.Scheme == "http" {
											val = val[5:]
										} else {
											val = s.ownVal(val)
											parse.ToLower(val[:4])
										}
									} else if (val[4] == 's' || val[4] == 'S') && val[5] == ':' {
										if m.URL != nil && m.URL.Scheme == "https" {
											val = val[6:]
										} else {
											val = s.ownVal(val)
											parse.ToLower(val[:5])
										}
									}
								} else if parse.EqualFold(val[:5], []byte("data:")) {
									val = minify.DataURI(m, s.ownVal(val))
								}
							}
						}
					}

					w.WriteByte(' ')
					w.Write(attr.text)
					if 0 < len(val) && attr.traits&booleanAttr == 0 {
						w.WriteByte('=')

						// KeepQuotes: quotes always, the original ones unless
						// the value holds them
						var quote byte
						if attr.quote != 0 {
							quote = attr.quote
						}
						if quote == '"' && bytes.IndexByte(val, '"') < 0 {
							w.WriteByte('"') // what EscapeAttrVal returns, without its copy
							w.Write(val)
							w.WriteByte('"')
						} else {
							w.Write(phtml.EscapeAttrVal(&s.attrBuf, val, quote, true))
						}
					}
				}
			} else {
				pos++ // StartTagClose
			}
			w.WriteByte('>')

			// skip text in select and optgroup tags
			if t.hash == mhtml.Select || t.hash == mhtml.Optgroup {
				if next := s.peek(pos); next.kind == kText {
					pos++
				}
			}

			// keep space after phrasing tags (<i>, <span>, ...) FontAwesome etc.
			if t.kind == kStart && t.traits == normalTag {
				if next := s.peek(pos); next.hash == t.hash && next.kind == kEnd {
					omitSpace = false
				}
			}
		}
	}
}

// specialAttrs applies the per-tag rules of tdewolff's minifier for meta,
// script, input and a to the attributes starting at pos.
func (s *state) specialAttrs(tag mhtml.Hash, pos int, attrs []*token) bool {
	switch tag {
	case mhtml.Meta:
		a := s.attributes(pos, attrs, mhtml.Content, mhtml.Http_Equiv, mhtml.Charset, mhtml.Name)
		content := a[0]
		if content == nil {
			return true
		}
		if httpEquiv := a[1]; httpEquiv != nil {
			httpEquiv.val = parse.TrimWhitespace(httpEquiv.val)
			if charset := a[2]; charset == nil && parse.EqualFold(httpEquiv.val, []byte("content-type")) {
				content.val = minify.Mediatype(s.own(content.val))
				if bytes.Equal(content.val, []byte("text/html;charset=utf-8")) {
					httpEquiv.text = nil
					content.text = []byte("charset")
					content.hash = mhtml.Charset
					content.val = []byte("utf-8")
				}
			}
		}
		if name := a[3]; name != nil {
			name.val = parse.TrimWhitespace(name.val)
			if parse.EqualFold(name.val, []byte("keywords")) {
				content.val = bytes.ReplaceAll(content.val, []byte(", "), []byte(","))
			} else if parse.EqualFold(name.val, []byte("viewport")) {
				content.val = bytes.ReplaceAll(content.val, []byte(" "), []byte(""))
				for i := 0; i < len(content.val); i++ {
					if content.val[i] == '=' && i+2 < len(content.val) {
						i++
						if n := parse.Number(content.val[i:]); 0 < n {
							minNum := minify.Number(content.val[i:i+n], -1)
							if len(minNum) < n {
								copy(content.val[i:i+len(minNum)], minNum)
								copy(content.val[i+len(minNum):], content.val[i+n:])
								content.val = content.val[:len(content.val)+len(minNum)-n]
							}
							i += len(minNum)
						}
						i-- // mitigate for-loop increase
					}
				}
			}
		}
	case mhtml.Script:
		a := s.attributes(pos, attrs, mhtml.Src, mhtml.Charset)
		if a[0] != nil && a[1] != nil {
			a[1].text = nil
		}
	case mhtml.Input:
		a := s.attributes(pos, attrs, mhtml.Type, mhtml.Value)
		if t, value := a[0], a[1]; t != nil && value != nil {
			isRadio := parse.EqualFold(t.val, radioBytes)
			if !isRadio && len(value.val) == 0 {
				value.text = nil
			} else if isRadio && parse.EqualFold(value.val, onBytes) {
				value.text = nil
			}
		}
	case mhtml.A:
		a := s.attributes(pos, attrs, mhtml.Id, mhtml.Name)
		if id, name := a[0], a[1]; id != nil && name != nil {
			if bytes.Equal(id.val, name.val) {
				name.text = nil
			}
		}
	}
	return true
}

// needsText reports whether ReplaceMultipleWhitespaceAndEntities may
// change b: it holds '&', a whitespace other than a lone space or newline,
// or two whitespace bytes in a row. Eight bytes at a time: in Chinese
// text most words hold no byte below '\” (all that may matter).
func needsText(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for i := 0; i < len(b); {
		if i+8 <= len(b) {
			if x := binary.LittleEndian.Uint64(b[i:]); (x-ones*('&'+1))&^x&highs == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(b)); i < end; i++ {
			switch textClass[b[i]] {
			case 0:
			case 1:
				if i+1 < len(b) && isSpace(b[i+1]) {
					return true
				}
			default:
				return true
			}
		}
	}
	return false
}

var newline, space = []byte("\n"), []byte(" ")

// text returns b as ReplaceMultipleWhitespaceAndEntities would make it,
// changing a copy, not b. The result lives until the next text's.
func (s *state) text(b []byte) []byte {
	if !needsText(b) {
		return b
	}
	if parse.IsAllWhitespace(b) { // between tags: one space or newline
		if bytes.IndexByte(b, '\n') >= 0 || bytes.IndexByte(b, '\r') >= 0 {
			return newline
		}
		return space
	}
	return parse.ReplaceMultipleWhitespaceAndEntities(s.ownText(b), mhtml.EntitiesMap, mhtml.TextRevEntitiesMap)
}

func (s *state) ownText(b []byte) []byte {
	s.textBuf = append(s.textBuf[:0], b...)
	return s.textBuf
}
