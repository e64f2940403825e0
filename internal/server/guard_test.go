package server

import (
	"github.com/jiangninglu/showcase/internal/diag"

	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// do sends one request to srv with the given Host and headers.
func do(t *testing.T, srv *httptest.Server, method, path, host string, header map[string]string) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // ends an event stream once its status is known
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, strings.NewReader(""))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestGuardLoopback: bound to loopback, only this server's own names are
// accepted as Host (DNS rebinding), and other origins can neither post
// nor open the event stream.
func TestGuardLoopback(t *testing.T) {
	r := start(t, site(t, map[string]string{"content/stories/a.md": storyA}))
	port := r.http.Listener.Addr().(*net.TCPAddr).Port
	p := func(host string) string { return net.JoinHostPort(host, strconv.Itoa(port)) }
	self := "http://" + p("127.0.0.1")
	for _, tc := range []struct {
		name, method, path, host string
		header                   map[string]string
		want                     int
	}{
		{"own address", "GET", "/stories/a/", "", nil, 200},
		{"localhost", "GET", "/stories/a/", p("localhost"), nil, 200},
		{"LOCALHOST.", "GET", "/stories/a/", p("LOCALHOST."), nil, 200},
		{"ipv6 loopback", "GET", "/stories/a/", p("::1"), nil, 200},
		{"foreign host", "GET", "/stories/a/", p("evil.example"), nil, 403},
		{"foreign host, no port", "GET", "/", "evil.example", nil, 403},
		{"another port", "GET", "/", net.JoinHostPort("localhost", strconv.Itoa(port+1)), nil, 403},
		{"no port", "GET", "/", "localhost", nil, 403},
		{"foreign host, events", "GET", eventsPath, p("rebound.example"), nil, 403},
		{"cross-origin events", "GET", eventsPath, "", map[string]string{"Origin": "http://evil.example"}, 403},
		{"cross-site events", "GET", eventsPath, "", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-origin events", "GET", eventsPath, "", map[string]string{"Origin": self, "Sec-Fetch-Site": "same-origin"}, 200},
		{"cross-origin POST", "POST", "/", "", map[string]string{"Origin": "http://evil.example"}, 403},
		{"cross-site POST", "POST", "/", "", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"same-origin POST", "POST", "/", "", map[string]string{"Origin": self}, 405},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := do(t, r.http, tc.method, tc.path, tc.host, tc.header); got != tc.want {
				t.Errorf("%s %s (Host %q, %v) = %d, want %d", tc.method, tc.path, tc.host, tc.header, got, tc.want)
			}
		})
	}
}

// TestGuardOpenBind: bound to all interfaces with the editor on, the Host
// must still name this machine (its name, its addresses, loopback, or a
// name given with --allow-host): a DNS-rebinding page's own name is
// refused, so it can neither read the editor's token nor save. Other
// origins still cannot post.
func TestGuardOpenBind(t *testing.T) {
	s := New(Options{Source: site(t, map[string]string{"content/stories/a.md": storyA}), Bind: "0.0.0.0", Edit: EditOn, AllowHosts: []string{"Showcase.LAN", "proxy.example:8443"}}, "/")
	if ev := s.Rebuild(context.Background(), nil, time.Now()); ev.Err != nil {
		t.Fatal(ev.Err)
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	p := func(host string) string { return net.JoinHostPort(host, strconv.Itoa(port)) }
	hostname, _ := os.Hostname()
	ok := []string{p("127.0.0.1"), p("localhost"), p("showcase.lan"), p("proxy.example"), p(hostname)}
	for _, ip := range machineAddrs() {
		ok = append(ok, p(ip.String()))
	}
	for _, host := range ok {
		if got := do(t, srv, "GET", "/stories/a/", host, nil); got != 200 {
			t.Errorf("GET with Host %s = %d, want 200", host, got)
		}
	}
	for _, host := range []string{p("rebind.attacker.example"), p("203.0.113.9"), p("showcase.lan.attacker.example"), "showcase.lan"} {
		for _, path := range []string{"/stories/a/", "/__showcase/edit/stories/a"} {
			if got := do(t, srv, "GET", path, host, nil); got != 403 {
				t.Errorf("GET %s with Host %s = %d, want 403", path, host, got)
			}
		}
		if got := do(t, srv, "POST", "/__showcase/edit/stories/a", host, map[string]string{"Origin": "http://" + host}); got != 403 {
			t.Errorf("POST save with Host %s = %d, want 403", host, got)
		}
	}
	// The refusal says what to do, in the site's language.
	for host, want := range map[string]string{
		p("rebind.attacker.example"): "启动时加 --allow-host rebind.attacker.example",
		"showcase.lan:8080":          `"showcase.lan:8080" 不是本服务器监听的端口`,
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/", nil)
		req.Host = host
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 403 || !strings.Contains(string(b), want) {
			t.Errorf("Host %s: %d %s", host, resp.StatusCode, b)
		}
	}
	if got := do(t, srv, "POST", "/", p("showcase.lan"), map[string]string{"Origin": "http://evil.example"}); got != 403 {
		t.Errorf("cross-origin POST = %d, want 403", got)
	}
	if got := do(t, srv, "GET", eventsPath, "", map[string]string{"Origin": "http://evil.example"}); got != 403 {
		t.Errorf("cross-origin event stream = %d, want 403", got)
	}
}

// TestReachableWarning: --bind localhost listens on loopback and is not
// said to be reachable from other machines; 0.0.0.0 is.
func TestReachableWarning(t *testing.T) {
	l, err := listen("localhost", 0)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if w := reachableWarning("localhost", l.Addr().(*net.TCPAddr), diag.En); w != "" {
		t.Errorf("--bind localhost warns: %s", w)
	}
	if w := reachableWarning("0.0.0.0", &net.TCPAddr{IP: net.IPv4zero, Port: 1313}, diag.En); !strings.Contains(w, "other machines can reach") {
		t.Errorf("--bind 0.0.0.0 warning = %q", w)
	}
	for bind, want := range map[string]bool{"": true, "localhost": true, "127.0.0.1": true, "[::1]": true, "0.0.0.0": false, "example.org": false} {
		if got := loopbackName(bind); got != want {
			t.Errorf("loopbackName(%q) = %v", bind, got)
		}
	}
}
