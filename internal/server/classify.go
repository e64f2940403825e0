package server

import (
	"path"
	"strings"
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
	if p == "" || p == "." || editorTemp(path.Base(p)) {
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

// editorTemp reports the files editors write beside the real one while
// saving: vim's 4913 probe, swap and backup files, emacs lock and auto-save
// files, JetBrains' safe-write temporaries, and hidden files in general.
func editorTemp(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."), // .swp, .#lock, .DS_Store, .git
		strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"):
		return true
	}
	return false
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
