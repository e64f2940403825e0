package server

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex // guards b
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestRunBusyPortAndShutdown: a busy port makes Run take the next one and
// say so; cancelling the context (Ctrl-C) stops the server, the watcher
// and every goroutine, and Run returns nil.
func TestRunBusyPortAndShutdown(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	dir := site(t, map[string]string{"content/stories/a.md": storyA})
	before := runtime.NumGoroutine()
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	built := make(chan struct{}, 1)
	go func() {
		done <- Run(ctx, Options{Source: dir, Port: port, Lang: diag.En, Stdout: &out, Stderr: &out, OnBuild: func(BuildEvent) {
			select {
			case built <- struct{}{}:
			default:
			}
		}})
	}()
	select {
	case <-built:
	case <-time.After(10 * time.Second):
		t.Fatal("no first build")
	}
	var url string
	deadline := time.Now().Add(5 * time.Second)
	re := regexp.MustCompile(`at (http://127\.0\.0\.1:(\d+)/)`)
	for url == "" && time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		runtime.Gosched()
	}
	if url == "" {
		t.Fatalf("no URL printed:\n%s", out.String())
	}
	if !strings.Contains(out.String(), fmt.Sprintf("port %d is busy; using ", port)) {
		t.Errorf("output does not say the port was busy:\n%s", out.String())
	}
	resp, err := http.Get(url + "stories/a/")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET = %d", resp.StatusCode)
	}
	// An open event stream must not hold up the shutdown.
	stream, err := http.Get(url + "__showcase/events")
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Body.Close()

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop within 10s of Ctrl-C")
	}
	http.DefaultClient.CloseIdleConnections()
	stream.Body.Close()
	// Every goroutine Run started has ended (allow the runtime a moment to
	// reap them; bounded).
	deadline = time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		runtime.Gosched()
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left behind (before: %d):\n%s", n-before, before, buf[:runtime.Stack(buf, true)])
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no stop message:\n%s", out.String())
	}
}
