package mediatype

import (
	"path"
	"strings"
)

// Of is the Content-Type of the published file at name (a path or a
// file name).
func Of(name string) string {
	base := path.Base(name)
	if base == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	if t, ok := types[strings.ToLower(path.Ext(base))]; ok {
		return t
	}
	return "application/octet-stream"
}

var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".svg":         "image/svg+xml; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".webmanifest": "application/manifest+json; charset=utf-8",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".png":         "image/png",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/vnd.microsoft.icon",
	".pdf":         "application/pdf",
	".woff2":       "font/woff2",
	".woff":        "font/woff",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".zip":         "application/zip",
	".docx":        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
