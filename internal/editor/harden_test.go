package editor

import (
	"bytes"
	"image"
	"image/jpeg"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestChangeDuringSaveKept: a change made on disk after the save checked
// the version (the save then loads the whole site twice) is not
// overwritten: the save is refused with the "changed on disk" message and
// both versions, for a plain save and for one that turns the story into a
// bundle; nothing of the save stays behind.
func TestChangeDuringSaveKept(t *testing.T) {
	for i, photos := range []map[string][]byte{nil, {"花.gif": gif}, {"花.gif": gif}} {
		file := "content/stories/a.md"
		if i == 2 { // a bundle already: the photo goes beside index.md
			file = "content/stories/a/index.md"
		}
		f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, file: storyA})
		_, hidden := f.open(t, "/__showcase/edit/stories/a")
		theirs := strings.Replace(storyA, "第一版。", "别人改的。", 1)
		beforeCommit = func() {
			os.WriteFile(filepath.Join(f.dir, file), []byte(theirs), 0o644)
		}
		form := with(hidden, "title", "我的标题", "date", "2020-01-01", "neighborhood", "北京居民区", "tags", "花园", "metrics.participants", "10", "body", "\n第一版。\n")
		resp, body := f.post(t, "/__showcase/edit/stories/a", form, photos)
		beforeCommit = nil
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "被改过") || !strings.Contains(body, "别人改的。") {
			t.Errorf("case %d: save = %d, want 409 with both versions\n%s", i, resp.StatusCode, body)
		}
		if got := f.read(t, file); got != theirs {
			t.Errorf("case %d: the change on disk was overwritten:\n%s", i, got)
		}
		es, _ := os.ReadDir(filepath.Join(f.dir, filepath.Dir(file)))
		if len(es) != 1 {
			var names []string
			for _, e := range es {
				names = append(names, e.Name())
			}
			t.Errorf("case %d: content/stories holds %v", i, names)
		}
		if len(f.rebuilds) > 0 {
			t.Errorf("case %d: rebuilt %v", i, f.rebuilds)
		}
	}
}

// TestSpecialSlugsRefused: a new story named _index would be the story
// list's own page and appear nowhere; one named like an editor's
// temporary file would be skipped. Both are refused and nothing written.
func TestSpecialSlugsRefused(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/new")
	for _, slug := range []string{"_index", "_INDEX", "x.tmp", "4913"} {
		resp, body := f.post(t, "/__showcase/edit/new", with(hidden, "title", "丁", "slug", slug, "date", "2022-01-01", "body", "x"), map[string][]byte{"a.gif": gif})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "slug"), "特殊含义") {
			t.Errorf("slug %s: %d %q", slug, resp.StatusCode, fieldMsg(body, "slug"))
		}
		if f.exists("content/stories/"+slug+".md") || f.exists("content/stories/"+slug) {
			t.Errorf("slug %s: written", slug)
		}
	}
}

// TestBrokenPhotosRefused: photos are decoded at upload as the build
// decodes them, so a file that only starts like an image (JPEG or GIF
// magic bytes, then HTML) is refused with a message and nothing is
// written, where it used to be saved and break every build.
func TestBrokenPhotosRefused(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA})
	_, hidden := f.open(t, "/__showcase/edit/stories/a")
	form := with(hidden, "title", "甲的故事", "date", "2020-01-01", "neighborhood", "北京居民区", "tags", "花园", "metrics.participants", "10", "body", "\n第一版。\n")
	html := "<html><body><script>alert(1)</script></body></html>"
	for name, data := range map[string][]byte{
		"a.jpg":  []byte("\xff\xd8\xff\xe0" + html),
		"b.gif":  []byte("GIF89a" + html), // read as 26684x28020
		"c.png":  append([]byte("\x89PNG\r\n\x1a\n"), html...),
		"d.jpg":  append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte("\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"), 500)...),
		"e.webp": []byte("RIFF\x00\x00\x00\x00WEBPVP8 " + html),
	} {
		resp, body := f.post(t, "/__showcase/edit/stories/a", form, map[string][]byte{name: data})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldMsg(body, "photos"), "“"+name+"”不能用作照片：") {
			t.Errorf("%s: %d %q", name, resp.StatusCode, fieldMsg(body, "photos"))
		}
		if f.exists("content/stories/a") || !f.exists("content/stories/a.md") || len(f.rebuilds) > 0 {
			t.Fatalf("%s: written", name)
		}
	}
	// A real photo is taken.
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 40, 30)), nil)
	resp, body := f.post(t, "/__showcase/edit/stories/a", form, map[string][]byte{"ok.jpg": buf.Bytes()})
	if resp.StatusCode != http.StatusSeeOther || !f.exists("content/stories/a/ok.jpg") {
		t.Errorf("a real JPEG: %d %q", resp.StatusCode, fieldMsg(body, "photos"))
	}
}

