package server

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jiangninglu/showcase/internal/mediatype"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/editor"
)

//go:embed live.js
var liveJS []byte

// Options configure a Server. The zero value serves the site in the
// current folder on 127.0.0.1:1313.
type Options struct {
	Source string
	Bind   string // default 127.0.0.1
	Port   int    // default 1313; the next free port is taken if it is busy
	Drafts bool
	Future bool
	Stdout io.Writer // progress and URLs; nil: discard
	Stderr io.Writer // build errors; nil: discard
	// Lang is the language of messages in the terminal (en or zh-CN, as
	// SHOWCASE_LANG sets it); "" means the site's language, which the
	// error overlay in the browser always follows.
	Lang string
	// Debounce is how long a burst of file events must be quiet before a
	// rebuild starts (default 10ms: an editor's save-by-rename takes a few).
	Debounce time.Duration
	// OnBuild, if set, is called after every build with its outcome, for
	// tests to wait on instead of sleeping.
	OnBuild func(BuildEvent)
	// Edit turns the story editor on or off (default: on for a loopback
	// bind).
	Edit EditMode
	// AllowHosts are more host names (or addresses) the browser may use
	// for this server, besides its own (--allow-host): a name given to it
	// on the LAN, or a proxy's.
	AllowHosts []string
}

// BuildEvent is the outcome of one build.
type BuildEvent struct {
	Paths    []string // what changed (nil for the first build)
	Err      error
	Duration time.Duration // from the first file event (or start) to the swap
	Rendered int           // pages rendered anew
}

// Server serves one site from memory and rebuilds it on change.
type Server struct {
	opts    Options
	baseURL string
	builder *build.Builder
	site    atomic.Pointer[build.Snapshot] // the last good build
	hub     *hub
	out     io.Writer
	errOut  io.Writer
	swapMu  sync.Mutex // serialises swaps of site, so an index never lands on a newer site
	indexWG sync.WaitGroup

	errMu    sync.Mutex // guards errTimer
	errTimer *time.Timer

	// loopback: the server listens on a loopback address only (see guard).
	loopback bool
	editor   *editor.Editor // nil when the editor is off

	// running is serve's context, set before the handler exists: cancelled
	// when serve is asked to stop (Ctrl-C, SIGTERM). nil outside serve.
	running context.Context
}

// finish renders the pages a rebuild left out (later, see
// build.DeferSitePages), then makes the data files it left out (the
// search index, the workbook; see build.DeferData), beside
// the next edits, and puts each into the site it was made for, snap,
// while no newer build has begun (later.Stale: that build has its own to
// make, and swaps in its own site). Pages that changed reload the open
// tabs again. A template error in those pages fails the build after all:
// the site before it, last, is served again and the error shown.
func (s *Server) finish(ctx context.Context, snap, last build.Snapshot, later *build.Later) {
	if later == nil {
		return
	}
	s.indexWG.Add(1)
	go func() {
		defer s.indexWG.Done()
		pages, ok, err := later.SitePages(ctx)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			s.swapMu.Lock()
			if !later.Stale() && last != nil {
				s.site.Store(&last)
			}
			s.swapMu.Unlock()
			s.holdError(err)
			return
		case ok && len(pages) > 0:
			if snap = s.swapIn(snap, later, pages, nil); snap == nil {
				return
			}
			s.hub.send(event{name: "reload"})
		}
		files, replaces, ok, err := later.Data()
		if err != nil {
			fmt.Fprintln(s.errOut, err)
			return
		}
		if ok {
			s.swapIn(snap, later, files, replaces)
		}
	}()
}

// swapIn serves, in place of snap (the site later's build made, as
// served now), a copy of it without the files drop says (nil: none) and
// with files; it returns the copy, or nil when a newer build has begun.
func (s *Server) swapIn(snap build.Snapshot, later *build.Later, files map[string][]byte, drop func(string) bool) build.Snapshot {
	s.swapMu.Lock()
	defer s.swapMu.Unlock()
	if later.Stale() {
		return nil
	}
	next := make(build.Snapshot, len(snap))
	for k, v := range snap {
		if drop == nil || !drop(k) {
			next[k] = v
		}
	}
	for k, v := range files {
		next[k] = v
	}
	s.site.Store(&next)
	return next
}

