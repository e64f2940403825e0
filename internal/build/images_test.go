package build

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/publisher"
)

// phonePhoto makes a synthetic w x h JPEG as a phone saves it: stored
// sideways with EXIF orientation 6, a GPS position and a comment.
func phonePhoto(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	// TIFF, little-endian: IFD0 {Orientation=6, GPS IFD pointer}, GPS IFD
	// {GPSLatitudeRef "N"}.
	var tiff bytes.Buffer
	le := binary.LittleEndian
	tiff.WriteString("II*\x00")
	binary.Write(&tiff, le, uint32(8))
	binary.Write(&tiff, le, uint16(2))
	binary.Write(&tiff, le, [6]uint16{0x0112, 3, 1, 0, 6, 0}) // Orientation: SHORT 6
	binary.Write(&tiff, le, []uint16{0x8825, 4, 1, 0})        // GPSInfo: LONG
	binary.Write(&tiff, le, uint32(8+2+12*2+4))               // offset of the GPS IFD
	binary.Write(&tiff, le, uint32(0))                        // no next IFD
	binary.Write(&tiff, le, uint16(1))
	binary.Write(&tiff, le, []uint16{0x0001, 2, 2, 0}) // GPSLatitudeRef: ASCII 2
	tiff.WriteString("N\x00\x00\x00")
	binary.Write(&tiff, le, uint32(0))
	app1 := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	com := []byte("taken at 31.2304N 121.4737E")
	var out bytes.Buffer
	out.Write(enc.Bytes()[:2]) // SOI
	out.Write([]byte{0xFF, 0xE1, byte((len(app1) + 2) >> 8), byte(len(app1) + 2)})
	out.Write(app1)
	out.Write([]byte{0xFF, 0xFE, byte((len(com) + 2) >> 8), byte(len(com) + 2)})
	out.Write(com)
	out.Write(enc.Bytes()[2:])
	return out.Bytes()
}

