package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/diag"
)

// reserved slugs would collide with the site's own URLs under /stories/.
var reserved = map[string]bool{"page": true, "index": true, "feed": true, "tags": true}

// CheckSlug returns why s cannot be a URL name, or nil. Slugs keep Chinese
// and other letters (URLs are Unicode-safe) but never contain path
// separators, "..", control characters, spaces or URL syntax.
func CheckSlug(s string) error {
	switch {
	case s == "":
		return diag.NewError("slug-empty")
	case !utf8.ValidString(s):
		return diag.NewError("slug-not-utf8")
	case strings.Contains(s, ".."):
		return diag.NewError("slug-dotdot")
	case s[0] == '.' || s[0] == '-':
		return diag.NewError("slug-start", diag.Quote(s[:1]))
	case reserved[strings.ToLower(s)]:
		return diag.NewError("slug-reserved")
	case utf8.RuneCountInString(s) > 100:
		return diag.NewError("slug-too-long")
	}
	if err := checkPathName(s); err != nil {
		return err
	}
	for _, r := range s {
		switch {
		case r == '/' || r == '\\':
			return diag.NewError("slug-char", diag.QuoteRune(r))
		case unicode.IsControl(r):
			return diag.NewError("slug-control")
		case unicode.IsSpace(r):
			return diag.NewError("slug-space")
		case strings.ContainsRune("?#%&:;\"'<>|*`^{}[]+=,!@$~", r):
			return diag.NewError("slug-char", diag.QuoteRune(r))
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r), r == '-', r == '_', r == '.':
		default:
			return diag.NewError("slug-char-hint", diag.QuoteRune(r))
		}
	}
	return nil
}

// CheckFileSlug returns why s cannot name a new story's file (SLUG.md) or
// bundle (SLUG/), or nil: CheckSlug's rules, and none of the names the
// loader reads specially: _index (stories/_index.md is the story list's
// own page, so the story would appear nowhere) and names it skips as an
// editor's temporary files (x.tmp, x.swp, 4913, ...), in any case.
func CheckFileSlug(s string) error {
	if err := CheckSlug(s); err != nil {
		return err
	}
	if strings.EqualFold(s, "_index") || Ignored(s) || Ignored(s+".md") || Ignored(strings.ToLower(s)) {
		return diag.NewError("slug-special")
	}
	return nil
}

// URLName makes a safe, Unicode-preserving URL name out of any text, such as
// a facet value: ASCII letters lowered, letters and digits of any script
// kept, every other run of characters one "-". "北京 居民区" and "北京居民区"
// differ; callers detect two values that share a name.
func URLName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
			fallthrough
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	if b.Len() == 0 {
		return "-"
	}
	return b.String()
}

// defaultSlug turns a file or folder name into a slug: spaces become "-".
func defaultSlug(name string) string {
	return strings.Join(strings.Fields(name), "-")
}
