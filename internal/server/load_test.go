package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestServeUnderLoad: 50 clients request pages on loopback while the site
// is rebuilt again and again; every answer is a whole page (200 with the
// page's closing tag and one consistent version) or a 404, never a 5xx or
// a torn page. Bounded in requests and time.
func TestServeUnderLoad(t *testing.T) {
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = fmt.Sprintf("---\ntitle: 故事%d\ndate: 2020-01-%02d\n---\n版本 0。\n", i, i%28+1)
	}
	r := start(t, site(t, files))
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	var stop atomic.Bool
	var wg sync.WaitGroup
	var requests, bad atomic.Int64
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	paths := []string{"/", "/stories/", "/stories/s01/", "/stories/s07/", "/stats/", "/years/2020/", "/css/style.css", "/nope/"}
	for c := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; !stop.Load() && n < 400 && ctx.Err() == nil; n++ {
				p := paths[(c+n)%len(paths)]
				resp, err := client.Get(r.http.URL + p)
				if err != nil {
					bad.Add(1)
					t.Errorf("GET %s: %v", p, err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					t.Errorf("GET %s: reading: %v", p, err)
				case resp.StatusCode >= 500:
					t.Errorf("GET %s: %d", p, resp.StatusCode)
				case resp.StatusCode == 404 && p != "/nope/":
					t.Errorf("GET %s: 404", p)
				case strings.HasSuffix(p, "/") && !strings.Contains(string(body), "</html>"):
					t.Errorf("GET %s: torn page (%d bytes)", p, len(body))
				case strings.HasPrefix(p, "/stories/s") && !oneVersion(string(body)):
					t.Errorf("GET %s: page mixes versions", p)
				default:
					continue
				}
				bad.Add(1)
				return
			}
		}()
	}
	// Rebuild while they read: 15 edits, each waited for.
	for v := 1; v <= 15; v++ {
		write(t, r.dir, "content/stories/s01.md", fmt.Sprintf("---\ntitle: 故事1\ndate: 2020-01-02\n---\n版本 %d。\n", v))
		// A build may catch the file half-written (truncated, not yet
		// filled): that one fails, the last good site stays, and the
		// write's next event builds it whole.
		for ev := r.next(t); ev.Err != nil; ev = r.next(t) {
		}
	}
	stop.Store(true)
	wg.Wait()
	if requests.Load() < 200 {
		t.Errorf("only %d requests made", requests.Load())
	}
	t.Logf("%d requests, %d bad, during 15 rebuilds", requests.Load(), bad.Load())
}

var versionRe = regexp.MustCompile(`版本 (\d+)`)

// oneVersion reports whether every "版本 N" on the page has the same N.
func oneVersion(page string) bool {
	m := versionRe.FindAllStringSubmatch(page, -1)
	for _, x := range m {
		if x[1] != m[0][1] {
			return false
		}
	}
	return len(m) > 0
}
