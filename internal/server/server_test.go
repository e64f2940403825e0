package server

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

// site writes files under a new temporary site root.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		write(t, dir, name, data)
	}
	return dir
}

func write(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	// Saved as many editors do, by writing beside and renaming over, so a
	// build never sees the file half-written.
	if err := os.WriteFile(p+".tmp", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		t.Fatal(err)
	}
}

// running is a Server with its watcher and an HTTP test server; builds
// reports every build, so tests wait on it instead of sleeping.
type running struct {
	*Server
	dir    string
	http   *httptest.Server
	builds chan BuildEvent
}

func start(t *testing.T, dir string) *running {
	t.Helper()
	r := &running{dir: dir, builds: make(chan BuildEvent, 16)}
	r.Server = New(Options{Source: dir, OnBuild: func(e BuildEvent) { r.builds <- e }}, "/")
	ctx, cancel := context.WithCancel(context.Background())
	w, err := newWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.watch(ctx, w)
	}()
	if ev := r.Rebuild(ctx, nil, time.Now()); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	<-r.builds
	r.http = httptest.NewServer(r.Handler())
	t.Cleanup(func() {
		// As Run stops: the handlers (an editor save rebuilds, and may
		// start deferred work) end before the deferred work is waited for.
		cancel()
		<-done
		r.hub.close()
		r.http.Close()
		r.indexWG.Wait()
		w.Close()
	})
	return r
}

// next waits for the next build (bounded, so a missing rebuild fails the
// test instead of hanging it).
func (r *running) next(t *testing.T) BuildEvent {
	t.Helper()
	select {
	case e := <-r.builds:
		return e
	case <-time.After(10 * time.Second):
		t.Fatal("no rebuild within 10s")
		return BuildEvent{}
	}
}

