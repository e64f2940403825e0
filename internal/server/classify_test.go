package server

import "testing"

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Kind
	}{
		{"showcase.yaml", Config},
		{"content/stories/a.md", Content},
		{"content/stories/new-folder", Content},
		{"content/stories/b/photo.jpg", Content},
		{"layouts/story.html", Layout},
		{"i18n/zh-CN.yaml", Layout},
		{"static/css/style.css", Static},
		{"public/index.html", Ignore},
		{"README.md", Ignore},
		{"content/stories/4913", Ignore},
		{"content/stories/.a.md.swp", Ignore},
		{"content/stories/a.md~", Ignore},
		{"content/stories/.#a.md", Ignore},
		{"content/stories/#a.md#", Ignore},
		{"content/stories/a.md___jb_tmp___", Ignore},
		{"content/stories/a.md___jb_old___", Ignore},
		{".git/index", Ignore},
		{"", Ignore},
	} {
		if got := Classify(tc.path); got != tc.want {
			t.Errorf("Classify(%q) = %d, want %d", tc.path, got, tc.want)
		}
	}
	if !cssOnly([]string{"static/css/style.css", "static/x.css"}) || cssOnly([]string{"static/css/style.css", "content/a.md"}) || cssOnly(nil) {
		t.Error("cssOnly")
	}
}
