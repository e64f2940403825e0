// Package config reads showcase.yaml: the site's title, language, metric
// schema and facets. Every key has a default, an unknown key is an error
// with its line, and a Config is read-only once loaded.
//
// It imports diag and meta.
package config