func (r *running) get(t *testing.T, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(r.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

const storyA = "---\ntitle: 甲的故事\ndate: 2020-01-01\nneighborhood: 北京居民区\nmetrics: {participants: 10}\n---\n第一版。\n"

func TestServeEditsDeletesAndNewFolders(t *testing.T) {
	r := start(t, site(t, map[string]string{
		"content/stories/a.md": storyA,
		"content/stories/b.md": "---\ntitle: 乙的故事\ndate: 2020-02-01\n---\n乙。\n",
	}))

	code, body := r.get(t, "/stories/a/")
	if code != 200 || !strings.Contains(body, "第一版") {
		t.Fatalf("GET /stories/a/ = %d\n%s", code, body)
	}
	if !strings.Contains(body, `<script src="/__showcase/live.js"></script></body>`) {
		t.Error("served page lacks the live-reload script")
	}

	// An edit, saved the way vim does: a 4913 probe, a backup by rename,
	// the new file, the backup removed. One rebuild, of the latest state.
	write(t, r.dir, "content/stories/4913", "")
	os.Remove(filepath.Join(r.dir, "content/stories/4913"))
	os.Rename(filepath.Join(r.dir, "content/stories/a.md"), filepath.Join(r.dir, "content/stories/a.md~"))
	write(t, r.dir, "content/stories/a.md", strings.Replace(storyA, "第一版", "第二版", 1))
	os.Remove(filepath.Join(r.dir, "content/stories/a.md~"))
	ev := r.next(t)
	if ev.Err != nil {
		t.Fatal(ev.Err)
	}
	if _, body := r.get(t, "/stories/a/"); !strings.Contains(body, "第二版") {
		t.Errorf("after the edit the page shows:\n%s", body)
	}

	// A new story in a new folder.
	os.MkdirAll(filepath.Join(r.dir, "content/stories/c"), 0o755)
	write(t, r.dir, "content/stories/c/index.md", "---\ntitle: 丙的故事\ndate: 2020-03-01\n---\n丙。\n")
	for {
		ev = r.next(t)
		if ev.Err != nil {
			t.Fatal(ev.Err)
		}
		if code, _ := r.get(t, "/stories/c/"); code == 200 {
			break
		}
	}

	// A deleted story disappears from every page.
	os.Remove(filepath.Join(r.dir, "content/stories/b.md"))
	r.next(t)
	if code, _ := r.get(t, "/stories/b/"); code != 404 {
		t.Errorf("deleted story still served: %d", code)
	}
	for _, p := range []string{"/", "/stories/", "/years/2020/", "/stats/"} {
		if _, body := r.get(t, p); strings.Contains(body, "乙的故事") {
			t.Errorf("%s still lists the deleted story", p)
		}
	}
}

func TestServeBrokenEditKeepsLastGoodSite(t *testing.T) {
	r := start(t, site(t, map[string]string{"content/stories/a.md": storyA}))
	events := r.subscribe(t)

	write(t, r.dir, "content/stories/a.md", "---\ntitle: 甲\nmetrics: {participants: many}\n---\n")
	ev := r.next(t)
	if ev.Err == nil || !strings.Contains(ev.Err.Error(), "content/stories/a.md:3:25: metrics.participants") {
		t.Fatalf("broken edit: %v", ev.Err)
	}
	if code, body := r.get(t, "/stories/a/"); code != 200 || !strings.Contains(body, "第一版") {
		t.Errorf("the last good page is not served: %d", code)
	}
	// The overlay is in the site's language (zh-CN by default).
	if e := events.wait(t, "builderror"); !strings.Contains(e, `"title":"showcase：最近一次修改没能生成网站"`) || !strings.Contains(e, "metrics.participants：应为非负数，实际是“many”") {
		t.Errorf("builderror event = %s", e)
	}
	// A tab that connects now is told about the error at once.
	if e := r.subscribe(t).wait(t, "builderror"); !strings.Contains(e, "a.md:3:25") {
		t.Errorf("late tab got %s", e)
	}

	write(t, r.dir, "content/stories/a.md", strings.Replace(storyA, "第一版", "修好了", 1))
	if ev := r.next(t); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	events.wait(t, "reload")
	if _, body := r.get(t, "/stories/a/"); !strings.Contains(body, "修好了") {
		t.Error("the fix is not served")
	}
}

// TestServeSitePagesAfterSwap: with a story template of the site's own
// that shows how many stories there are, a new story's rebuild swaps in
// its own page first; the other story pages, left for after the swap,
// follow, and the tabs reload again. A template error that only those
// pages meet fails the build after all: the last good site is served
// again, and the error shown.
func TestServeSitePagesAfterSwap(t *testing.T) {
	r := start(t, site(t, map[string]string{
		"layouts/story.html": `{{define "main"}}<h1>{{.Title}}</h1><p>{{len .Site.Stories}} stories</p>` +
			`{{if and (eq .Title "甲的故事") (gt (len .Site.Stories) 3)}}{{.Nope}}{{end}}{{end}}`,
		"content/stories/a.md": storyA,
		"content/stories/b.md": "---\ntitle: 乙的故事\ndate: 2020-02-01\n---\n乙。\n",
	}))
	events := r.subscribe(t)
	if _, body := r.get(t, "/stories/a/"); !strings.Contains(body, "2 stories") {
		t.Fatalf("first build: %s", body)
	}

	// c comes first in the list, beside b: a's page is left for after
	// the swap.
	write(t, r.dir, "content/stories/c.md", "---\ntitle: 丙的故事\ndate: 2020-03-01\n---\n丙。\n")
	if ev := r.next(t); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	events.wait(t, "reload")
	if _, body := r.get(t, "/stories/c/"); !strings.Contains(body, "3 stories") {
		t.Errorf("the new story's page: %s", body)
	}
	events.wait(t, "reload")
	r.indexWG.Wait()
	if _, body := r.get(t, "/stories/a/"); !strings.Contains(body, "3 stories") {
		t.Errorf("a's page after the swap: %s", body)
	}

	// A fourth story: a's page, left for after the swap, fails.
	write(t, r.dir, "content/stories/d.md", "---\ntitle: 丁的故事\ndate: 2020-04-01\n---\n丁。\n")
	if ev := r.next(t); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	if e := events.wait(t, "builderror"); !strings.Contains(e, "layouts/story.html:1:") || !strings.Contains(e, "Nope") {
		t.Errorf("builderror event = %s", e)
	}
	if code, _ := r.get(t, "/stories/d/"); code != 404 {
		t.Errorf("the failed build's new story is served: %d", code)
	}
	if _, body := r.get(t, "/stories/c/"); !strings.Contains(body, "3 stories") {
		t.Errorf("the last good site is not served: %s", body)
	}
}

func TestServeCSSOnlyChange(t *testing.T) {
	r := start(t, site(t, map[string]string{
		"content/stories/a.md": storyA,
		"static/css/extra.css": "body{color:red}",
	}))
	events := r.subscribe(t)
	write(t, r.dir, "static/css/extra.css", "body{color:blue}")
	r.next(t)
	events.wait(t, "css")
	if _, body := r.get(t, "/css/extra.css"); !strings.Contains(body, "blue") {
		t.Errorf("css = %s", body)
	}
	// The site's own stylesheet is served, and a 404 gets the 404 page.
	if code, body := r.get(t, "/no/such/page/"); code != 404 || !strings.Contains(body, "页面未找到") {
		t.Errorf("404: %d", code)
	}
	if code, _ := r.get(t, "/../../etc/passwd"); code != 404 {
		t.Errorf("path escape: %d", code)
	}

	// The site's own style.css over the theme's: pages link it by a name
	// carrying its hash, so they change, and the tab reloads.
	_, before := r.get(t, "/stories/a/")
	write(t, r.dir, "static/css/style.css", "body{color:green}")
	r.next(t)
	events.wait(t, "reload")
	_, after := r.get(t, "/stories/a/")
	link := regexp.MustCompile(`<link rel="stylesheet" href="(/css/style\.[0-9a-f]{8}\.css)">`)
	old, now := link.FindStringSubmatch(before), link.FindStringSubmatch(after)
	if old == nil || now == nil || old[1] == now[1] {
		t.Fatalf("stylesheet link before %v, after %v", old, now)
	}
	if _, body := r.get(t, now[1]); body != "body{color:green}" {
		t.Errorf("%s = %q", now[1], body)
	}
}

// sse is one tab's event stream.
type sse struct {
	events chan [2]string
}

func (r *running) subscribe(t *testing.T) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", r.http.URL+"/__showcase/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	s := &sse{events: make(chan [2]string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				s.events <- [2]string{name, strings.TrimPrefix(line, "data: ")}
			}
		}
	}()
	t.Cleanup(cancel)
	return s
}

