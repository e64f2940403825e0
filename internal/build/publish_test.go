package build

import "testing"

// TestSitePath: a destination resolves against its page as the link check
// resolves it; external URLs, anchors and Markdown files name no file.
func TestSitePath(t *testing.T) {
	for _, tc := range []struct {
		page, dest, want string
		ok               bool
	}{
		{"/stories/a/", "photo.jpg", "stories/a/photo.jpg", true},
		{"/stories/a/", "./图/1.jpg", "stories/a/图/1.jpg", true},
		{"/stories/a/", "%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf", "stories/a/申报书.pdf", true},
		{"/stories/a/", "申报书.pdf#page=2", "stories/a/申报书.pdf", true},
		{"/stories/a/", "form.pdf?v=2", "stories/a/form.pdf", true},
		{"/stories/a/", "../b/x.png", "stories/b/x.png", true},
		{"/stories/a/", "/files/x.csv", "files/x.csv", true},
		{"/", "files/x.csv", "files/x.csv", true},
		{"/about/", "team.jpg", "about/team.jpg", true},
		{"/stories/a/", "https://example.org/x.pdf", "", false},
		{"/stories/a/", "//cdn.example.org/x.pdf", "", false},
		{"/stories/a/", "mailto:a@b.c", "", false},
		{"/stories/a/", "#heading", "", false},
		{"/stories/a/", "other.md", "", false},
		{"/stories/a/", "", "", false},
		{"/", "/", "", false},
	} {
		got, ok := sitePath(tc.page, tc.dest)
		if got != tc.want || ok != tc.ok {
			t.Errorf("sitePath(%q, %q) = %q, %v; want %q, %v", tc.page, tc.dest, got, ok, tc.want, tc.ok)
		}
	}
}
