package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/editor"
)

// TestEditorThroughServe: the editor is on for a loopback bind, each
// served page links to it, a save rebuilds before the browser is sent to
// the story's page, and only this server's pages may post to it.
func TestEditorThroughServe(t *testing.T) {
	r := start(t, site(t, map[string]string{"content/stories/a.md": storyA,
		"showcase.yaml": "metrics:\n  - {key: participants, label: 参与人次, unit: 人次, aggregate: sum}\n"}))
	_, page := r.get(t, "/stories/a/")
	if !strings.Contains(page, `href="/__showcase/edit/stories/a"`) || !strings.Contains(page, `>编辑</a></li></ul></nav>`) {
		t.Errorf("story page has no edit link in its header:\n%s", page)
	}
	if _, page := r.get(t, "/stats/"); !strings.Contains(page, `href="/__showcase/edit/"`) {
		t.Error("stats page has no edit link to the list")
	}
	code, form := r.get(t, "/__showcase/edit/new")
	if code != 200 {
		t.Fatalf("editor: %d", code)
	}
	token := regexp.MustCompile(`name="csrf" value="([^"]*)"`).FindStringSubmatch(form)[1]
	vals := url.Values{"csrf": {token}, "title": {"乙的故事"}, "slug": {"b"}, "date": {"2020-02-01"}, "metrics.participants": {"5"}, "body": {"乙。"}}

	post := func(host, origin string, v url.Values) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", r.http.URL+"/__showcase/edit/new", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if host != "" {
			req.Host = host
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		return resp.StatusCode, resp.Header.Get("Location")
	}
	port := strconv.Itoa(r.http.Listener.Addr().(*net.TCPAddr).Port)
	if code, _ := post("", "http://evil.example", vals); code != 403 {
		t.Errorf("cross-origin POST = %d, want 403", code)
	}
	if code, _ := post("evil.example:"+port, "http://evil.example:"+port, vals); code != 403 {
		t.Errorf("POST with a foreign Host = %d, want 403", code)
	}
	if code, _ := post("", "", url.Values{"title": {"x"}, "slug": {"x"}}); code != 403 {
		t.Errorf("POST without the token = %d, want 403", code)
	}
	code, loc := post("", r.http.URL, vals)
	if code != http.StatusSeeOther || loc != "/stories/b/" {
		t.Fatalf("save = %d %s", code, loc)
	}
	// Redirected only after the rebuild: the page and the totals are there.
	if code, page := r.get(t, "/stories/b/"); code != 200 || !strings.Contains(page, "乙的故事") {
		t.Errorf("GET /stories/b/ right after the save = %d", code)
	}
	if _, page := r.get(t, "/stats.json"); !strings.Contains(page, `"result":15,"reported":2`) {
		t.Errorf("stats after the save: %s", page)
	}
}

// TestEditorOnlyWhenAsked: off on a non-loopback bind unless --edit, and
// off with --no-edit; off means no routes and no links.
func TestEditorOnlyWhenAsked(t *testing.T) {
	dir := site(t, map[string]string{"content/stories/a.md": storyA})
	for _, tc := range []struct {
		bind string
		mode EditMode
		on   bool
	}{
		{"127.0.0.1", EditAuto, true},
		{"127.0.0.1", EditOff, false},
		{"0.0.0.0", EditAuto, false},
		{"0.0.0.0", EditOn, true},
	} {
		s := New(Options{Source: dir, Bind: tc.bind, Edit: tc.mode}, "/")
		if ev := s.Rebuild(context.Background(), nil, time.Now()); ev.Err != nil {
			t.Fatal(ev.Err)
		}
		srv := httptest.NewServer(s.Handler())
		resp, err := http.Get(srv.URL + "/__showcase/edit/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		resp2, _ := http.Get(srv.URL + "/stories/a/")
		page, _ := io.ReadAll(resp2.Body)
		resp2.Body.Close()
		srv.Close()
		s.indexWG.Wait()
		if on := resp.StatusCode == 200; on != tc.on {
			t.Errorf("--bind %s, mode %d: editor status %d", tc.bind, tc.mode, resp.StatusCode)
		}
		if linked := strings.Contains(string(page), "showcase-edit"); linked != tc.on {
			t.Errorf("--bind %s, mode %d: edit link %v", tc.bind, tc.mode, linked)
		}
	}
}

// TestEditLinkInLayout: the edit link is the header menu's last item and
// leads to the form of what the page shows.
func TestEditLinkInLayout(t *testing.T) {
	s := &Server{editor: editor.New(editor.Options{})}
	page := `<html lang="zh-CN"><body><header class="site-header"><div class="wrap"><a class="brand" href="/">站</a><nav><ul><li><a href="/stats/">统计</a></li></ul></nav></div></header><main><header>故事</header></main></body></html>`
	got := string(s.editLink("stories/a/index.html", []byte(page)))
	want := `<li><a href="/stats/">统计</a></li><li class="showcase-edit-item"><a class="showcase-edit" href="/__showcase/edit/stories/a"`
	if !strings.Contains(got, want) {
		t.Errorf("link not in the menu:\n%s", got)
	}
	for name, url := range map[string]string{
		"stories/a/index.html":      "/__showcase/edit/stories/a",
		"reports/2020/index.html":   "/__showcase/edit/reports/2020",
		"about/index.html":          "/__showcase/edit/pages/about",
		"years/2020/index.html":     "/__showcase/edit/",
		"stories/page/2/index.html": "/__showcase/edit/",
		"index.html":                "/__showcase/edit/",
		"关于/index.html":             "/__showcase/edit/pages/%E5%85%B3%E4%BA%8E",
	} {
		if got := editURL(name); got != url {
			t.Errorf("editURL(%s) = %s, want %s", name, got, url)
		}
	}
}

// TestErrorTextCausesFirst: an unreadable file comes before the broken
// link to its page that follows from it.
func TestErrorTextCausesFirst(t *testing.T) {
	var l diag.List
	l.Report(diag.Pos{File: "content/reports/2020.md", Line: 37, Col: 3}, "link", "link-missing", "/stories/a/", "页面", "/stories/a/")
	l.Report(diag.Pos{File: "content/stories/a.md", Line: 6}, "", "yaml-syntax", "could not find expected ':'")
	l.Sort()
	got := errorText(&diag.ListError{List: l}, "zh-CN")
	if i, j := strings.Index(got, "content/stories/a.md:6"), strings.Index(got, "content/reports/2020.md"); i < 0 || j < 0 || i > j {
		t.Errorf("not cause first:\n%s", got)
	}
}
