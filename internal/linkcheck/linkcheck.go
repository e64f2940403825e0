package linkcheck

import (
	"encoding/binary"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
)

// Targets is what the site publishes, as far as links may name it.
type Targets struct {
	// Outputs are the output paths known before the checks, in any
	// order: every page (stories/a/index.html) and copied or made file
	// (css/style.css, feed.xml). Checker.Publish adds later ones.
	Outputs []string
	// Pages are the content files whose links are checked, each with the
	// URL of the page it becomes: a link to a .md file names one of them.
	Pages []Page
}

// Page is a content file and the URL of its page.
type Page struct {
	File string // content/stories/a.md
	URL  string // /stories/a/
	// Written says the page is among the outputs, at
	// render.OutputPath(URL), whether Outputs lists that path or not: a
	// build says so of its story pages, which it makes one by one as the
	// stories render (a large site's Outputs were mostly theirs).
	Written bool
}

// Options change how a Checker reports.
type Options struct {
	// Warn makes a broken link a warning (broken_links: warning); a
	// missing picture is an error all the same.
	Warn bool
	// Cache, if not nil, keeps each file's result for the next Checker
	// (serve's next build), under the file's version, while the Targets
	// and Warn are the same. One Checker at a time may use a Cache.
	Cache *Cache
}

// Source is one content file's Markdown, as rendered.
type Source struct {
	File     string // as in Targets.Pages
	BodyLine int    // the file's line the Markdown body starts on
	// Version identifies the file's bytes (content.Source.Version): with
	// a Cache, the same version must have the same links and headings.
	Version  uint64
	Links    []markdown.Link
	Headings []markdown.Heading // its page's headings: the #anchors it has
}

// Checker checks the links of one build. Check is safe for concurrent
// use; Problems is called once every Check has returned.
type Checker struct {
	warn bool
	t    *targets
	gen  uint64 // this build's: marks the entries it checked
	// kept says the entries are a Cache's, made under the same targets,
	// and the last build settled them: an anchor settled then holds
	// while neither file changed.
	kept  bool
	cache *Cache

	mu sync.Mutex // guards the fields below
	// entries are by file (the cache's, when there is one), by value: a
	// site's are held from its first story's check to the end of the
	// build, one per page, and one object each was 100,000 more for the
	// garbage collector to mark at every collection of a 100,000-story
	// build.
	entries map[string]entry
	checked int             // how many entries this build checked
	made    []string        // the files whose entry this build made
	late    map[string]bool // output paths added by Publish
	// pageOuts are the content pages' output paths, once a broken link
	// needs them (see pageOutputs).
	pageOuts map[string]bool
}

// Cache keeps a Checker's results for the next: the targets, under the
// key of what they are made of, and each file's entry. The zero value is
// an empty cache.
type Cache struct {
	key     uint64
	targets *targets
	entries map[string]entry // by file
	gen     uint64           // of the last Checker
	settled uint64           // the gen whose Problems ran
}

// targets is what New makes of Targets.
type targets struct {
	// outputs are the outputs other than the content pages' (a large
	// site's are mostly story pages, found through byURL instead: see
	// has).
	outputs map[string]bool
	// unlisted are the content pages whose output is not among the
	// Outputs, by file (none, as a build makes them).
	unlisted map[string]bool
	byFile   map[string]string // content file -> its page URL
	// byURL is a page's URL -> its content file, found by output path
	// with fileAt: keyed by the URLs, which the site holds anyway, not by
	// an output path made for each page.
	byURL map[string]string
	// files are byFile's files, sorted, made once a link names a
	// missing .md file (see sortedFiles): held for every build, they
	// were a pointer a page for the garbage collector to follow.
	filesOnce sync.Once
	files     []string
}

// entry is what Check makes of one file: the problems that depend on the
// targets alone, and the links still to settle in Problems.
type entry struct {
	gen     uint64 // the last build that checked the file
	version uint64
	probs   diag.List
	pending []pending
	ids     idList // the page's heading IDs
}

// idList is a page's heading IDs in one string, each its length (a
// uvarint) then its bytes. A site's entries are all held to the end of
// the checks, one per page: one string each is one object for the
// garbage collector, where a slice of the headings' IDs was one per
// heading and the slice.
type idList string

