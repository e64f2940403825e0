package server

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

// TestRunOpenEditor: serve --bind 0.0.0.0 --edit says plainly that the
// editor has no login, and on start removes the temporary files of a save
// that was killed (only those).
func TestRunOpenEditor(t *testing.T) {
	dir := site(t, map[string]string{"content/stories/a.md": storyA,
		"content/stories/.a.md.edit-0123456789ab": "half a save",
		"content/stories/.a.md.swp":               "vim's"})
	long := time.Now().Add(-time.Hour)
	for _, n := range []string{".a.md.edit-0123456789ab", ".a.md.swp"} {
		os.Chtimes(filepath.Join(dir, "content/stories", n), long, long)
	}
	l, err := net.Listen("tcp", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Source: dir, Bind: "0.0.0.0", Port: port, Edit: EditOn, Lang: diag.En, Stdout: &out, Stderr: &out})
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "no login") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	got := out.String()
	if !strings.Contains(got, "warning: the story editor has no login: anyone who can open http://") {
		t.Errorf("no plain warning that the editor has no login:\n%s", got)
	}
	if !strings.Contains(got, "removed 1 temporary file of an interrupted save: content/stories/.a.md.edit-0123456789ab") {
		t.Errorf("no cleanup message:\n%s", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "content/stories/.a.md.edit-0123456789ab")); err == nil {
		t.Error("the temporary file is still there")
	}
	if _, err := os.Stat(filepath.Join(dir, "content/stories/.a.md.swp")); err != nil {
		t.Error("an editor's file was removed")
	}
}