// TestCleanTemp: the temporary files and folders of killed saves are
// removed on start, and nothing else: not an editor's hidden or similar
// file, not a fresh temporary file (a save in progress), not a link.
func TestCleanTemp(t *testing.T) {
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": storyA,
		"content/stories/.a.md.edit-0123456789ab":         "half",
		"content/stories/.b.edit-abcdef012345/index.md":   "bundle",
		"content/stories/.b.edit-abcdef012345/photo.jpg":  "x",
		"content/stories/c/.index.md.edit-00112233aabb":   "half",
		"content/stories/c/index.md":                      storyA,
		"content/stories/.a.md.edit-0123456789ab.swp":     "vim",
		"content/stories/.a.md.edit-xyz":                  "not hex",
		"content/stories/a.md.edit-0123456789ab":          "not hidden",
		"content/stories/.notes":                          "mine",
		"content/stories/.fresh.md.edit-ffffffffffff":     "a save in progress",
		"content/.git/.x.edit-0123456789ab":               "in a hidden folder",
		"content/stories/c/d/.index.md.edit-00112233aabb": "deeper than a bundle",
	})
	long := time.Now().Add(-time.Hour)
	filepath.WalkDir(filepath.Join(f.dir, "content"), func(p string, d os.DirEntry, err error) error {
		if !strings.Contains(p, "fresh") {
			os.Chtimes(p, long, long)
		}
		return nil
	})
	os.Symlink("a.md", filepath.Join(f.dir, "content/stories/.link.md.edit-0123456789ab"))
	os.Chtimes(filepath.Join(f.dir, "content/stories/.fresh.md.edit-ffffffffffff"), time.Now(), time.Now())
	removed, err := New(Options{Source: f.dir}).CleanTemp()
	if err != nil {
		t.Fatal(err)
	}
	want := "content/stories/.a.md.edit-0123456789ab content/stories/.b.edit-abcdef012345 content/stories/c/.index.md.edit-00112233aabb"
	if got := strings.Join(removed, " "); got != want {
		t.Errorf("removed %s\nwant    %s", got, want)
	}
	for _, keep := range []string{"content/stories/a.md", "content/stories/c/index.md", "content/stories/.a.md.edit-0123456789ab.swp",
		"content/stories/.a.md.edit-xyz", "content/stories/a.md.edit-0123456789ab", "content/stories/.notes",
		"content/stories/.fresh.md.edit-ffffffffffff", "content/stories/.link.md.edit-0123456789ab",
		"content/.git/.x.edit-0123456789ab", "content/stories/c/d/.index.md.edit-00112233aabb"} {
		if !f.exists(keep) {
			t.Errorf("%s was removed", keep)
		}
	}
	for _, gone := range strings.Fields(want) {
		if f.exists(gone) {
			t.Errorf("%s is still there", gone)
		}
	}
}

// TestMultiLineFlowListEdited: tags written as a flow list over several
// lines, "]" alone, can be changed in the form (it was a 422 "did not
// find expected key"), and a block scalar holding an indented --- keeps
// the keys after it.
func TestMultiLineFlowListEdited(t *testing.T) {
	story := "---\ntitle: 甲的故事\nsummary: |\n  第一行\n  ---\ndate: 2020-01-01\nneighborhood: 北京居民区\ntags: [\n  花园,\n  绿化,\n]\nmetrics: {participants: 10}\n---\n\n第一版。\n"
	f := newFixture(t, map[string]string{"showcase.yaml": siteConfig, "content/stories/a.md": story})
	page, hidden := f.open(t, "/__showcase/edit/stories/a")
	if !strings.Contains(page, `value="2020-01-01"`) {
		t.Fatalf("the keys after the block scalar are not read:\n%s", page)
	}
	form := with(hidden, "title", "甲的故事", "summary", "第一行\n---", "date", "2020-01-01", "neighborhood", "北京居民区", "tags", "花园、楼道", "metrics.participants", "10", "body", "\n第一版。\n")
	resp, body := f.post(t, "/__showcase/edit/stories/a", form, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save = %d\n%s", resp.StatusCode, body)
	}
	want := strings.Replace(story, "tags: [\n  花园,\n  绿化,\n]\n", "tags: [花园, 楼道]\n", 1)
	if got := f.read(t, "content/stories/a.md"); got != want {
		t.Errorf("a.md =\n%s\nwant\n%s", got, want)
	}
}
