package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestDeterministicPrefix(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := Write(a, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, 10, 1); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"story-00001.md", "story-00005.md"} {
		x, _ := os.ReadFile(filepath.Join(a, "content/stories", name))
		y, _ := os.ReadFile(filepath.Join(b, "content/stories", name))
		if !bytes.Equal(x, y) || len(x) < 1000 {
			t.Errorf("%s differs between a 5- and a 10-story site (or is short: %d bytes)", name, len(x))
		}
	}
	if bytes.Equal(Story(1, 1), Story(1, 2)) {
		t.Error("the seed changes nothing")
	}
}
