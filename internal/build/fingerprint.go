package build

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// hashLen is how many hex digits of a file's SHA-256 its published name
// carries: style.3f2a9c1e.css. Deploy serves such names for a year,
// immutable (deploy.Fingerprinted wants 8 or more).
const hashLen = 8

// fingerprinted reports whether the static file dest is published under
// a name that carries a hash of its bytes as well: the theme's and the
// site's stylesheets and scripts, which every page links and browsers
// and CDNs may keep.
func fingerprinted(f file) bool {
	if !strings.HasPrefix(f.src, "static/") {
		return false // a story's own files keep their names
	}
	switch path.Ext(f.dest) {
	case ".css", ".js":
		return true
	}
	return false
}

// hashedName puts hash before name's extension: css/style.css becomes
// css/style.3f2a9c1e.css.
func hashedName(name, hash string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hash + ext
}

// assets are the fingerprinted static files: what a page links
// ("/css/style.css") to the name it is published under
// ("/css/style.3f2a9c1e.css"), and each one's bytes as published, under
// both names.
type assets struct {
	names map[string]string
	data  map[string][]byte
}

// fingerprint reads (and minifies) the stylesheets and scripts among
// files and adds to files each one's hashed name, which pages link
// instead (see render.Funcs): the name must be known before any page
// renders, so these files are made before the pages rather than with the
// other static files. The plain name is still written too: a site's own
// template, or a story, may link it as it is. A serving Builder reuses
// the bytes of a file whose source did not change.
func (b *Builder) fingerprint(files map[string]file, ch Changes) (*assets, error) {
	a := &assets{names: map[string]string{}, data: map[string][]byte{}}
	var dests []string
	for dest, f := range files {
		if fingerprinted(f) {
			dests = append(dests, dest)
		}
	}
	sort.Strings(dests)
	for _, dest := range dests {
		f := files[dest]
		data, ok := b.static[dest]
		if !ok || ch.has(f.src) {
			var err error
			if data, err = fs.ReadFile(f.fsys, f.src); err != nil {
				return nil, err
			}
			if mt := mediaType(dest); mt != "" {
				if out, err := b.min.bytes(mt, data); err == nil {
					data = out
				} // a file minify cannot parse is published as it is
			}
		}
		sum := sha256.Sum256(data)
		hashed := hashedName(dest, hex.EncodeToString(sum[:])[:hashLen])
		files[hashed] = file{f.fsys, f.src, hashed}
		a.names["/"+dest] = "/" + hashed
		a.data[dest], a.data[hashed] = data, data
	}
	return a, nil
}
