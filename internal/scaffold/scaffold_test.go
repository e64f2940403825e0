package scaffold

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestInitGitignore: a new site ignores what showcase writes into it, the
// output folder public/ and the image cache .showcase-cache/.
func TestInitGitignore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	written, err := Init(dir, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(written, ".gitignore") {
		t.Errorf("Init wrote %q, no .gitignore", written)
	}
	got, err := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	want := "# showcase writes these; they are not sources.\n/public/\n/.showcase-cache/\n"
	if string(got) != want {
		t.Errorf(".gitignore is\n%s\nwant\n%s", got, want)
	}
}
