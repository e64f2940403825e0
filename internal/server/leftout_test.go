package server

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

// TestServeSaysWhatIsLeftOut: the first build says how many stories the
// preview leaves out as drafts and as dated in the future, so that a story
// hidden by a typo in its year is not just missing.
func TestServeSaysWhatIsLeftOut(t *testing.T) {
	dir := site(t, map[string]string{
		"content/stories/a.md":     "---\ntitle: A\ndate: 2021-01-01\n---\n",
		"content/stories/plan.md":  "---\ntitle: Plan\ndraft: true\n---\n",
		"content/stories/later.md": "---\ntitle: Later\ndate: 2099-01-01\n---\n",
	})
	var out bytes.Buffer
	s := New(Options{Source: dir, Lang: diag.En, Stdout: &out}, "/")
	if ev := s.Rebuild(context.Background(), nil, time.Now()); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	want := "stories not shown: drafts 1 (--drafts shows them), dated in the future 1 (--future shows them; showcase check names them)\n"
	if out.String() != want {
		t.Errorf("terminal:\n%s\nwant:\n%s", out.String(), want)
	}
	// A rebuild after an edit does not say it again.
	out.Reset()
	if ev := s.Rebuild(context.Background(), []string{"content/stories/a.md"}, time.Now()); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	if strings.Contains(out.String(), "not shown") {
		t.Errorf("said again after an edit: %s", out.String())
	}
}
