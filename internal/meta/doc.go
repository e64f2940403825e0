// Package meta splits a content file into its front matter and body, and
// decodes YAML, TOML and JSON front matter (and showcase.yaml) into one tree
// of positioned values, so that the packages that give the values meaning
// can name file:line:col for every bad field.
//
// It imports diag, adrg/frontmatter (the front-matter delimiters, as the
// product's design names it), yaml.v3 and BurntSushi/toml.
package meta
