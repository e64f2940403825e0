package sitefs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSiteFS: the site folder's quicker Open reads what os.Root reads,
// and nothing outside the folder; what it does not open itself (folders,
// missing files, escapes) os.Root opens or refuses, with its own error.
func TestSiteFS(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(site, "content", "stories"), 0o755))
	must(os.WriteFile(filepath.Join(site, "content", "stories", "a.md"), []byte("---\ntitle: 甲\n---\n正文\n"), 0o644))
	must(os.WriteFile(filepath.Join(site, "big.txt"), make([]byte, 100000), 0o600))
	must(os.WriteFile(filepath.Join(site, "empty.txt"), nil, 0o644))
	must(os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("do not publish"), 0o644))
	must(os.Symlink("../secret.txt", filepath.Join(site, "leak.txt")))
	must(os.Symlink("content/stories/a.md", filepath.Join(site, "inside.md")))

	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	fsys, done := Open(root, site)
	defer done()
	if _, ok := fsys.(*siteFS); !ok {
		t.Skip("openat2 missing: the site folder is os.Root's fs.FS")
	}

	for _, name := range []string{"content/stories/a.md", "inside.md", "big.txt", "empty.txt"} {
		want, err := fs.ReadFile(root.FS(), name)
		must(err)
		f, err := fsys.Open(name)
		must(err)
		if _, ok := f.(*fdFile); !ok {
			t.Errorf("Open(%s) left the file to os.Root", name)
		}
		f.Close()
		if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != string(want) {
			t.Errorf("ReadFile(%s) = %d bytes, %v; want %d", name, len(got), err, len(want))
		}
		info, err := fs.Stat(root.FS(), name)
		must(err)
		f, err = fsys.Open(name)
		must(err)
		got, err := f.Stat()
		must(err)
		f.Close()
		if got.Name() != info.Name() || got.Size() != info.Size() || got.Mode() != info.Mode() || !got.ModTime().Equal(info.ModTime()) || got.IsDir() {
			t.Errorf("Stat(%s) = %s %d %v %v, os.Root's %s %d %v %v", name, got.Name(), got.Size(), got.Mode(), got.ModTime(), info.Name(), info.Size(), info.Mode(), info.ModTime())
		}
	}
	for _, name := range []string{"leak.txt", "../secret.txt", "/etc/passwd", "missing.md"} {
		_, werr := root.FS().Open(name)
		if _, err := fsys.Open(name); err == nil || werr == nil || err.Error() != werr.Error() {
			t.Errorf("Open(%s): error %v; os.Root's %v", name, err, werr)
		}
		if got, err := fs.ReadFile(fsys, name); err == nil {
			t.Errorf("ReadFile(%s) = %q", name, got)
		}
	}
	f, err := fsys.Open("content")
	must(err)
	if _, ok := f.(fs.ReadDirFile); !ok {
		t.Errorf("Open(content) = %T, want os.Root's folder", f)
	}
	f.Close()
}