func (s *sse) wait(t *testing.T, name string) string {
	t.Helper()
	for {
		select {
		case e := <-s.events:
			if e[0] == name {
				return e[1]
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no %s event within 10s", name)
			return ""
		}
	}
}

// TestServeSearchIndexFollows: the search index, made after the page swap
// so that reloads need not wait for it, catches up with an edit.
func TestServeSearchIndexFollows(t *testing.T) {
	r := start(t, site(t, map[string]string{"content/stories/a.md": storyA}))
	write(t, r.dir, "content/stories/a.md", strings.Replace(storyA, "甲的故事", "独一无二的标题", 1))
	if ev := r.next(t); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, body := r.get(t, "/search/d-0.json")
		if strings.Contains(body, "独一无二的标题") {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index never caught up: %s", body)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeErrorLanguages: the terminal follows Options.Lang (SHOWCASE_LANG)
// when set, the overlay in the browser always the site's language.
func TestServeErrorLanguages(t *testing.T) {
	dir := site(t, map[string]string{
		"showcase.yaml":        "language: en\n",
		"content/stories/a.md": "---\ntitle: A\nmetrics: {participants: many}\n---\n",
	})
	var term bytes.Buffer
	s := New(Options{Source: dir, Lang: diag.ZhCN, Stderr: &term}, "/")
	if ev := s.Rebuild(context.Background(), nil, time.Now()); ev.Err == nil {
		t.Fatal("the broken site built")
	}
	want := "content/stories/a.md:3:25: metrics.participants：应为非负数，实际是“many”\n共 1 个错误；仍在提供上一次成功生成的网站\n"
	if term.String() != want {
		t.Errorf("terminal:\n%s\nwant:\n%s", term.String(), want)
	}
	s.hub.mu.Lock()
	last := s.hub.last
	s.hub.mu.Unlock()
	if last == nil {
		t.Fatal("no builderror event")
	}
	wantOverlay := overlay{
		Title:   "showcase: the last edit did not build",
		Message: `content/stories/a.md:3:25: metrics.participants: want a non-negative number, got "many"`,
		Hint:    "The page below is the last good build. Fix the file and save: this message goes away by itself.",
	}
	if last.data != wantOverlay {
		t.Errorf("overlay = %+v\nwant %+v", last.data, wantOverlay)
	}
}
