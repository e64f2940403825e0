package images

import (
	"html"
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// HTML returns the markup for r: an <img> with src (the fallback), srcset
// and sizes over the fallback's type, width and height (so the page does
// not jump as images load), loading="lazy", decoding="async" and alt
// (always present: "" marks a decorative image). With WebP variants the
// <img> is wrapped in a <picture> with a WebP <source>; with a title the
// whole is wrapped in a <figure> whose <figcaption> is the title. sizes ""
// means DefaultSizes. Every value is escaped; URLs are Options.URLPrefix
// followed by the variant's path with each segment percent-encoded.
func (p *Processor) HTML(r *Result, alt, title, sizes string) template.HTML {
	if r == nil {
		return ""
	}
	if sizes == "" {
		sizes = DefaultSizes
	}
	var b strings.Builder
	if title != "" {
		b.WriteString("<figure>")
	}
	webp, _ := p.srcset(r.Variants, TypeWebP)
	if webp != "" {
		b.WriteString(`<picture><source type="image/webp"`)
		attr(&b, "srcset", webp)
		attr(&b, "sizes", sizes)
		b.WriteString(">")
	}
	b.WriteString("<img")
	attr(&b, "src", p.url(r.Fallback.Path))
	if set, n := p.srcset(r.Variants, r.Fallback.Type); n > 1 {
		attr(&b, "srcset", set)
		attr(&b, "sizes", sizes)
	}
	if r.Fallback.Width > 0 && r.Fallback.Height > 0 {
		attr(&b, "width", strconv.Itoa(r.Fallback.Width))
		attr(&b, "height", strconv.Itoa(r.Fallback.Height))
	}
	attr(&b, "alt", alt)
	b.WriteString(` loading="lazy" decoding="async">`)
	if webp != "" {
		b.WriteString("</picture>")
	}
	if title != "" {
		b.WriteString("<figcaption>" + html.EscapeString(title) + "</figcaption></figure>")
	}
	return template.HTML(b.String())
}

// srcset lists the n variants of type typ as "URL 480w, URL 960w".
func (p *Processor) srcset(vs []Variant, typ string) (set string, n int) {
	var parts []string
	for _, v := range vs {
		if v.Type == typ {
			parts = append(parts, p.url(v.Path)+" "+strconv.Itoa(v.Width)+"w")
		}
	}
	return strings.Join(parts, ", "), len(parts)
}

// url percent-encodes each segment of an output path, which also keeps
// spaces and commas from breaking a srcset list.
func (p *Processor) url(pth string) string {
	segs := strings.Split(pth, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return p.opts.URLPrefix + strings.Join(segs, "/")
}

func attr(b *strings.Builder, name, value string) {
	b.WriteString(" " + name + `="` + html.EscapeString(value) + `"`)
}
