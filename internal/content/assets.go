package content

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Files beside the stories are published as they are, on the site's own
// origin, so a file a browser runs as a page would run its script there.
// A file is published only when a page links to it (the build decides
// that) and only if its kind is on the allow-list below, unless
// unsafe_html is true; an SVG image is published only when it holds
// nothing that can run.

// scriptExt are the file kinds a browser opens as a page or runs as a
// script: HTML in its spellings, JavaScript, and XML (which can carry
// XHTML, and an XSLT stylesheet that makes HTML), under any of the names
// the MIME tables give an XML type.
var scriptExt = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true, ".shtm": true,
	".mhtml": true, ".mht": true, ".hta": true,
	".js": true, ".mjs": true, ".cjs": true,
	".xml": true, ".xsl": true, ".xslt": true, ".xsd": true, ".rng": true, ".rdf": true,
	".rss": true, ".atom": true, ".dtd": true, ".xbl": true, ".xul": true, ".svgz": true,
	".wasm": true, ".swf": true,
}

// safeExt are the kinds of file a page may link to or show that are
// published from content/: what a browser shows as a picture or plays as
// media, or offers as a download or as plain text, and never runs.
// (SVG is checked for script first: see CheckSVG.)
var safeExt = map[string]bool{
	// pictures
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".avif": true,
	".svg": true, ".ico": true, ".bmp": true,
	// documents and data
	".pdf": true, ".txt": true, ".csv": true, ".tsv": true, ".json": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true,
	".odt": true, ".ods": true, ".odp": true, ".wps": true, ".et": true, ".dps": true, ".zip": true,
	// audio, video and their subtitles
	".mp3": true, ".m4a": true, ".aac": true, ".ogg": true, ".oga": true, ".opus": true,
	".wav": true, ".flac": true, ".mp4": true, ".m4v": true, ".webm": true, ".ogv": true,
	".mov": true, ".vtt": true,
}

// Kind says what may become of a file under content/ that is not Markdown.
type Kind int

const (
	Safe   Kind = iota // published when a page links to it
	SVG                // published when a page links to it and CheckSVG finds nothing live
	Script             // a page or a script: published only with unsafe_html: true
	Other              // not on the allow-list: published only with unsafe_html: true
)

// KindOf classifies a content file by its name.
func KindOf(file string) Kind {
	switch ext := strings.ToLower(path.Ext(file)); {
	case ext == ".svg":
		return SVG
	case safeExt[ext]:
		return Safe
	case scriptExt[ext]:
		return Script
	}
	return Other
}

// CheckSVG reads an SVG image and refuses it if it holds anything that can
// run script when the image is opened as a page: a script element, an
// event handler attribute, a javascript: (or vbscript:) URL anywhere, a
// data: URL other than a raster image, foreignObject and other elements
// that embed a document, HTML elements, an animation that sets a link,
// a stylesheet processing instruction (XSLT), or entity declarations that
// could hide any of these. It names the first thing found, with its line.
func CheckSVG(fsys fs.FS, file string, probs *diag.List) error {
	f, err := fsys.Open(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted while we built: nothing is published
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	defer f.Close()
	line, what, err := liveSVG(f)
	switch {
	case err != nil:
		probs.Report(diag.Pos{File: file, Line: line}, "", "asset-svg-bad", err)
	case what != "":
		probs.Report(diag.Pos{File: file, Line: line}, "", "asset-svg-live", what)
	}
	return nil
}

const (
	nsXHTML = "http://www.w3.org/1999/xhtml"
	nsXLink = "http://www.w3.org/1999/xlink"
)

// svgEmbedding are SVG (and SVG Tiny) elements that run script or embed
// another document. Names compare without case: refusing <SCRIPT> costs
// nothing, whatever the browser makes of it.
var svgEmbedding = map[string]bool{
	"script": true, "foreignobject": true, "handler": true, "listener": true,
	"iframe": true, "embed": true, "object": true, "frame": true, "frameset": true,
	"applet": true, "base": true, "meta": true, "link": true,
}

// liveSVG scans an XML document and returns the line and a description of
// the first thing in it that could run script, or an error when it is not
// well-formed UTF-8 XML (a browser shows no such image either, but what it
// would make of it cannot be checked).
func liveSVG(r io.Reader) (line int, what string, err error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	for {
		tok, err := d.Token()
		line, _ = d.InputPos()
		if err == io.EOF {
			return 0, "", nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return se.Line, "", errors.New(se.Msg)
			}
			return line, "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			switch {
			case t.Name.Space == nsXHTML:
				return line, fmt.Sprintf("an HTML element <%s>", t.Name.Local), nil
			case svgEmbedding[name]:
				return line, fmt.Sprintf("a <%s> element", t.Name.Local), nil
			}
			for _, a := range t.Attr {
				if w := liveAttr(name, t.Name.Local, a); w != "" {
					return line, w, nil
				}
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				return line, "an xml-stylesheet instruction", nil
			}
		case xml.Directive:
			if d := strings.ToUpper(string(t)); strings.Contains(d, "ENTITY") || strings.Contains(d, "[") {
				return line, "entity declarations", nil
			}
		}
	}
}

// liveAttr describes an attribute of element elem (lower-cased; local is
// as written) that could run script, or returns "".
func liveAttr(elem, local string, a xml.Attr) string {
	name := strings.ToLower(a.Name.Local)
	shown := a.Name.Local
	if a.Name.Space == nsXLink {
		shown = "xlink:" + shown
	}
	if a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns") {
		return "" // a namespace declaration: its value is a name, not a link
	}
	v := urlScheme(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Sprintf("an event handler %s= on <%s>", shown, local)
	case strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:"):
		return fmt.Sprintf("a script URL in %s= on <%s>", shown, local)
	case (name == "href" || name == "src") && strings.HasPrefix(v, "data:") && !(elem == "image" && rasterData(v)):
		return fmt.Sprintf("a data: URL in %s= on <%s>", shown, local)
	case name == "attributename" && (elem == "set" || strings.HasPrefix(elem, "animate")) && strings.HasSuffix(strings.ToLower(a.Value), "href"):
		return fmt.Sprintf("an animation of a link (attributeName=%q) on <%s>", a.Value, local)
	}
	return ""
}

// urlScheme lower-cases v and drops the characters a browser ignores in a
// URL's scheme (spaces, tabs, line breaks and other controls), so that
// "java\tscript:" reads as the browser reads it.
func urlScheme(v string) string {
	return strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, v)
}

// rasterData reports a data: URL of a raster image, which a browser shows
// as a picture and never runs (SVG exported with embedded photos has them).
func rasterData(v string) bool {
	for _, t := range []string{"data:image/png", "data:image/jpeg", "data:image/jpg", "data:image/gif", "data:image/webp", "data:image/avif"} {
		if strings.HasPrefix(v, t+";") || strings.HasPrefix(v, t+",") {
			return true
		}
	}
	return false
}
