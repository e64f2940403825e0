package mediatype

import "testing"

// TestOf: text says UTF-8, the feed is Atom, an unknown type is never
// sniffed (a file the table does not know cannot be served as HTML).
func TestOf(t *testing.T) {
	for name, want := range map[string]string{
		"index.html":              "text/html; charset=utf-8",
		"css/style.css":           "text/css; charset=utf-8",
		"feed.xml":                "application/atom+xml; charset=utf-8",
		"sitemap.xml":             "application/xml; charset=utf-8",
		"stats.csv":               "text/csv; charset=utf-8",
		"stats.xlsx":              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"stories/a/photo-800.JPG": "image/jpeg",
		"stories/a/x.xsd":         "application/octet-stream",
		"noext":                   "application/octet-stream",
	} {
		if got := Of(name); got != want {
			t.Errorf("Of(%q) = %q, want %q", name, got, want)
		}
	}
}
