// Package showcase holds the built-in theme: the templates in layouts/, the
// interface words in i18n/ and the files in static/, embedded in the binary
// so that any site builds with them. A site's own layouts/, i18n/ and
// static/ files override these file by file.
package showcase

import "embed"

// Theme is the built-in theme.
//
//go:embed layouts i18n static
var Theme embed.FS

// Archetypes are the built-in templates for `showcase new`.
//
//go:embed archetypes
var Archetypes embed.FS
