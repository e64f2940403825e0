package server

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// guard keeps other web sites out of the preview. A page on another
// origin can make the visitor's browser send requests to this server, and
// with DNS rebinding (its own name made to resolve to this server's
// address) even read the answers, drafts, the event stream and the
// editor's save token included. So, on every bind:
//
//   - the Host header must name this server, with the port served: a
//     loopback address, localhost, the --bind name or address; on a
//     non-loopback bind also the machine's own names and addresses; and
//     any name given with --allow-host (a rebinding page's requests carry
//     its own name, which is none of these);
//   - a request that changes state (any method but GET, HEAD and OPTIONS)
//     or opens the event stream must come from a page of this server, not
//     another origin.
type guard struct {
	names map[string]bool // lower-case host names accepted besides loopback addresses
	ips   map[string]bool // addresses accepted besides loopback ones, as net.IP.String gives them
	lang  string          // of the refusal texts
	cross *http.CrossOriginProtection
	next  http.Handler
}

// newGuard guards next for a server bound to bind (a name or address, as
// given to --bind) that listens on the loopback interface or not; allow
// are more host names or addresses to accept (--allow-host).
func newGuard(bind string, loopback bool, allow []string, lang string, next http.Handler) *guard {
	g := &guard{
		names: map[string]bool{"localhost": true},
		ips:   map[string]bool{},
		lang:  lang,
		cross: http.NewCrossOriginProtection(),
		next:  next,
	}
	g.accept(bind)
	for _, a := range allow {
		g.accept(a)
	}
	if !loopback {
		for _, n := range machineNames() {
			g.accept(n)
		}
		if ip := net.ParseIP(normHost(bind)); bind == "" || ip != nil && ip.IsUnspecified() {
			for _, ip := range machineAddrs() {
				g.ips[ip.String()] = true
			}
		}
	}
	return g
}

// accept adds a host name or address (a port, if given, is dropped: the
// port checked is always the one served).
func (g *guard) accept(h string) {
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = normHost(h)
	switch ip := net.ParseIP(h); {
	case h == "":
	case ip != nil && !ip.IsUnspecified():
		g.ips[ip.String()] = true
	case ip == nil:
		g.names[h] = true
	}
}

// machineNames are the names this machine answers to on a LAN: its host
// name, the first part of it, and that with .local (mDNS).
func machineNames() []string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return nil
	}
	short, _, _ := strings.Cut(h, ".")
	return []string{h, short, short + ".local"}
}

// machineAddrs are the addresses of this machine's network interfaces.
func machineAddrs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			out = append(out, n.IP)
		}
	}
	return out
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.hostOK(r) {
		msg := diag.M("serve-foreign-host", r.Host, g.home(r), hostOnly(r.Host))
		if g.nameOK(hostOnly(r.Host)) {
			msg = diag.M("serve-wrong-port", r.Host, g.home(r))
		}
		http.Error(w, msg.Format(g.lang), http.StatusForbidden)
		return
	}
	if err := g.cross.Check(r); err != nil {
		http.Error(w, diag.M("serve-cross-origin", err.Error()).Format(g.lang), http.StatusForbidden)
		return
	}
	if r.URL.Path == eventsPath && !sameOrigin(r) {
		http.Error(w, diag.M("serve-cross-origin", "an event stream for "+r.Header.Get("Origin")).Format(g.lang), http.StatusForbidden)
		return
	}
	g.next.ServeHTTP(w, r)
}

// hostOnly is the host part of a Host header.
func hostOnly(h string) string {
	if host, _, err := net.SplitHostPort(h); err == nil {
		return host
	}
	return h
}

// hostOK reports whether r's Host names this server.
func (g *guard) hostOK(r *http.Request) bool {
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, port = r.Host, "80"
	}
	if p, ok := servedPort(r); ok && port != strconv.Itoa(p) {
		return false
	}
	return g.nameOK(host)
}

// nameOK reports whether host (without a port) names this server.
func (g *guard) nameOK(host string) bool {
	host = normHost(host)
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || g.ips[ip.String()]
	}
	return g.names[host]
}

// servedPort is the port r came in on, when the server recorded it.
func servedPort(r *http.Request) (int, bool) {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr)
	if !ok {
		return 0, false
	}
	return a.Port, true
}

// home is the address to suggest to a browser that used a foreign name.
func (g *guard) home(r *http.Request) string {
	port := 80
	if p, ok := servedPort(r); ok {
		port = p
	}
	return fmt.Sprintf("http://127.0.0.1:%d/", port)
}

// normHost lower-cases a host name and drops the brackets of an IPv6
// literal and a final dot.
func normHost(h string) string {
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// sameOrigin reports whether a GET comes from a page of this server, by
// the headers browsers send with cross-origin requests (the same rule as
// http.CrossOriginProtection, which leaves GET alone). A request with
// neither header comes from a program, not a web page.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return true
	case "":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

// reachableWarning is the warning Run prints, in lang, when the address it
// listens on can be reached from other machines, or "".
func reachableWarning(bind string, addr *net.TCPAddr, lang string) string {
	if addr.IP.IsLoopback() {
		return ""
	}
	return diag.M("warning-prefix").Format(lang) + diag.M("serve-exposed", bind).Format(lang)
}

// loopbackName guesses from a --bind value, before listening, whether it
// is a loopback address; Run uses the address it listens on instead.
func loopbackName(bind string) bool {
	if bind == "" || normHost(bind) == "localhost" {
		return true
	}
	ip := net.ParseIP(normHost(bind))
	return ip != nil && ip.IsLoopback()
}