// TestPhotos: a phone photo in a story bundle (used in the text and as the
// cover) is published upright, in several widths, without metadata, with
// srcset, sizes, width and height; the original is not published.
func TestPhotos(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/stories/garden/index.md": "---\ntitle: 花园\ncover: photo.jpg\ncover_alt: 花园全景\n---\n![花园](photo.jpg \"改造后的花园\")\n",
	})
	if err := os.WriteFile(filepath.Join(dir, "content/stories/garden/photo.jpg"), phonePhoto(t, 2000, 1500), 0o644); err != nil {
		t.Fatal(err)
	}
	w := publisher.NewMemWriter()
	if _, err := Build(context.Background(), Options{Source: dir, NoMinify: true, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, w); err != nil {
		t.Fatal(err)
	}
	if _, ok := w.Files["stories/garden/photo.jpg"]; ok {
		t.Error("the original (with its GPS position) was published")
	}
	for _, v := range []struct {
		name string
		w, h int
	}{{"photo-480.jpg", 480, 640}, {"photo-960.jpg", 960, 1280}, {"photo-1500.jpg", 1500, 2000}} {
		data, ok := w.Files["stories/garden/"+v.name]
		if !ok {
			t.Errorf("%s not written", v.name)
			continue
		}
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != v.w || cfg.Height != v.h {
			t.Errorf("%s is %dx%d (%v), want %dx%d upright", v.name, cfg.Width, cfg.Height, err, v.w, v.h)
		}
	}
	for name, data := range w.Files {
		if strings.HasPrefix(name, "stories/garden/photo") && (bytes.Contains(data, []byte("Exif")) || bytes.Contains(data, []byte("31.2304N"))) {
			t.Errorf("%s keeps metadata", name)
		}
	}
	page := string(w.Files["stories/garden/index.html"])
	for _, want := range []string{
		`srcset="/stories/garden/photo-480.jpg 480w, /stories/garden/photo-960.jpg 960w, /stories/garden/photo-1500.jpg 1500w"`,
		`width="960" height="1280"`, `loading="lazy"`, `decoding="async"`, `sizes="`,
		`<figcaption>改造后的花园</figcaption>`, `alt="花园全景"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
}

// TestBadPhotos: a truncated photo and a broken header are errors
// naming the file, without a crash (internal/images tests bombs).
func TestBadPhotos(t *testing.T) {
	good := phonePhoto(t, 64, 48)
	bomb := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x4e\x20\x00\x00\x4e\x20\x08\x02\x00\x00\x00\x00\x00\x00\x00")
	dir := writeSite(t, map[string]string{
		"content/stories/a/index.md": "---\ntitle: A\n---\n![x](cut.jpg) ![y](bomb.png)\n",
		"content/stories/a/cut.jpg":  string(good[:len(good)/2]),
		"content/stories/a/bomb.png": string(bomb),
	})
	_, err := Build(context.Background(), Options{Source: dir}, publisher.NewMemWriter())
	if err == nil {
		t.Fatal("bad photos built")
	}
	msg := err.Error()
	for _, want := range []string{"content/stories/a/bomb.png: ", "content/stories/a/cut.jpg: corrupt image"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

// TestPhotoNameClash: photo.jpg and photo.png in one bundle would publish
// the same variant names; the build refuses it, naming both.
func TestPhotoNameClash(t *testing.T) {
	p := string(phonePhoto(t, 32, 24))
	dir := writeSite(t, map[string]string{
		"content/stories/a/index.md":  "---\ntitle: A\n---\n![x](photo.jpg)\n",
		"content/stories/a/photo.jpg": p,
		"content/stories/a/photo.png": p,
	})
	_, err := Build(context.Background(), Options{Source: dir}, publisher.NewMemWriter())
	want := "content/stories/a/photo.png: content/stories/a/photo.jpg and this file would publish under the same names; rename one of them"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestPhotoCacheLink: a site whose .showcase-cache is a symbolic link to a
// folder elsewhere builds, without writing there.
func TestPhotoCacheLink(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/stories/a/index.md": "---\ntitle: A\n---\n![x](photo.jpg)\n",
	})
	if err := os.WriteFile(filepath.Join(dir, "content/stories/a/photo.jpg"), phonePhoto(t, 64, 48), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, ".showcase-cache")); err != nil {
		t.Skip(err)
	}
	if _, err := Run(context.Background(), Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("the build wrote %d entries through the link", len(entries))
	}
}

// TestUnusedPhotoNotDecoded: a photo no page uses costs no decoding, so
// even one whose header is broken lets the site build (check warns of it
// from the header); once a story shows it, serve's next build and a full
// build decode it and publish its variants, alike, and a broken one named
// by a link fails the build, naming the file.
func TestUnusedPhotoNotDecoded(t *testing.T) {
	broken := "\xff\xd8\xff\xe0<html><script>alert(1)</script></html>"
	dir := writeSite(t, map[string]string{
		"content/stories/a/index.md":   "---\ntitle: A\ndate: 2025-05-01\n---\n正文。\n",
		"content/stories/a/spare.jpg":  string(phonePhoto(t, 640, 480)),
		"content/stories/a/broken.jpg": broken,
	})
	ctx := context.Background()
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	published := func(s Snapshot, stem string) []string {
		var names []string
		for name := range s {
			if strings.HasPrefix(name, "stories/a/"+stem) {
				names = append(names, name)
			}
		}
		return names
	}
	inc := NewBuilder(opts, true)
	snap, _, err := inc.Snapshot(ctx, Changes{All: true})
	if err != nil {
		t.Fatalf("a site with an unused broken photo: %v", err)
	}
	if n := inc.photos.decodes; n != 0 {
		t.Errorf("%d unused photos decoded", n)
	}
	if names := published(snap, "spare"); len(names) != 0 {
		t.Errorf("an unused photo was published: %v", names)
	}

	// check reads every photo's header: the broken one is a warning.
	res, err := Build(ctx, Options{Source: dir, CheckOnly: true}, publisher.NewMemWriter())
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	var w string
	for _, p := range res.Warnings {
		w += p.Error() + "\n"
	}
	if !strings.Contains(w, "content/stories/a/broken.jpg: warning: ") || !strings.Contains(w, "not published") {
		t.Errorf("check does not warn of the unused broken photo:\n%s", w)
	}

	// The story shows the spare photo now: serve decodes and publishes it.
	write := func(body string) {
		if err := os.WriteFile(filepath.Join(dir, "content/stories/a/index.md"), []byte("---\ntitle: A\ndate: 2025-05-01\n---\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("正文。\n\n![花园](spare.jpg)\n")
	got, _, err := inc.Snapshot(ctx, Changes{Paths: []string{"content/stories/a/index.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if n := inc.photos.decodes; n != 1 {
		t.Errorf("%d photos decoded once one is shown, want 1", n)
	}
	if names := published(got, "spare-"); len(names) == 0 {
		t.Errorf("the shown photo's variants were not published")
	}
	want, _, err := NewBuilder(opts, false).Snapshot(ctx, Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := propDiff(got, want); d != "" {
		t.Errorf("serve differs from a full build: %s", d)
	}

	// A link (not an image) is a use too; a broken photo used fails.
	write("[原图](broken.jpg)\n")
	_, _, err = inc.Snapshot(ctx, Changes{Paths: []string{"content/stories/a/index.md"}})
	if err == nil || !strings.Contains(err.Error(), "content/stories/a/broken.jpg: ") {
		t.Errorf("a linked broken photo: got %v", err)
	}
	if res, err = Build(ctx, Options{Source: dir, CheckOnly: true}, publisher.NewMemWriter()); err == nil {
		t.Errorf("check passes a linked broken photo: %v", res.Warnings)
	}
}

// TestServePhotoReplaced: a one-file story shows a photo kept elsewhere
// under content/; when the photo is replaced by one of other sizes, serve
// renders the story again, as a full build does (its HTML names the
// widths and sizes). The stories are dated: the feed of an undated site
// says when it was built.
func TestServePhotoReplaced(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/stories/a.md": "---\ntitle: A\ndate: 2025-05-01\n---\n![图](/images/p.jpg)\n",
		"content/images/p.jpg": string(phonePhoto(t, 64, 48)),
	})
	ctx := context.Background()
	opts := Options{Source: dir, Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	inc := NewBuilder(opts, true)
	if _, _, err := inc.Snapshot(ctx, Changes{All: true}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/images/p.jpg"), phonePhoto(t, 40, 90), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _, err := inc.Snapshot(ctx, Changes{Paths: []string{"content/images/p.jpg"}})
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := NewBuilder(opts, false).Snapshot(ctx, Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if d := propDiff(got, want); d != "" {
		t.Errorf("serve differs from a full build: %s", d)
	}
}
