package browsertest

import (
	"github.com/jiangninglu/showcase/internal/mediatype"
	"net/http"
	"strings"
)

// Serve serves a built site's files (output path -> bytes, as a
// publisher.MemWriter holds them) below prefix ("/", or "/showcase/" for a
// baseURL with a path), like a static web server: a folder's URL serves
// its index.html, and a missing file gets status 404 and the site's
// 404.html.
func Serve(files map[string][]byte, prefix string) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(r.URL.Path, prefix)
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, found := files[p]
		if !ok || !found {
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			rw.WriteHeader(http.StatusNotFound)
			rw.Write(files["404.html"])
			return
		}
		rw.Header().Set("Content-Type", mediatype.Of(p))
		rw.Write(data)
	})
}
