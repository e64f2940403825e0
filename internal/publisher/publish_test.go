package publisher

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// site makes a site folder with a story, and returns it and its output
// folder (not made).
func site(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "content", "stories"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir, filepath.Join(dir, "public")
}

// publish writes files through an Output into dest and publishes them.
func publish(t *testing.T, src, dest string, force bool, files map[string]string) error {
	t.Helper()
	o, err := Open(src, dest, "public")
	if err != nil {
		return err
	}
	defer o.Close()
	if err := o.Begin(force); err != nil {
		return err
	}
	for name, data := range files {
		if err := o.WriteFile(name, []byte(data)); err != nil {
			return err
		}
	}
	if err := o.Wait(); err != nil {
		return err
	}
	return o.Publish()
}

// listing returns the files under dir, sorted, with their contents.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestPublishReplaces: a publication replaces the whole output folder, lists
// what it wrote in the manifest, and leaves nothing beside the folder.
func TestPublishReplaces(t *testing.T) {
	src, dest := site(t)
	if err := publish(t, src, dest, false, map[string]string{"index.html": "1", "stories/a/index.html": "a"}); err != nil {
		t.Fatal(err)
	}
	if err := publish(t, src, dest, false, map[string]string{"index.html": "2", "stories/b/index.html": "b"}); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "2", "stories/b/index.html": "b", manifestName: "index.html\nstories/b/index.html\n"}
	if got := listing(t, dest); !maps.Equal(got, want) {
		t.Errorf("output: %q, want %q", got, want)
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output folder: %v %v", info.Mode(), err)
	}
	beside(t, src, "content", "public")
}

// TestWriteFileOwned: data given up is written as it is, beside copied
// files, and listed in the manifest.
func TestWriteFileOwned(t *testing.T) {
	src, dest := site(t)
	o, err := Open(src, dest, "public")
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.Begin(false); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("搜索"), 1<<20) // past the pooled copies' size
	if err := o.WriteFileOwned("search/t-0.json", big); err != nil {
		t.Fatal(err)
	}
	if err := o.WriteFile("index.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := o.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := o.Publish(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "1", "search/t-0.json": string(big), manifestName: "index.html\nsearch/t-0.json\n"}
	if got := listing(t, dest); !maps.Equal(got, want) {
		t.Errorf("output: %d files, want %d (or other bytes)", len(got), len(want))
	}
}

// TestFailedPublicationLeavesOutput: an Output closed without Publish,
// after writing, leaves the previous output as it was and no new folder.
func TestFailedPublicationLeavesOutput(t *testing.T) {
	src, dest := site(t)
	if err := publish(t, src, dest, false, map[string]string{"index.html": "1"}); err != nil {
		t.Fatal(err)
	}
	before := listing(t, dest)
	o, err := Open(src, dest, "public")
	if err != nil {
		t.Fatal(err)
	}
	if err := o.Begin(false); err != nil {
		t.Fatal(err)
	}
	o.WriteFile("index.html", []byte("2"))
	o.WriteFile("stories/x/index.html", []byte("x"))
	if err := o.WriteFile("../escape.html", []byte("x")); err != nil {
		t.Fatalf("a bad name queued: %v, want no error yet", err)
	}
	if err := o.Wait(); err == nil || !strings.Contains(err.Error(), `"../escape.html" is not a clean local path`) {
		t.Errorf("Wait: %v, want the bad name", err)
	}
	o.Close()
	if got := listing(t, dest); !maps.Equal(got, before) {
		t.Errorf("output after a failure: %q, want %q", got, before)
	}
	beside(t, src, "content", "public")
}

// TestSecondOpenBusy: while one Output is open, a second Open of the same
// folder fails at once with ErrBusy, naming the folder as given, and
// touches nothing of the first's; once the first is closed, Open works.
func TestSecondOpenBusy(t *testing.T) {
	src, dest := site(t)
	first, err := Open(src, dest, "public")
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Begin(false); err != nil {
		t.Fatal(err)
	}
	_, err = Open(src, dest, "site/public")
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("second Open: %v, want ErrBusy", err)
	}
	if want := "another build is writing site/public; wait for it to finish, or choose another folder with -d"; err.Error() != want {
		t.Errorf("second Open:\n got %s\nwant %s", err, want)
	}
	if _, err := os.Stat(first.Dir()); err != nil {
		t.Errorf("the first's folder: %v", err)
	}
	if err := first.WriteFile("index.html", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if err := first.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := first.Publish(); err != nil {
		t.Fatal(err)
	}
	first.Close()
	if err := publish(t, src, dest, false, map[string]string{"index.html": "2"}); err != nil {
		t.Fatalf("after the first: %v", err)
	}
}

// TestForeignFiles: a folder holding a file no publication wrote is
// refused without force, naming the file, and replaced with it.
func TestForeignFiles(t *testing.T) {
	src, dest := site(t)
	if err := publish(t, src, dest, false, map[string]string{"index.html": "1"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := publish(t, src, dest, false, map[string]string{"index.html": "2"})
	if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "notes.txt") {
		t.Fatalf("publish over a foreign file: %v", err)
	}
	if got := listing(t, dest)["notes.txt"]; got != "mine" {
		t.Errorf("the foreign file: %q", got)
	}
	if err := publish(t, src, dest, true, map[string]string{"index.html": "2"}); err != nil {
		t.Fatalf("with force: %v", err)
	}
	if _, ok := listing(t, dest)["notes.txt"]; ok {
		t.Error("force kept the foreign file")
	}
}

// TestStaleFolders: folders a killed build left beside the output are
// removed, and an old output a killed swap had moved aside is put back
// first when the output is missing.
func TestStaleFolders(t *testing.T) {
	src, dest := site(t)
	for name, file := range map[string]string{
		".public.showcase-new-123": "index.html",
		".public.showcase-old":     "index.html",
	} {
		if err := os.MkdirAll(filepath.Join(src, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(src, name, file), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(src, ".public.showcase-old", manifestName), []byte("index.html\n"), 0o644)
	o, err := Open(src, dest, "public")
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.Begin(false); err != nil {
		t.Fatal(err)
	}
	if got := listing(t, dest)["index.html"]; got != ".public.showcase-old" {
		t.Errorf("output after cleaning: index.html %q, want the old output put back", got)
	}
	if _, err := os.Stat(filepath.Join(src, ".public.showcase-new-123")); !os.IsNotExist(err) {
		t.Errorf("stale folder: %v", err)
	}
}

// TestGuard: an output folder that is the site, lies in its sources or
// holds them, or is a file, is refused before anything is locked or made.
func TestGuard(t *testing.T) {
	src, _ := site(t)
	if err := os.WriteFile(filepath.Join(src, "out.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for dest, want := range map[string]string{
		src:                                  "output folder s is the site folder or contains it",
		filepath.Dir(src):                    "output folder s is the site folder or contains it",
		filepath.Join(src, "content", "pub"): "output folder s is inside the site's sources (content)",
		filepath.Join(src, "out.txt"):        "output s is a file, not a folder",
	} {
		_, err := Open(src, dest, "s")
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Open(%s): %v, want %s", dest, err, want)
		}
	}
	beside(t, src, "content", "out.txt")
}

// beside fails unless dir holds exactly names.
func beside(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, names) {
		t.Errorf("%s holds %q, want %q", dir, got, names)
	}
}
