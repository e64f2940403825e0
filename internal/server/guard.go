package server

import (
	"github.com/jiangninglu/showcase/internal/diag"

	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// guard keeps other web sites out of the preview. A page on another
// origin can make the visitor's browser send requests to 127.0.0.1, and
// with DNS rebinding (its own name made to resolve to 127.0.0.1) even
// read the answers, drafts and event stream included. So:
//
//   - on a loopback bind, the Host header must name this server: a
//     loopback address, localhost or the --bind name, with the port served
//     (a rebinding page's requests carry its own name);
//   - on any other bind the preview is open to the network by choice, and
//     any Host is accepted;
//   - whatever the bind, a request that changes state (any method but
//     GET, HEAD and OPTIONS) or opens the event stream must come from a
//     page of this server, not another origin.
type guard struct {
	anyHost bool            // bound to a non-loopback address
	names   map[string]bool // lower-case host names accepted besides loopback addresses
	cross   *http.CrossOriginProtection
	next    http.Handler
}

// newGuard guards next for a server bound to bind (a name or address, as
// given to --bind) that listens on the loopback interface or not.
func newGuard(bind string, loopback bool, next http.Handler) *guard {
	g := &guard{
		anyHost: !loopback,
		names:   map[string]bool{"localhost": true},
		cross:   http.NewCrossOriginProtection(),
		next:    next,
	}
	if b := normHost(bind); b != "" {
		g.names[b] = true
	}
	return g
}

// Refusal texts, in one place for the message catalogue to come.
const (
	msgForeignHost = "showcase serve: %q is not this server's address; open %s"
	msgCrossOrigin = "showcase serve: refused a request from another site (%s)"
)

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !g.anyHost && !g.hostOK(r) {
		http.Error(w, fmt.Sprintf(msgForeignHost, r.Host, g.home(r)), http.StatusForbidden)
		return
	}
	if err := g.cross.Check(r); err != nil {
		http.Error(w, fmt.Sprintf(msgCrossOrigin, err), http.StatusForbidden)
		return
	}
	if r.URL.Path == eventsPath && !sameOrigin(r) {
		http.Error(w, fmt.Sprintf(msgCrossOrigin, "an event stream for "+r.Header.Get("Origin")), http.StatusForbidden)
		return
	}
	g.next.ServeHTTP(w, r)
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
	host = normHost(host)
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
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
