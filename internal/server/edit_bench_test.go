package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/bench"
)

// BenchmarkEditToPage measures an edit as an editor sees it: from saving a
// story the way editors' tools do (a temporary file in the same folder,
// renamed over the story) to the story's new page being served over HTTP,
// polled every 2ms, through the real server (watcher, debounce, rebuild,
// swap, handler). It reports the median and 90th percentile in ms.
//
// The sites: the repository's example site, and 10,000 synthetic stories
// (internal/bench) with the built-in theme and with a story template of the
// site's own that reads .Site.Stories (bench.OwnStory). The 10,000-story sites are skipped
// with -short; set TMPDIR to a tmpfs to measure without the disk.
func BenchmarkEditToPage(b *testing.B) {
	b.Run("example", func(b *testing.B) {
		dir := exampleCopy(b)
		benchEditToPage(b, dir, "content/stories/old-brand.md", "stories/old-brand/")
	})
	for _, own := range []bool{false, true} {
		name := "10000"
		if own {
			name = "10000-own-templates"
		}
		b.Run(name, func(b *testing.B) {
			if testing.Short() {
				b.Skip("-short")
			}
			dir := b.TempDir()
			if err := bench.Write(dir, 10000, 1); err != nil {
				b.Fatal(err)
			}
			if own {
				if err := bench.WriteOwnStory(dir); err != nil {
					b.Fatal(err)
				}
			}
			benchEditToPage(b, dir, "content/stories/story-00042.md", "stories/story-00042/")
		})
	}
}

// benchEditToPage serves the site in dir and times body and title edits of
// story (a site-relative file) until page (a site-relative URL) shows them.
func benchEditToPage(b *testing.B, dir, story, page string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	base := "http://" + l.Addr().String() + "/"
	builds := make(chan BuildEvent, 16)
	s := New(Options{Source: dir, Bind: "127.0.0.1", OnBuild: func(e BuildEvent) {
		select {
		case builds <- e:
		default:
		}
	}}, base)
	s.loopback = true
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.serve(ctx, l) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	select {
	case ev := <-builds:
		if ev.Err != nil {
			b.Fatal(ev.Err)
		}
	case <-time.After(5 * time.Minute):
		b.Fatal("no first build")
	}
	orig, err := os.ReadFile(filepath.Join(dir, story))
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	defer client.CloseIdleConnections()
	n := 0
	for _, edit := range []string{"body", "title"} {
		b.Run(edit, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				n++
				marker := fmt.Sprintf("编辑第%d次", n)
				var src []byte
				if edit == "title" {
					src = bytes.Replace(orig, []byte("\ntitle: "), []byte("\ntitle: "+marker), 1)
				} else {
					src = append(bytes.Clone(orig), "\n"+marker+"。\n"...)
				}
				start := time.Now()
				saveByRename(b, filepath.Join(dir, story), src)
				waitFor(b, client, base+page, marker)
				times = append(times, time.Since(start))
				// The next save comes seconds later: the rebuild has
				// ended and the search index made after the swap is in.
				select {
				case ev := <-builds:
					if ev.Err != nil {
						b.Fatal(ev.Err)
					}
				case <-time.After(10 * time.Second):
					b.Fatal("no build event")
				}
				s.indexWG.Wait()
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "p90-ms")
		})
	}
}

// saveByRename writes data to a temporary file beside name and renames it
// over name, as editors' safe saves do.
func saveByRename(tb testing.TB, name string, data []byte) {
	tb.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		tb.Fatal(err)
	}
}

// waitFor polls url every 2ms until its body contains text.
func waitFor(tb testing.TB, client *http.Client, url, text string) {
	tb.Helper()
	want := []byte(text)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if bytes.Contains(body, want) {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	tb.Fatalf("%s never showed %q", url, text)
}