// New makes a Server for opts. baseURL is the address the site is served
// at (links are made for it); Run sets it from the listener.
func New(opts Options, baseURL string) *Server {
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	if opts.Debounce == 0 {
		opts.Debounce = 10 * time.Millisecond
	}
	b := build.NewBuilder(build.Options{Source: opts.Source, BaseURL: baseURL, Drafts: opts.Drafts, Future: opts.Future}, true)
	b.DeferData()
	b.DeferSitePages()
	return &Server{opts: opts, baseURL: baseURL, builder: b, hub: newHub(), out: opts.Stdout, errOut: opts.Stderr, loopback: loopbackName(opts.Bind)}
}

// Rebuild builds the site for the changed paths (nil: everything) and, if
// it succeeds, swaps it in and tells the tabs; if it fails, the last good
// site stays and the tabs show the error. since is when the change was
// first seen, for the reported duration.
func (s *Server) Rebuild(ctx context.Context, paths []string, since time.Time) BuildEvent {
	ch := build.Changes{Paths: paths, All: paths == nil}
	s.holdError(nil) // a newer build supersedes an error not yet shown
	snap, res, err := s.builder.Snapshot(ctx, ch)
	ev := BuildEvent{Paths: paths, Err: err}
	if err != nil {
		ev.Duration = time.Since(since)
		s.holdError(err)
	} else {
		var last build.Snapshot
		s.swapMu.Lock()
		if cur := s.site.Load(); cur != nil {
			last = *cur
		}
		s.site.Store(&snap)
		s.swapMu.Unlock()
		ev.Duration = time.Since(since)
		s.finish(ctx, snap, last, res.Later)
		ev.Rendered = res.Rendered
		lang := s.opts.termLang()
		for _, w := range res.Warnings {
			fmt.Fprintln(s.errOut, w.Format(lang))
		}
		if paths != nil {
			fmt.Fprintln(s.out, diag.M("serve-rebuilt", ev.Duration.Round(time.Millisecond), res.Rendered, res.Pages, strings.Join(paths, ", ")).Format(lang))
		}
		if l := res.LeftOut; paths == nil && l.Drafts+l.Future > 0 {
			// A story hidden by a typo in its date would otherwise just be
			// missing from the preview.
			fmt.Fprintln(s.out, diag.M("serve-left-out", l.Drafts, l.Future).Format(lang))
		}
		// A stylesheet the pages link by its hashed name (the theme's,
		// style.3f2a9c1e.css) renames it on every page: those reload.
		// One linked by its plain name leaves the pages as they were.
		if cssOnly(paths) && res.Changed == 0 {
			s.hub.send(event{name: "css"})
		} else {
			s.hub.send(event{name: "reload"})
		}
	}
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(ev)
	}
	return ev
}

// errorHold is how long a failed rebuild's error waits before it is shown:
// an editor that saves in place (truncate, then write) can be caught with a
// half-written file, and the write's own event rebuilds a moment later. An
// error that a newer build supersedes within this time is never shown.
const errorHold = 60 * time.Millisecond

// holdError shows err (in the terminal and over the open tabs) after
// errorHold, unless holdError is called again first; nil only cancels.
func (s *Server) holdError(err error) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	if s.errTimer != nil {
		s.errTimer.Stop()
		s.errTimer = nil
	}
	if err == nil {
		return
	}
	show := func() {
		lang := s.opts.termLang()
		fmt.Fprintln(s.errOut, errorText(err, lang))
		if n := len(diag.Problems(err).Errors()); n > 0 {
			fmt.Fprintln(s.errOut, diag.M("serve-errors", n).Format(lang))
		}
		lang = s.opts.siteLang()
		s.hub.send(event{name: "builderror", data: overlay{
			Title:   diag.M("overlay-title").Format(lang),
			Message: errorText(err, lang),
			Hint:    diag.M("overlay-hint").Format(lang),
		}})
	}
	if s.site.Load() == nil {
		show() // no site at all yet: nothing to protect from a flash
		return
	}
	s.errTimer = time.AfterFunc(errorHold, show)
}