// makeIDList returns the IDs of headings, in a string of their exact
// size, made once (not a byte slice then its copy).
func makeIDList(headings []markdown.Heading) idList {
	var size [binary.MaxVarintLen64]byte
	n := 0
	for _, h := range headings {
		n += len(binary.AppendUvarint(size[:0], uint64(len(h.ID)))) + len(h.ID)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range headings {
		b.Write(binary.AppendUvarint(size[:0], uint64(len(h.ID))))
		b.WriteString(h.ID)
	}
	return idList(b.String())
}

// each calls f with each ID, in order, until f returns false.
func (l idList) each(f func(id string) bool) {
	for l != "" {
		size, n := uint64(0), 0
		for shift := 0; n < len(l); shift += 7 {
			c := l[n]
			n++
			size |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
		if !f(string(l[n : n+int(size)])) {
			return
		}
		l = l[n+int(size):]
	}
}

// has reports whether id is one of l.
func (l idList) has(id string) bool {
	found := false
	l.each(func(x string) bool {
		found = x == id
		return !found
	})
	return found
}

// list returns the IDs.
func (l idList) list() []string {
	var ids []string
	l.each(func(id string) bool {
		ids = append(ids, id)
		return true
	})
	return ids
}

// pending is a link that Problems settles: a path not among the outputs
// when it was checked (p), or a #anchor (frag) on the page of another
// content file (file).
type pending struct {
	pos   diag.Pos
	image bool
	dest  string // as written
	p     string // the site path, when not found yet
	file  string // the content file whose page it names, once found
	frag  string // "" when the anchor is not checked
	// An anchor once settled (p == ""): its problem, or nil. It holds
	// while the two files are the same (see Checker.kept).
	settled bool
	verdict *diag.Problem
}

// New returns a Checker of links into t.
func New(t Targets, o Options) *Checker {
	c := &Checker{warn: o.Warn, gen: 1}
	if o.Cache == nil {
		c.t, c.entries = newTargets(t), make(map[string]entry, len(t.Pages))
		return c
	}
	key := targetsKey(t, o.Warn)
	same := o.Cache.targets != nil && o.Cache.key == key
	if !same {
		o.Cache.key, o.Cache.targets, o.Cache.entries = key, newTargets(t), make(map[string]entry, len(t.Pages))
	}
	c.kept, c.cache = same && o.Cache.settled == o.Cache.gen, o.Cache
	o.Cache.gen++
	c.t, c.entries, c.gen = o.Cache.targets, o.Cache.entries, o.Cache.gen
	return c
}

func newTargets(t Targets) *targets {
	ts := &targets{
		outputs: make(map[string]bool, len(t.Outputs)),
		byFile:  make(map[string]string, len(t.Pages)),
		byURL:   make(map[string]string, len(t.Pages)),
	}
	for _, p := range t.Pages {
		ts.byFile[p.File] = p.URL
		ts.byURL[p.URL] = p.File
	}
	listed := make(map[string]bool, len(t.Pages)) // content pages among the outputs, by file
	for _, o := range t.Outputs {
		if f, ok := ts.fileAt(o); ok {
			listed[f] = true
		} else {
			ts.outputs[o] = true
		}
	}
	for _, p := range t.Pages {
		if !listed[p.File] && !p.Written {
			if ts.unlisted == nil {
				ts.unlisted = map[string]bool{}
			}
			ts.unlisted[p.File] = true
		}
	}
	return ts
}

// sortedFiles returns the content files, sorted.
func (t *targets) sortedFiles() []string {
	t.filesOnce.Do(func() { t.files = slices.Sorted(maps.Keys(t.byFile)) })
	return t.files
}

// has reports whether o is one of the Outputs.
func (t *targets) has(o string) bool {
	if t.outputs[o] {
		return true
	}
	f, ok := t.fileAt(o)
	return ok && !t.unlisted[f]
}

// pageOutputs returns the output paths of the content pages among the
// Outputs, made once a Checker, for the suggestions of broken links; c.mu
// is held.
func (c *Checker) pageOutputs() map[string]bool {
	if c.pageOuts == nil {
		c.pageOuts = make(map[string]bool, len(c.t.byURL))
		for u, f := range c.t.byURL {
			if !c.t.unlisted[f] {
				c.pageOuts[render.OutputPath(u)] = true
			}
		}
	}
	return c.pageOuts
}

// fileAt returns the content file whose page is the output path out:
// the page whose URL has out as its render.OutputPath.
func (t *targets) fileAt(out string) (string, bool) {
	var buf [256]byte
	u := append(append(buf[:0], '/'), out...)
	if dir, ok := strings.CutSuffix(out, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
		// "/a/" or "/a/index.html"
		if f, ok := t.byURL[string(u[:1+len(dir)])]; ok {
			return f, true
		}
	}
	f, ok := t.byURL[string(u)]
	return f, ok
}

// targetsKey identifies t and warn: the outputs and the pages as sets,
// whatever their order.
func targetsKey(t Targets, warn bool) uint64 {
	var outputs, pages uint64 // sums: the same in any order
	for _, o := range t.Outputs {
		outputs += keys.String(o)
	}
	for _, p := range t.Pages {
		pages += keys.New().Str(p.File).Str(p.URL).Bool(p.Written).Sum()
	}
	return keys.New().Bool(warn).Int(len(t.Outputs)).U64(outputs).Int(len(t.Pages)).U64(pages).Sum()
}

// Check checks the links of one content file, listed in Targets.Pages.
// It keeps the problems found, and of the links only those that wait on
// other files: a #anchor, or a path not among the outputs yet.
func (c *Checker) Check(s Source) {
	// Every entry was made under these targets (a Cache lets its entries
	// go when they change): one of this file and version holds, at the
	// URL the targets give the file.
	c.mu.Lock()
	if e, ok := c.entries[s.File]; ok && e.version == s.Version {
		if e.gen != c.gen { // (without a Cache, the file was checked twice)
			e.gen = c.gen
			c.entries[s.File] = e
			c.checked++
		}
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	u, ok := c.t.byFile[s.File]
	if !ok {
		panic(fmt.Sprintf("linkcheck: Check of %s, which Targets.Pages does not list", s.File))
	}
	e := c.t.check(s, u, c.warn)
	e.gen = c.gen
	c.mu.Lock()
	if old, ok := c.entries[s.File]; !ok || old.gen != c.gen {
		c.checked++
	}
	c.entries[s.File] = e
	c.made = append(c.made, s.File)
	c.mu.Unlock()
}

// Publish adds output paths made after the checks began (such as data
// files made from every story). Links to them are found by Problems.
func (c *Checker) Publish(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.late == nil {
		c.late = map[string]bool{}
	}
	for _, p := range paths {
		c.late[p] = true
	}
}

// Problems settles the links that waited on other files and returns every
// problem found, sorted by file, line and column. With a Cache, it lets go
// of the files this build did not check.
func (c *Checker) Problems() diag.List {
	c.mu.Lock()
	defer c.mu.Unlock()
	changed := c.made // the files whose anchors may have changed
	if c.checked != len(c.entries) {
		for file, e := range c.entries {
			if e.gen != c.gen {
				delete(c.entries, file) // not checked by this build
				changed = append(changed, file)
			}
		}
	}
	same := func(string) bool { return false }
	if c.kept {
		same = func(file string) bool { return !slices.Contains(changed, file) }
		if len(changed) > 16 {
			set := make(map[string]bool, len(changed))
			for _, f := range changed {
				set[f] = true
			}
			same = func(file string) bool { return !set[file] }
		}
	}
	var probs diag.List
	to := reporter{&probs, c.warn}
	has := func(o string) bool { return c.t.has(o) || c.late[o] }
	for _, e := range c.entries {
		probs = append(probs, e.probs...)
		for i := range e.pending {
			p := &e.pending[i]
			if p.settled && same(p.file) {
				if p.verdict != nil {
					probs = append(probs, p.verdict)
				}
				continue
			}
			n := len(probs)
			c.settle(to, *p, has)
			if p.p == "" { // an anchor: kept for the next build
				p.settled, p.verdict = true, nil
				if len(probs) > n {
					p.verdict = probs[n]
				}
			}
		}
	}
	if c.cache != nil {
		c.cache.settled = c.gen
	}
	probs.Sort()
	return probs
}

// settle reports p if it names nothing: a path still not among the
// outputs, or an anchor that is not a heading of the page it names.
func (c *Checker) settle(to reporter, p pending, has func(string) bool) {
	field := "link"
	if p.image {
		field = "image"
	}
	file := p.file
	if p.p != "" {
		out, ok := resolve(p.p, has)
		if !ok {
			what := diag.M("what-page")
			if p.image {
				what = diag.M("what-image")
			} else if path.Ext(strings.TrimSuffix(p.p, "/")) != "" {
				what = diag.M("what-file")
			}
			shown := strings.TrimSuffix(p.p, "index.html")
			if near := suggestPage(out, c.t.outputs, c.pageOutputs(), c.late); near != "" {
				to.report(p.pos, field, "link-missing-suggest", p.dest, what, shown, near)
			} else {
				to.report(p.pos, field, "link-missing", p.dest, what, shown)
			}
			return
		}
		file, _ = c.t.fileAt(out)
	}
	// The headings of the page, if it is a content page checked in this
	// build.
	if target, ok := c.entries[file]; p.frag != "" && ok && target.gen == c.gen {
		to.anchor(p.pos, field, p.dest, p.frag, target.ids)
	}
}

// anchor reports a link to #frag on a page whose headings are ids, unless
// frag is one of them.
func (to reporter) anchor(pos diag.Pos, field, dest, frag string, ids idList) {
	if ids.has(frag) {
		return
	}
	if near := diag.Suggest(frag, ids.list()); near != "" {
		to.report(pos, field, "link-anchor-suggest", dest, frag, near)
	} else {
		to.report(pos, field, "link-anchor", dest, frag)
	}
}

// reporter adds problems to a list: with warn, a broken link is a
// warning; a missing picture is an error whatever broken_links says.
type reporter struct {
	probs *diag.List
	warn  bool
}

func (to reporter) report(pos diag.Pos, field, code string, args ...any) {
	if to.warn && field == "link" {
		to.probs.Warn(pos, field, code, args...)
	} else {
		to.probs.Report(pos, field, code, args...)
	}
}

// check makes s's entry: it resolves each internal link of s, on the page
// at pageURL, against t.
func (t *targets) check(s Source, pageURL string, warn bool) entry {
	e := entry{version: s.Version, ids: makeIDList(s.Headings)}
	to := reporter{&e.probs, warn}
	for _, l := range s.Links {
		dest := l.Dest
		target, frag, ok := Target(dest)
		if !ok {
			continue
		}
		pos := diag.Pos{File: s.File, Line: s.BodyLine + l.Line - 1, Col: l.Col}
		field := "link"
		if l.Image {
			field = "image"
		}
		if strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") {
			frag = "" // footnotes: not headings
		}
		var out string
		switch {
		case target == "":
			out = render.OutputPath(pageURL)
		case strings.HasSuffix(target, ".md"):
			file := path.Clean(path.Join(path.Dir(s.File), target))
			if strings.HasPrefix(target, "/") {
				file = path.Clean("content" + target)
			}
			u, ok := t.byFile[file]
			if !ok {
				if near := suggestFile(file, t.sortedFiles()); near != "" {
					to.report(pos, field, "link-md-missing-suggest", dest, file, near)
				} else {
					to.report(pos, field, "link-md-missing", dest, file)
				}
				continue
			}
			out = render.OutputPath(u)
		default:
			sp := target
			if !strings.HasPrefix(sp, "/") {
				sp = path.Join(pageURL, sp)
				if strings.HasSuffix(target, "/") {
					sp += "/"
				}
			}
			var ok bool
			if out, ok = resolve(sp, t.has); !ok {
				// Perhaps published later; else Problems reports it.
				e.pending = append(e.pending, pending{pos: pos, image: l.Image, dest: dest, p: sp, frag: frag})
				continue
			}
		}
		file, ok := t.fileAt(out)
		switch {
		case frag == "" || !ok: // no anchor, or not a content page: its headings are not known
		case file == s.File:
			to.anchor(pos, field, dest, frag, e.ids)
		default: // settled once that file is checked too
			e.pending = append(e.pending, pending{pos: pos, image: l.Image, dest: dest, file: file, frag: frag})
		}
	}
	return e
}

// Target reads a link's destination as the site does: the path before any
// ?query or #fragment, percent-decoded ("" for the page itself), and the
// fragment. ok is false for an empty or external destination, which is
// not the site's.
func Target(dest string) (target, frag string, ok bool) {
	if dest == "" || IsExternal(dest) {
		return "", "", false
	}
	target, frag, _ = strings.Cut(dest, "#")
	if q := strings.IndexByte(target, '?'); q >= 0 {
		target = target[:q]
	}
	if u, err := url.PathUnescape(target); err == nil {
		target = u
	}
	return target, frag, true
}

// resolve finds the output file a site path names: the file itself, or the
// folder's index.html.
func resolve(p string, has func(string) bool) (string, bool) {
	rel := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || rel == "" || rel == "." {
		if rel == "." {
			rel = ""
		}
		o := strings.TrimPrefix(rel+"/index.html", "/")
		return o, has(o)
	}
	if has(rel) {
		return rel, true
	}
	o := rel + "/index.html"
	return o, has(o)
}

// IsExternal reports whether a link's destination leaves the site: it has
// a scheme (https:, mailto:) or a host (//example.org).
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	if i := strings.IndexByte(dest, ':'); i > 0 {
		scheme := dest[:i]
		return !strings.ContainsAny(scheme, "/?#")
	}
	return false
}

// suggestFile proposes an existing content file for a missing one, by the
// name within the same folder.
func suggestFile(missing string, files []string) string {
	dir, name := path.Split(missing)
	var names []string
	for _, f := range files {
		if d, n := path.Split(f); d == dir {
			names = append(names, strings.TrimSuffix(n, ".md"))
		}
	}
	if near := diag.Suggest(strings.TrimSuffix(name, ".md"), names); near != "" {
		return dir + near + ".md"
	}
	return ""
}

// suggestPage proposes an existing page for a missing output path, among
// the pages of the same folder in any of outputs.
func suggestPage(missing string, outputs ...map[string]bool) string {
	m := strings.TrimSuffix(missing, "/index.html")
	dir, name := path.Split(m)
	var names []string
	for _, set := range outputs {
		for o := range set {
			if d, n := path.Split(strings.TrimSuffix(o, "/index.html")); d == dir && strings.HasSuffix(o, "/index.html") {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	names = slices.Compact(names)
	if near := diag.Suggest(name, names); near != "" {
		return "/" + dir + near + "/"
	}
	return ""
}
