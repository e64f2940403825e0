package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestSiteFS: the quicker reads of the site folder read what os.Root
// reads, and nothing outside the folder.
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
	must(os.WriteFile(filepath.Join(site, "big.txt"), make([]byte, 100), 0o644))
	must(os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("do not publish"), 0o644))
	must(os.Symlink("../secret.txt", filepath.Join(site, "leak.txt")))
	must(os.Symlink("content/stories/a.md", filepath.Join(site, "inside.md")))

	root, err := os.OpenRoot(site)
	must(err)
	defer root.Close()
	fsys, done := openSiteFS(root, site)
	defer done()
	s, ok := fsys.(*siteFS)
	if !ok {
		t.Skip("openat2 missing: the site folder is os.Root's fs.FS")
	}

	for _, name := range []string{"content/stories/a.md", "inside.md", "big.txt"} {
		want, err := fs.ReadFile(root.FS(), name)
		must(err)
		got, size, err := s.ReadFileLimit(name, 1000)
		if err != nil || string(got) != string(want) || size != int64(len(want)) {
			t.Errorf("ReadFileLimit(%s) = %q, %d, %v; want %q", name, got, size, err, want)
		}
		if got, err := fs.ReadFile(fsys, name); err != nil || string(got) != string(want) {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	if got, size, err := s.ReadFileLimit("big.txt", 99); err != nil || got != nil || size != 100 {
		t.Errorf("over the limit: %q, %d, %v; want only the size", got, size, err)
	}
	for _, name := range []string{"leak.txt", "../secret.txt", "/etc/passwd", "content", "missing.md"} {
		if got, _, err := s.ReadFileLimit(name, 1000); err == nil {
			t.Errorf("ReadFileLimit(%s) read %q", name, got)
		}
		_, werr := fs.ReadFile(root.FS(), name)
		if _, err := fs.ReadFile(fsys, name); err == nil || werr == nil || err.Error() != werr.Error() {
			t.Errorf("ReadFile(%s): error %v, os.Root's %v", name, err, werr)
		}
	}
	if _, _, err := s.ReadFileLimit("missing.md", 1000); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}
