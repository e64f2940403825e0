package linkcheck

import (
	"fmt"
	"testing"
)

// BenchmarkRebuild is serve's link check after a body edit on a site of
// 10,000 stories: one file changed, the rest kept in the Cache.
func BenchmarkRebuild(b *testing.B) {
	const n = 10000
	var t Targets
	srcs := make([]Source, n)
	for i := range n {
		file, url := fmt.Sprintf("content/stories/s%d.md", i), fmt.Sprintf("/stories/s%d/", i)
		t.Pages = append(t.Pages, Page{File: file, URL: url})
		t.Outputs = append(t.Outputs, url[1:]+"index.html", fmt.Sprintf("stories/s%d/photo.jpg", i))
		srcs[i] = Source{File: file, BodyLine: 5, Version: 1,
			Links:    links(fmt.Sprintf("s%d.md", (i+1)%n), fmt.Sprintf("/stories/s%d/#h1", (i+7)%n), "!photo.jpg", "#h2", "https://example.org/"),
			Headings: headings("h1", "h2", "h3")}
	}
	cache := new(Cache)
	check(t, Options{Cache: cache}, srcs)
	b.ResetTimer()
	for i := range b.N {
		srcs[i%n].Version++
		if p := check(t, Options{Cache: cache}, srcs); len(p) != 0 {
			b.Fatal(text(p))
		}
	}
}