// Handler serves the current site, the live-reload script and events.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(eventsPath, s.hub)
	mux.HandleFunc("/__showcase/live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveJS)
	})
	mux.HandleFunc("/", s.serveSite)
	s.mountEditor(mux)
	return newGuard(s.opts.Bind, s.loopback, s.opts.AllowHosts, s.opts.siteLang(), mux)
}

// eventsPath is the live-reload event stream.
const eventsPath = "/__showcase/events"

const liveTag = `<script src="/__showcase/live.js"></script>`

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snapPtr := s.site.Load()
	if snapPtr == nil {
		// No good build yet: an empty page that shows the error overlay.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><meta charset=utf-8><title>showcase</title></head><body><p>%s</p>%s</body></html>", diag.M("overlay-nosite").Format(s.opts.siteLang()), liveTag)
		return
	}
	snap := *snapPtr
	// Only the snapshot's own names are reachable: the path is cleaned and
	// looked up in a map, never joined to a folder on disk.
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	status := http.StatusOK
	data, ok := snap[name]
	if !ok {
		if d, isDir := snap[name+"/index.html"]; isDir {
			if !strings.HasSuffix(r.URL.Path, "/") {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
			data, ok, name = d, true, name+"/index.html"
		}
	}
	if !ok {
		status = http.StatusNotFound
		data, name = snap["404.html"], "404.html"
	}
	ctype := mediatype.Of(name)
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasPrefix(ctype, "text/html") {
		data = s.editLink(name, inject(data))
	}
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		w.Write(data)
	}
}

// inject adds the live-reload script before </body>, only when serving,
// so that built and served pages are otherwise identical.
func inject(page []byte) []byte {
	return insert(page, bodyEnd(page), liveTag)
}

// bodyEnd is where a page's body ends: before </body>, else at the end.
func bodyEnd(page []byte) int {
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		return i
	}
	return len(page)
}

// insert returns a copy of page with s inserted at i.
func insert(page []byte, i int, s string) []byte {
	out := make([]byte, 0, len(page)+len(s))
	out = append(out, page[:i]...)
	out = append(out, s...)
	return append(out, page[i:]...)
}

// listen binds opts.Bind:opts.Port, or the next free port above it.
func listen(bind string, port int) (net.Listener, error) {
	var last error
	for p := port; p < port+50; p++ {
		l, err := net.Listen("tcp", net.JoinHostPort(bind, fmt.Sprint(p)))
		if err == nil {
			return l, nil
		}
		last = err
		if port == 0 {
			break
		}
	}
	return nil, last
}

// Run builds the site, serves it and watches it until ctx is cancelled
// (Ctrl-C), then stops cleanly: the HTTP server shut down, the watcher
// closed, every goroutine ended.
func Run(ctx context.Context, opts Options) error {
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Port == 0 {
		opts.Port = 1313
	}
	if opts.Stdout == nil {
		opts.Stdout = io.Discard
	}
	if opts.Stderr == nil {
		opts.Stderr = io.Discard
	}
	l, err := listen(opts.Bind, opts.Port)
	if err != nil {
		return err
	}
	addr := l.Addr().(*net.TCPAddr)
	host := opts.Bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	baseURL := fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
	lang := opts.termLang()
	if w := reachableWarning(opts.Bind, addr, lang); w != "" {
		fmt.Fprintln(opts.Stderr, w)
	}
	if addr.Port != opts.Port {
		fmt.Fprintln(opts.Stdout, diag.M("serve-port", opts.Port, addr.Port).Format(lang))
	}

	s := New(opts, baseURL)
	s.loopback = addr.IP.IsLoopback()
	return s.serve(ctx, l)
}

