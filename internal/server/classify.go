package server

import (
	"path"
	"strings"

	"github.com/jiangninglu/showcase/internal/content"
)

// Kind is what a changed path means for a rebuild.
type Kind int

const (
	Ignore  Kind = iota
	Config       // showcase.yaml
	Content      // content/...
	Layout       // layouts/... or i18n/...
	Static       // static/...
)

// Classify maps a changed path (slash-separated, relative to the site
// root) to what it means. Editors' temporary and backup files are Ignore.
// It is pure, so it is tested without a file system.
func Classify(p string) Kind {
	if p == "" || p == "." || content.Ignored(path.Base(p)) {
		return Ignore
	}
	top, _, _ := strings.Cut(p, "/")
	switch top {
	case "showcase.yaml":
		return Config
	case "content":
		return Content
	case "layouts", "i18n":
		return Layout
	case "static":
		return Static
	}
	return Ignore
}

// cssOnly reports whether every path is a stylesheet under static/: the
// browser can swap stylesheets without reloading the page.
func cssOnly(paths []string) bool {
	if len(paths) == 0 {
		return false
	}
	for _, p := range paths {
		if Classify(p) != Static || path.Ext(p) != ".css" {
			return false
		}
	}
	return true
}
