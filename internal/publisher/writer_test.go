package publisher

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestRootWriterConcurrentFolders: many goroutines writing into folders
// that do not exist yet all succeed (each waits for its folder).
func TestRootWriterConcurrentFolders(t *testing.T) {
	w, err := newRootWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 2000)
	for i := range 2000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.WriteFile(fmt.Sprintf("images/%d/x/f%d.txt", i%7, i), []byte("x")); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestRootWriterWritten: the names written come back sorted, each once
// it was written, and a name holding a NUL is refused (and not listed);
// a folder is written into again after it was forgotten.
func TestRootWriterWritten(t *testing.T) {
	w, err := newRootWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := w.written(); len(got) != 0 {
		t.Errorf("nothing written: written() = %q", got)
	}
	for _, name := range []string{"stories/b/index.html", "index.html", "stories/a/index.html", "stories/a/p.jpg"} {
		if err := w.WriteFile(name, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.WriteFile("a\x00b.html", []byte("x")); err == nil {
		t.Error("a name with a NUL was written")
	}
	// stories/a was made for index.html, forgotten, and found again
	// for p.jpg; only the parent of folders is remembered.
	if len(w.dirs) != 1 || w.dirs["stories"] == nil {
		t.Errorf("folders remembered: %v, want stories only", slices.Collect(maps.Keys(w.dirs)))
	}
	want := "index.html|stories/a/index.html|stories/a/p.jpg|stories/b/index.html"
	if got := strings.Join(w.written(), "|"); got != want {
		t.Errorf("written() = %s, want %s", got, want)
	}
}