// serve builds the site, serves it on l and watches its files until ctx is
// cancelled, then shuts down: Run after it has bound the port and said so.
func (s *Server) serve(ctx context.Context, l net.Listener) error {
	opts, baseURL := s.opts, s.baseURL
	s.running = ctx
	lang := opts.termLang()
	w, err := newWatcher(opts.Source)
	if err != nil {
		l.Close()
		return err
	}
	start := time.Now()
	ev := s.Rebuild(ctx, nil, start)
	if ev.Err == nil {
		fmt.Fprintln(opts.Stdout, diag.M("serve-built", ev.Duration.Round(time.Millisecond)).Format(lang))
	}
	fmt.Fprintln(opts.Stdout, diag.M("serve-serving", displaySource(opts.Source), baseURL).Format(lang))

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	if s.editor != nil {
		fmt.Fprintln(opts.Stdout, diag.M("serve-editor", strings.TrimSuffix(baseURL, "/")+editor.Prefix).Format(lang))
		if removed, err := s.editor.CleanTemp(); err == nil && len(removed) > 0 {
			fmt.Fprintln(opts.Stdout, diag.M("serve-cleaned", len(removed), strings.Join(removed, ", ")).Format(lang))
		}
		if !s.loopback {
			host := opts.Bind
			if ip := net.ParseIP(normHost(host)); ip != nil && ip.IsUnspecified() {
				if names := machineNames(); len(names) > 0 {
					host = names[0]
				}
			}
			addr := "http://" + net.JoinHostPort(normHost(host), fmt.Sprint(l.Addr().(*net.TCPAddr).Port)) + "/"
			fmt.Fprintln(opts.Stderr, diag.M("warning-prefix").Format(lang)+diag.M("serve-no-login", addr).Format(lang))
		}
	}
	var wg sync.WaitGroup
	serveErr := make(chan error, 1)
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			serveErr <- err
		}
	}()
	watchCtx, stopWatch := context.WithCancel(ctx)
	go func() {
		defer wg.Done()
		s.watch(watchCtx, w)
	}()

	select {
	case <-ctx.Done():
	case err = <-serveErr:
	}
	stopWatch()
	s.holdError(nil)
	s.hub.close() // ends the event streams, so Shutdown need not wait for them
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if e := srv.Shutdown(shutCtx); e != nil && err == nil {
		err = e
	}
	w.Close()
	wg.Wait()
	s.indexWG.Wait()
	fmt.Fprintln(opts.Stdout, diag.M("serve-stopped").Format(opts.termLang()))
	return err
}

// overlay is what the error overlay in the browser shows (live.js).
type overlay struct {
	Title   string `json:"title"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// errorText is a failed build's error in lang: its problems one a line,
// causes first (see causesFirst).
func errorText(err error, lang string) string {
	var le *diag.ListError
	if errors.As(err, &le) {
		return (&diag.ListError{List: causesFirst(le.List)}).Format(lang)
	}
	return diag.MsgOf(err).Format(lang)
}

// causesFirst orders problems so that a cause comes before what follows
// from it: a file that could not be read at all (broken YAML, TOML or
// JSON, front matter that does not close, a broken showcase.yaml or
// template) first; a link to a page that is missing, which is often that
// same unreadable file's page, last; the rest between, each group in its
// own order (file, line).
func causesFirst(l diag.List) diag.List {
	rank := func(p *diag.Problem) int {
		code := p.Msg.Code
		for _, pre := range []string{"yaml-", "toml-", "json-", "frontmatter-", "fm-", "config-", "template-", "theme-"} {
			if strings.HasPrefix(code, pre) {
				return 0
			}
		}
		if strings.HasPrefix(code, "link-") {
			return 2
		}
		return 1
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b *diag.Problem) int { return rank(a) - rank(b) })
	return out
}

// siteLang is the site's language, read from showcase.yaml each time it is
// needed, so that a change of language shows at once.
func (o Options) siteLang() string { return config.Language(os.DirFS(displaySource(o.Source))) }

// termLang is the language of terminal messages.
func (o Options) termLang() string {
	if o.Lang != "" {
		return o.Lang
	}
	return o.siteLang()
}

func displaySource(s string) string {
	if s == "" {
		return "."
	}
	return s
}
