package content

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unique"

	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/meta"
)

// Dir is the content folder in the site root.
const Dir = "content"

// Source is what every content file has: where it came from and its body.
type Source struct {
	File     string // slash path relative to the site root, e.g. content/stories/a.md
	Body     []byte // Markdown after the front matter
	BodyLine int    // the file line on which Body starts
	// FrontLine is the front matter's first line: where a key it lacks is
	// reported.
	FrontLine int
	// Version identifies the file's bytes (a hash): equal versions of one
	// file render the same.
	Version uint64
}

// Story is one project story.
type Story struct {
	Source
	Bundle       string   // the bundle folder (content/stories/SLUG) or ""
	Resources    []string // files beside a bundle's index.md, relative to the bundle
	Title        string
	Slug         string
	Date         time.Time // zero if not given
	Year         int       // 0 if neither year nor date is given
	Leads        []string
	Neighborhood string
	Project      string
	Track        string
	Award        string
	Tags         []string
	Summary      string
	Cover        string
	CoverAlt     string
	Draft        bool
	Weight       int
	Metrics      map[string]float64
	Params       map[string]any
	// Lines gives, for each front-matter key (and each metrics.KEY), the
	// file line it was set on, for problems found later (a facet value
	// clashing with another, a figure that looks like a typo).
	Lines KeyLines
}

// KeyLines are the keys of a story's front matter with the lines they
// were set on, in the order written. A site of 100,000 stories holds
// them all; a map per story cost more than the rest of its front matter.
type KeyLines []KeyLine

// KeyLine is one key of KeyLines.
type KeyLine struct {
	Key  string // shared between stories (see intern)
	Line int32
}

// Line returns the line key was set on, or 0 if it was not set. (A key
// written twice, which the decoder refuses, would give its last line.)
func (l KeyLines) Line(key string) int {
	for i := len(l) - 1; i >= 0; i-- {
		if l[i].Key == key {
			return int(l[i].Line)
		}
	}
	return 0
}

// Report is the yearly report of content/reports/YEAR.md.
type Report struct {
	Source
	Title         string
	Year          int
	Date          time.Time
	Summary       string
	Draft         bool
	Reported      map[string]float64 // organiser-stated totals
	ReportedOrder []string           // keys in the order written
}

// Page is a standalone page, or the home page text (content/_index.md).
type Page struct {
	Source
	Path    string // URL path without slashes: "about", "projects/x"; "" for the home page
	Title   string
	Date    time.Time
	Summary string
	Draft   bool
	Weight  int
	Params  map[string]any
}

// Asset is a non-Markdown file under content/ (bundle resources included),
// copied to the output at Dest.
type Asset struct {
	File string // source, relative to the site root
	Dest string // output path, slash-separated, no leading slash
}

// Content is a whole content folder, loaded and validated.
type Content struct {
	Home    *Page     // nil when there is no content/_index.md
	Stories []*Story  // newest first, then by weight and title
	Reports []*Report // by year, newest first
	Pages   []*Page
	Assets  []Asset
	// StoriesIndex is content/stories/_index.md, the story list's intro.
	StoriesIndex *Page
	// StoryBytes is the size of every story's body read by Load (with
	// a Cache, of those read anew) together. When it is (or, early in
	// the load, looked to be: see Options.BodyBudget) more than
	// Options.BodyBudget, stories come without Body (ReadBody reads it)
	// and BodiesDropped is true.
	StoryBytes    int
	BodiesDropped bool
	// LeftOut counts the stories left out as drafts or as dated in the
	// future (see Options).
	LeftOut LeftOut
}

// Options choose what is left out.
type Options struct {
	Drafts bool      // include drafts
	Future bool      // include stories dated after Now
	Now    time.Time // zero: time.Now()
	// Location for dates given without a zone; nil: Asia/Shanghai if known, else UTC.
	Location *time.Location
	// Cache, if set, keeps every file's result between loads: a file is
	// read again only when Stale reports it (or it is new). The caller
	// drops the cache when showcase.yaml changes.
	Cache *Cache
	Stale func(file string) bool
	// Changed, with Cache, lists the paths changed since the last Load
	// (files or folders, slash-separated from the site root), so that only
	// those are listed again instead of walking all of content/.
	Changed func() []string
	// BodyBudget, if more than 0, is the most story bodies Load holds in
	// memory: past it, it keeps none (a site of 100,000 stories need not
	// hold a gigabyte of Markdown at once). Load does not wait to get
	// there: once it has read a few hundred stories whose bodies, in
	// proportion to every story file, come to more than the budget, it
	// keeps none from then on and lets go of those it kept.
	BodyBudget int
}

// Cache holds loaded files between Loads, for serve. Safe for concurrent
// use. Results are shared between loads and must not be changed.
type Cache struct {
	mu      sync.Mutex // guards files, listing, loads and ranks, and the results' ranks
	files   map[string]*result
	listing []listed // content/ as last listed, sorted; nil: not yet
	loads   int      // Loads that ranked their stories
	ranks   int      // how many stories the last Load ranked
}

// listed is one file found under content/.
type listed struct {
	path    string
	symlink bool
}

// Ignored reports the files that are never part of a site: hidden files
// and folders, and what editors write beside the real file while saving
// (vim's 4913 probe, swap and backup files, emacs lock and auto-save
// files, JetBrains' safe-write temporaries). The loader, the static copy,
// the theme and serve's watcher all ask this one question, so a build that
// runs during a save never publishes an editor's temporary file.
func Ignored(name string) bool {
	switch {
	case name == "4913",
		strings.HasPrefix(name, "."), // .swp, .#lock, .DS_Store, .git
		strings.HasPrefix(name, "#"), // #autosave#
		strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"),
		strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".crdownload"):
		return true
	}
	return false
}

// list walks dir for files, skipping hidden ones and not following
// symbolic links. A missing dir lists nothing.
func list(fsys fs.FS, dir string) ([]listed, error) {
	var out []listed
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		if p != Dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			out = append(out, listed{path: p, symlink: true})
			return nil
		}
		if !d.IsDir() {
			out = append(out, listed{path: p})
		}
		return nil
	})
	return out, err
}

func (c *Cache) setListing(l []listed) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listing = l
}

// relist updates the last listing for the changed paths: each one is
// dropped with everything under it, then listed again if it still exists.
func (c *Cache) relist(fsys fs.FS, changed []string) ([]listed, error) {
	c.mu.Lock()
	old := c.listing
	c.mu.Unlock()
	var dirty []string
	for _, p := range changed {
		if p == Dir || strings.HasPrefix(p, Dir+"/") {
			dirty = append(dirty, p)
		}
	}
	if len(dirty) == 0 {
		return old, nil
	}
	under := func(f string) bool {
		for _, p := range dirty {
			if f == p || strings.HasPrefix(f, p+"/") {
				return true
			}
		}
		return false
	}
	out := make([]listed, 0, len(old)+len(dirty))
	for _, f := range old {
		if !under(f.path) {
			out = append(out, f)
		}
	}
	// The files listed again are merged into the sorted rest, in one pass;
	// a path named twice (a folder and a file in it) is listed once.
	var added []listed
	for _, p := range dirty {
		if hiddenPath(p) {
			continue
		}
		more, err := list(fsys, p)
		if err != nil {
			return nil, err
		}
		added = append(added, more...)
	}
	slices.SortFunc(added, func(a, b listed) int { return strings.Compare(a.path, b.path) })
	merged := make([]listed, 0, len(out)+len(added))
	for len(out) > 0 || len(added) > 0 {
		var f listed
		if len(added) == 0 || len(out) > 0 && out[0].path <= added[0].path {
			f, out = out[0], out[1:]
		} else {
			f, added = added[0], added[1:]
		}
		if n := len(merged); n == 0 || merged[n-1].path != f.path {
			merged = append(merged, f)
		}
	}
	return merged, nil
}

// hiddenPath reports whether any part of p below content/ is hidden.
func hiddenPath(p string) bool {
	for _, part := range strings.Split(strings.TrimPrefix(p, Dir+"/"), "/") {
		if Ignored(part) {
			return true
		}
	}
	return false
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*result{}} }

func (c *Cache) get(file string) *result {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[file]
}

func (c *Cache) put(file string, r *result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[file] = r
}

// retain drops the files not in keep (deleted since).
func (c *Cache) retain(keep map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for f := range c.files {
		if !keep[f] {
			delete(c.files, f)
		}
	}
}

var storyKeys = []string{"title", "slug", "date", "year", "leads", "neighborhood", "project", "track", "award", "tags", "summary", "cover", "cover_alt", "draft", "weight", "metrics", "params"}
var reportKeys = []string{"title", "year", "date", "summary", "draft", "reported"}
var pageKeys = []string{"title", "slug", "date", "summary", "draft", "weight", "params"}

// maxFileSize bounds one content file; larger ones are refused, not read.
const maxFileSize = 20 << 20

type fileKind int

const (
	kindStory fileKind = iota
	kindReport
	kindPage
	kindHome
	kindStoriesIndex
)

type job struct {
	file   string
	kind   fileKind
	bundle string
}

type result struct {
	story  *Story
	report *Report
	page   *Page
	probs  diag.List
	// rank is the story's place in the last Load's order, valid while
	// ranked is that Load's Cache.loads (see sortStories).
	rank, ranked int
	// given is the copy of story the last Load gave (see giveAgain).
	given *Story
}

// Load reads and validates every content file of the site in fsys (rooted
// at the site root). Content problems come back together as a diag list
// error, with whatever loaded; an I/O error stops the load.
func Load(ctx context.Context, fsys fs.FS, cfg *config.Config, opts Options) (*Content, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Location == nil {
		opts.Location = defaultLocation()
	}
	c := &Content{}
	var jobs []job
	var probs diag.List
	var files []listed
	var err error
	if opts.Cache != nil && opts.Cache.listing != nil && opts.Changed != nil {
		files, err = opts.Cache.relist(fsys, opts.Changed())
	} else {
		files, err = list(fsys, Dir)
		sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	}
	if err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		opts.Cache.setListing(files)
	}
	for _, f := range files {
		p := f.path
		if f.symlink {
			probs.Warn(diag.Pos{File: p}, "", "symlink-content")
			continue
		}
		name := path.Base(p)
		rel := strings.TrimPrefix(p, Dir+"/")
		if path.Ext(name) != ".md" {
			// Published only if a page links to it, and of a safe kind:
			// the build decides (its gate, and KindOf).
			c.Assets = append(c.Assets, Asset{File: p, Dest: rel})
			continue
		}
		j := job{file: p, kind: kindPage}
		switch dir := path.Dir(rel); {
		case rel == "_index.md":
			j.kind = kindHome
		case rel == "stories/_index.md":
			j.kind = kindStoriesIndex
		case dir == "stories":
			j.kind = kindStory
		case name == "index.md" && path.Dir(dir) == "stories":
			j.kind, j.bundle = kindStory, Dir+"/"+dir
		case dir == "reports":
			j.kind = kindReport
		}
		jobs = append(jobs, j)
	}

	results := make([]*result, len(jobs))
	var todo []int // jobs not in the cache
	for i, j := range jobs {
		if opts.Cache != nil && (opts.Stale == nil || !opts.Stale(j.file)) {
			if r := opts.Cache.get(j.file); r != nil {
				results[i] = r
				continue
			}
		}
		todo = append(todo, i)
	}
	// A few workers take the files in turn, rather than a goroutine per
	// file: each new goroutine would grow its stack again for the decoders.
	var next, storyBytes atomic.Int64
	bodies := bodyBudget{max: int64(opts.BodyBudget)}
	for _, i := range todo {
		if jobs[i].kind == kindStory {
			bodies.files++
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		g.Go(func() error {
			for {
				k := int(next.Add(1)) - 1
				if k >= len(todo) {
					return nil
				}
				if err := gctx.Err(); err != nil {
					return err
				}
				i := todo[k]
				r := &result{}
				if err := loadFile(fsys, cfg, opts, jobs[i], r); err != nil {
					return err
				}
				if r.story != nil {
					storyBytes.Add(int64(len(r.story.Body)))
					bodies.hold(r.story)
				}
				results[i] = r
				if opts.Cache != nil {
					opts.Cache.put(jobs[i].file, r)
				}
			}
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if opts.Cache != nil {
		keep := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			keep[j.file] = true
		}
		opts.Cache.retain(keep)
	}

	bundles := map[string]*Story{}
	var from []*result // the result each of c.Stories came from
	// stories/X.md beside the bundle stories/X/ is what a save that turned
	// a story into a bundle leaves when it is killed between its two steps
	// (the folder renamed in, the file not yet removed): the bundle, which
	// holds the save, is the story; X.md is left out with a warning, so
	// that builds go on until someone deletes it.
	bundleDirs := map[string]bool{}
	for _, j := range jobs {
		if j.kind == kindStory && j.bundle != "" {
			bundleDirs[j.bundle] = true
		}
	}
	for i, r := range results {
		if j := jobs[i]; j.kind == kindStory && j.bundle == "" && bundleDirs[strings.TrimSuffix(j.file, ".md")] {
			probs.Warn(diag.Pos{File: j.file}, "", "story-beside-bundle", strings.TrimSuffix(j.file, ".md")+"/index.md")
			continue
		}
		probs.Merge(r.probs)
		switch {
		case r.story != nil:
			// A copy: a cached result is shared with earlier loads, whose
			// sites may still be in use, and placeAssets sets Resources.
			st := *r.story
			if keep(st.Draft, st.Date, opts) {
				c.Stories = append(c.Stories, &st)
				from = append(from, r)
			} else {
				c.LeftOut.add(&st, opts.Drafts)
			}
			if st.Bundle != "" {
				bundles[st.Bundle] = &st
			}
		case r.report != nil:
			if keep(r.report.Draft, time.Time{}, opts) {
				c.Reports = append(c.Reports, r.report)
			}
		case r.page != nil:
			switch jobs[i].kind {
			case kindHome:
				c.Home = r.page
			case kindStoriesIndex:
				c.StoriesIndex = r.page
			default:
				if keep(r.page.Draft, r.page.Date, opts) {
					c.Pages = append(c.Pages, r.page)
				}
			}
		}
	}
	c.StoryBytes = int(storyBytes.Load())
	if opts.BodyBudget > 0 && (c.StoryBytes > opts.BodyBudget || bodies.dropped) {
		for _, st := range c.Stories {
			st.Body = nil
		}
		c.BodiesDropped = true
	}
	c.placeAssets(bundles)
	if opts.Cache != nil {
		giveAgain(c.Stories, from)
	}
	c.checkDuplicates(&probs)
	c.sortStories(opts.Cache, from)
	c.sort()
	probs.Sort()
	if err := probs.Err(); err != nil {
		return c, err
	}
	if w := probs.Warnings(); len(w) > 0 {
		return c, &Warnings{List: w}
	}
	return c, nil
}

// giveAgain gives, for each story that is the same as the last Load gave
// (from the same cached file, with the same resources), the Story given
// then, so that a story that did not change is the same pointer from
// load to load, and what serve worked out from it holds (see
// site.Input.Previous). from[i] is the result stories[i] was copied from.
func giveAgain(stories []*Story, from []*result) {
	for i, st := range stories {
		r := from[i]
		if r.given != nil && slices.Equal(r.given.Resources, st.Resources) {
			stories[i] = r.given
			continue
		}
		r.given = st
	}
}

// bodyBudget holds story bodies while they add up to at most max bytes,
// and, after budgetSample of them, while they look like adding up to
// at most max bytes over all the story files; past that it lets go of all
// of them, those it held included. A large site's load then holds a few
// hundred stories' Markdown, not max bytes of it. (Guessing wrong only
// makes a site just under the budget load its bodies again.) Safe for
// concurrent use.
type bodyBudget struct {
	max     int64 // 0: no limit
	files   int64 // story files to read
	mu      sync.Mutex
	n, read int64 // bytes and bodies held so far
	held    []*Story
	dropped bool
}

// budgetSample is how many stories bodyBudget reads before it guesses.
var budgetSample int64 = 256

func (b *bodyBudget) hold(s *Story) {
	if b.max <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dropped {
		s.Body = nil
		return
	}
	b.n += int64(len(s.Body))
	b.read++
	over := b.n > b.max ||
		b.read >= budgetSample && float64(b.n)/float64(b.read)*float64(b.files) > float64(b.max)
	if !over {
		b.held = append(b.held, s)
		return
	}
	s.Body = nil
	for _, h := range b.held {
		h.Body = nil
	}
	b.held, b.dropped = nil, true
}

// Warnings is returned by Load when it found only warnings.
type Warnings struct{ List diag.List }

func (w *Warnings) Error() string { return (&diag.ListError{List: w.List}).Error() }

func keep(draft bool, date time.Time, opts Options) bool {
	if draft && !opts.Drafts {
		return false
	}
	if !date.IsZero() && date.After(opts.Now) && !opts.Future {
		return false
	}
	return true
}

func defaultLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// placeAssets moves bundle resources beside their story's page, and records
// them on the story; drafts' resources are dropped with them.
func (c *Content) placeAssets(bundles map[string]*Story) {
	kept := map[*Story]bool{}
	for _, s := range c.Stories {
		kept[s] = true
	}
	out := c.Assets[:0]
	for _, a := range c.Assets {
		dir := path.Dir(a.File)
		var s *Story
		for d := dir; d != Dir && d != "."; d = path.Dir(d) {
			if s = bundles[d]; s != nil {
				break
			}
		}
		if s == nil {
			out = append(out, a)
			continue
		}
		if !kept[s] {
			continue
		}
		rel := strings.TrimPrefix(a.File, s.Bundle+"/")
		s.Resources = append(s.Resources, rel)
		out = append(out, Asset{File: a.File, Dest: "stories/" + s.Slug + "/" + rel})
	}
	c.Assets = out
}

func (c *Content) checkDuplicates(probs *diag.List) {
	seen := map[string]*Story{}
	for _, s := range c.Stories {
		key := strings.ToLower(s.Slug)
		if o, ok := seen[key]; ok {
			a, b := o, s
			if b.File < a.File {
				a, b = b, a
			}
			probs.Report(diag.Pos{File: b.File}, "slug", "slug-duplicate", diag.Quote(s.Slug), a.File)
			continue
		}
		seen[key] = s
	}
	pages := map[string]*Page{}
	for _, p := range c.Pages {
		if o, ok := pages[p.Path]; ok {
			probs.Report(diag.Pos{File: p.File}, "slug", "page-url-duplicate", p.Path, o.File)
		}
		pages[p.Path] = p
		if top, _, _ := strings.Cut(p.Path, "/"); siteSections[top] {
			probs.Report(diag.Pos{File: p.File}, "slug", "page-url-reserved", p.Path)
		}
	}
	years := map[int]*Report{}
	for _, r := range c.Reports {
		if o, ok := years[r.Year]; ok {
			probs.Report(diag.Pos{File: r.File}, "year", "report-duplicate", o.File, r.Year)
		}
		years[r.Year] = r
	}
}

// siteSections are the top-level URL folders the site itself writes.
var siteSections = map[string]bool{
	"stories": true, "reports": true, "years": true, "neighborhoods": true, "awards": true,
	"tracks": true, "tags": true, "stats": true, "search": true, "css": true, "js": true,
}

// sortStories puts c.Stories in order; from[i] is the result c.Stories[i]
// came from. With a cache, the stories the last Load ranked keep their
// order (what they are ordered by is their file's, and those files did not
// change), so only the others are sorted, and merged in: a rebuild after
// one edit compares a few stories, not all of them.
func (c *Content) sortStories(cache *Cache, from []*result) {
	if cache == nil {
		slices.SortFunc(c.Stories, storyOrder)
		return
	}
	cache.mu.Lock()
	defer cache.mu.Unlock()
	type ranked struct {
		s *Story
		r *result
	}
	kept := make([]ranked, cache.ranks)
	var rest []ranked
	for i, s := range c.Stories {
		r := from[i]
		if r.ranked == cache.loads && cache.loads > 0 && r.rank < len(kept) && kept[r.rank].s == nil {
			kept[r.rank] = ranked{s, r}
		} else {
			rest = append(rest, ranked{s, r})
		}
	}
	slices.SortFunc(rest, func(a, b ranked) int { return storyOrder(a.s, b.s) })
	cache.loads++
	cache.ranks = len(c.Stories)
	c.Stories = c.Stories[:0]
	add := func(x ranked) {
		x.r.rank, x.r.ranked = len(c.Stories), cache.loads
		c.Stories = append(c.Stories, x.s)
	}
	for _, k := range kept {
		if k.s == nil {
			continue // gone, or changed
		}
		for len(rest) > 0 && storyOrder(rest[0].s, k.s) < 0 {
			add(rest[0])
			rest = rest[1:]
		}
		add(k)
	}
	for _, x := range rest {
		add(x)
	}
}

// storyOrder is the stories' order: StoryLess, and then by file. Two
// stories are equal under StoryLess only when their slugs are the same
// (an error); by file, as the stable sort this was left them, the order
// is total, so that an unstable sort or a merge gives it.
func storyOrder(a, b *Story) int {
	return cmp.Or(compareStories(a, b), strings.Compare(a.File, b.File))
}

func (c *Content) sort() {
	sort.SliceStable(c.Reports, func(i, j int) bool { return c.Reports[i].Year > c.Reports[j].Year })
	sort.SliceStable(c.Pages, func(i, j int) bool {
		a, b := c.Pages[i], c.Pages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Path < b.Path
	})
	sort.Slice(c.Assets, func(i, j int) bool { return c.Assets[i].Dest < c.Assets[j].Dest })
}

// StoryLess orders stories newest first: by date, then by year (a story
// may give a year without a date); then by weight (lower first), title and
// slug, so that the order is total and builds are deterministic.
func StoryLess(a, b *Story) bool { return compareStories(a, b) < 0 }

// compareStories is StoryLess as a comparison.
func compareStories(a, b *Story) int {
	if c := b.Date.Compare(a.Date); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Year, a.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
		return c
	}
	if c := strings.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	return strings.Compare(a.Slug, b.Slug)
}

func loadFile(fsys fs.FS, cfg *config.Config, opts Options, j job, r *result) error {
	pos := diag.Pos{File: j.file}
	src, size, err := readFile(fsys, j.file)
	if err != nil {
		// Whatever went wrong, the way below words it as it always has.
		if info, err := fs.Stat(fsys, j.file); err == nil {
			size = info.Size()
		}
		if size <= maxFileSize {
			src, err = fs.ReadFile(fsys, j.file)
		}
	}
	if size > maxFileSize {
		r.probs.Report(pos, "", "file-too-large", size>>20, maxFileSize>>20)
		return nil
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) { // deleted while we built
			r.probs.Report(pos, "", "file-disappeared")
			return nil
		}
		return fmt.Errorf("%s: %w", j.file, err)
	}
	// Normalizing first changes neither whether the file is UTF-8 nor the
	// line of its first invalid byte: it drops a byte-order mark and the
	// CR of CRLF, never a line feed.
	src = meta.Normalize(src)
	ver, ok := version(src)
	if !ok {
		line := 1 + strings.Count(string(src[:firstInvalid(src)]), "\n")
		r.probs.Report(diag.Pos{File: j.file, Line: line}, "", "file-not-utf8")
		return nil
	}
	block, err := meta.Split(src)
	if err != nil {
		r.probs.Report(pos, "", "as-is", err)
		if errors.Is(err, meta.ErrUnclosed) {
			r.probs[len(r.probs)-1].Pos.Line = 1
		}
		return nil
	}
	var root *meta.Node
	if block.Format == "" {
		root = &meta.Node{Kind: meta.Map, Line: 1, Col: 1}
	} else {
		root, err = meta.Decode(block.Format, block.Data, block.Line)
		if err != nil {
			var se *meta.SyntaxError
			if errors.As(err, &se) {
				r.probs.Report(diag.Pos{File: j.file, Line: se.Line, Col: se.Col}, "", "as-is", se.Msg)
				return nil
			}
			return err
		}
	}
	f := meta.Fields{File: j.file, Problems: &r.probs}
	if root.Kind != meta.Map {
		f.Report(root, "", "frontmatter-not-map", root.Describe())
		return nil
	}
	source := Source{File: j.file, Body: block.Body, BodyLine: block.BodyLine, FrontLine: max(root.Line, 1), Version: ver}
	switch j.kind {
	case kindStory:
		r.story = decodeStory(f, root, cfg, opts, source, j)
	case kindReport:
		r.report = decodeReport(f, root, cfg, opts, source)
	default:
		r.page = decodePage(f, root, opts, source, j.kind)
	}
	return nil
}

// readFile reads the file name unless it is larger than maxFileSize,
// returning its size then. It opens the file once, where fs.Stat and
// fs.ReadFile would each look its path up (with os.Root, a walk of every
// folder on the way).
func readFile(fsys fs.FS, name string) (data []byte, size int64, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if size = info.Size(); size > maxFileSize {
		return nil, size, nil
	}
	// One byte more than the size, to see the end without growing.
	data = make([]byte, 0, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, size, nil
		}
		if err != nil {
			return nil, 0, err
		}
		if len(data) == cap(data) { // the file grew
			data = append(data, 0)[:len(data)]
		}
	}
}

// version hashes a file's bytes (see internal/keys), and reports whether
// they are valid UTF-8.
func version(b []byte) (sum uint64, utf8Valid bool) {
	if !utf8.Valid(b) {
		return 0, false
	}
	return keys.Bytes(b), true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// requireTitle records a missing title at the front matter's start.
func requireTitle(f meta.Fields, root *meta.Node, title string) {
	if strings.TrimSpace(title) == "" && root.Get("title") == nil {
		line := root.Line
		if line == 0 {
			line = 1
		}
		f.Problems.Report(diag.Pos{File: f.File, Line: line}, "title", "title-missing")
	} else if n := root.Get("title"); n.Kind != meta.String || utf8.RuneCountInString(n.Str) > meta.MaxTextChars {
		// reported by Fields.String
	} else if strings.TrimSpace(title) == "" {
		f.Report(n, "title", "title-empty")
	} else if c := utf8.RuneCountInString(title); c > MaxTitleChars {
		f.Report(n, "title", "title-too-long", c, MaxTitleChars)
	}
}

// MaxTitleChars bounds a title in characters: it is written into every
// page that lists the story, and into the page's <title>. Other texts are
// bounded by meta.MaxTextChars, lists by meta.MaxListItems.
const MaxTitleChars = 200

func decodeStory(f meta.Fields, root *meta.Node, cfg *config.Config, opts Options, src Source, j job) *Story {
	n := len(root.Map)
	if m := root.Get("metrics"); m != nil {
		n += len(m.Map)
	}
	s := &Story{Source: src, Bundle: j.bundle, Lines: make(KeyLines, 0, n)}
	yearSet := false
	for _, p := range root.Map {
		v := p.Value
		k := p.Key
		s.Lines = append(s.Lines, KeyLine{intern(k), int32(p.Line)})
		switch k {
		case "title":
			s.Title, _ = f.String(v, k)
		case "slug":
			if str, ok := f.String(v, k); ok {
				str = nfc(str)
				if err := CheckSlug(str); err != nil {
					f.Report(v, k, "slug-invalid", diag.Quote(str), err)
				} else {
					s.Slug = str
				}
			}
		case "date":
			s.Date, _ = f.Date(v, k, opts.Location)
		case "year":
			if y, ok := f.Int(v, k); ok {
				if y < 1900 || y > 2200 {
					f.Report(v, k, "want-year", y)
				} else {
					s.Year, yearSet = y, true
				}
			}
		case "leads":
			s.Leads, _ = f.Strings(v, k)
			for i, l := range s.Leads {
				s.Leads[i] = intern(l)
			}
		case "neighborhood":
			s.Neighborhood = facetString(f, v, k)
		case "project":
			s.Project, _ = f.String(v, k)
		case "track":
			s.Track = facetString(f, v, k)
		case "award":
			s.Award = facetString(f, v, k)
		case "tags":
			if tags, ok := f.Strings(v, k); ok {
				for _, t := range tags {
					if t = facetValue(f, v, k, strings.TrimSpace(t)); t != "" {
						s.Tags = append(s.Tags, intern(t))
					}
				}
			}
		case "summary":
			s.Summary, _ = f.String(v, k)
		case "cover":
			if str, ok := f.String(v, k); ok {
				s.Cover = str
				if strings.Contains(str, "..") || strings.HasPrefix(str, "//") || strings.Contains(str, ":") || strings.ContainsAny(str, "\\<>\"'") {
					f.Report(v, k, "want-image-path", diag.Quote(str))
				}
			}
		case "cover_alt":
			s.CoverAlt, _ = f.String(v, k)
		case "draft":
			s.Draft, _ = f.Bool(v, k)
		case "weight":
			s.Weight, _ = f.Int(v, k)
		case "metrics":
			s.Metrics = decodeMetrics(f, v, cfg, "metrics")
			for _, m := range v.Map {
				s.Lines = append(s.Lines, KeyLine{intern("metrics." + m.Key), int32(m.Line)})
			}
		case "params":
			s.Params = decodeParams(f, v)
		default:
			if _, isMetric := cfg.Metric(p.Key); isMetric {
				// The commonest indentation slip: a metric under metrics:
				// written without its two spaces.
				f.Problems.Report(diag.Pos{File: f.File, Line: p.Line, Col: p.Col}, p.Key, "metric-unindented", p.Key)
				continue
			}
			f.Unknown(p, "", storyKeys)
		}
	}
	requireTitle(f, root, s.Title)
	if s.Slug == "" {
		name := path.Base(src.File)
		if j.bundle != "" {
			name = path.Base(j.bundle)
		} else {
			name = strings.TrimSuffix(name, ".md")
		}
		name = nfc(name) // a Mac may spell file names decomposed (NFD)
		s.Slug = defaultSlug(name)
		if err := CheckSlug(s.Slug); err != nil {
			f.Problems.Report(diag.Pos{File: src.File}, "slug", "slug-file-name", diag.Quote(name), err)
		}
	}
	if !yearSet && !s.Date.IsZero() {
		s.Year = s.Date.Year()
	}
	if s.Cover != "" && s.CoverAlt == "" {
		f.Problems.Warn(diag.Pos{File: src.File, Line: root.Get("cover").Line, Col: root.Get("cover").Col}, "cover_alt", "cover-no-alt")
	}
	return s
}

// facetString reads a facet value: text, trimmed, inner spaces collapsed.
func facetString(f meta.Fields, v *meta.Node, k string) string {
	s, ok := f.String(v, k)
	if !ok {
		return ""
	}
	return intern(facetValue(f, v, k, strings.TrimSpace(s)))
}

// intern returns s, sharing the bytes of every equal string interned: a
// facet value, a lead's name or a front-matter key is written in many
// stories, and a large site would otherwise hold a copy per story.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

func decodeMetrics(f meta.Fields, v *meta.Node, cfg *config.Config, field string) map[string]float64 {
	out, _ := decodeMetricsOrdered(f, v, cfg, field)
	return out
}

func decodeMetricsOrdered(f meta.Fields, v *meta.Node, cfg *config.Config, field string) (map[string]float64, []string) {
	if v.Kind == meta.Null {
		return nil, nil
	}
	if v.Kind != meta.Map {
		f.Report(v, field, "want-metrics-map", v.Describe())
		return nil, nil
	}
	out := make(map[string]float64, len(v.Map))
	var order []string
	declared := cfg.MetricKeys()
	for _, p := range v.Map {
		name := field + "." + p.Key
		if cfg.Declared() {
			if _, ok := cfg.Metric(p.Key); !ok {
				pos := diag.Pos{File: f.File, Line: p.Line, Col: p.Col}
				if near := diag.Nearest(p.Key, declared); near != "" {
					f.Problems.Report(pos, name, "metric-undeclared-suggest", near)
				} else {
					f.Problems.Report(pos, name, "metric-undeclared", diag.Words(declared))
				}
				continue
			}
			if m, _ := cfg.Metric(p.Key); m.Programme() && field == "metrics" {
				f.Problems.Report(diag.Pos{File: f.File, Line: p.Line, Col: p.Col}, name, "metric-programme-in-story")
				continue
			}
		}
		if p.Value.Kind == meta.Null {
			continue // written but left empty: not reported
		}
		if n, ok := f.Metric(p.Value, name); ok {
			k := intern(p.Key)
			out[k] = n
			order = append(order, k)
		}
	}
	return out, order
}

// decodeParams converts free-form params into plain Go values for templates.
func decodeParams(f meta.Fields, v *meta.Node) map[string]any {
	if v.Kind != meta.Map {
		f.Report(v, "params", "want-map", v.Describe())
		return nil
	}
	if !checkTexts(f, v, "params") {
		return nil
	}
	m, _ := plain(v).(map[string]any)
	return m
}

// checkTexts reports every string under n longer than meta.MaxTextChars.
func checkTexts(f meta.Fields, n *meta.Node, field string) bool {
	switch n.Kind {
	case meta.String:
		return f.CheckText(n, field)
	case meta.List:
		ok := true
		for _, e := range n.List {
			ok = checkTexts(f, e, field) && ok
		}
		return ok
	case meta.Map:
		ok := true
		for _, p := range n.Map {
			ok = checkTexts(f, p.Value, field+"."+p.Key) && ok
		}
		return ok
	}
	return true
}

func plain(n *meta.Node) any {
	switch n.Kind {
	case meta.Bool:
		return n.Bool
	case meta.Int:
		return int64(n.Num)
	case meta.Float:
		return n.Num
	case meta.String, meta.Time:
		return n.Str
	case meta.List:
		out := make([]any, len(n.List))
		for i, e := range n.List {
			out[i] = plain(e)
		}
		return out
	case meta.Map:
		out := make(map[string]any, len(n.Map))
		for _, p := range n.Map {
			out[p.Key] = plain(p.Value)
		}
		return out
	}
	return nil
}

func decodeReport(f meta.Fields, root *meta.Node, cfg *config.Config, opts Options, src Source) *Report {
	r := &Report{Source: src}
	for _, p := range root.Map {
		v, k := p.Value, p.Key
		switch k {
		case "title":
			r.Title, _ = f.String(v, k)
		case "year":
			if y, ok := f.Int(v, k); ok {
				if y < 1900 || y > 2200 {
					f.Report(v, k, "want-year", y)
				} else {
					r.Year = y
				}
			}
		case "date":
			r.Date, _ = f.Date(v, k, opts.Location)
		case "summary":
			r.Summary, _ = f.String(v, k)
		case "draft":
			r.Draft, _ = f.Bool(v, k)
		case "reported":
			r.Reported, r.ReportedOrder = decodeMetricsOrdered(f, v, cfg, "reported")
		default:
			f.Unknown(p, "", reportKeys)
		}
	}
	requireTitle(f, root, r.Title)
	if root.Get("year") == nil {
		f.Problems.Report(diag.Pos{File: f.File, Line: max(root.Line, 1)}, "year", "report-year-missing")
	}
	if name := strings.TrimSuffix(path.Base(src.File), ".md"); r.Year != 0 && name != strconv.Itoa(r.Year) {
		f.Problems.Report(diag.Pos{File: f.File}, "year", "report-year-file", r.Year, r.Year)
	}
	return r
}

func decodePage(f meta.Fields, root *meta.Node, opts Options, src Source, kind fileKind) *Page {
	p := &Page{Source: src}
	slug := ""
	for _, e := range root.Map {
		v, k := e.Value, e.Key
		switch k {
		case "title":
			p.Title, _ = f.String(v, k)
		case "slug":
			if s, ok := f.String(v, k); ok {
				s = nfc(s)
				if err := CheckSlug(s); err != nil {
					f.Report(v, k, "slug-invalid", diag.Quote(s), err)
				} else {
					slug = s
				}
			}
		case "date":
			p.Date, _ = f.Date(v, k, opts.Location)
		case "summary":
			p.Summary, _ = f.String(v, k)
		case "draft":
			p.Draft, _ = f.Bool(v, k)
		case "weight":
			p.Weight, _ = f.Int(v, k)
		case "params":
			p.Params = decodeParams(f, v)
		default:
			f.Unknown(e, "", pageKeys)
		}
	}
	if kind == kindPage {
		requireTitle(f, root, p.Title)
		rel := nfc(strings.TrimSuffix(strings.TrimPrefix(src.File, Dir+"/"), ".md"))
		if path.Base(rel) == "index" || path.Base(rel) == "_index" {
			rel = path.Dir(rel)
		}
		if slug != "" {
			rel = path.Join(path.Dir(rel), slug)
		}
		for _, part := range strings.Split(rel, "/") {
			if err := CheckSlug(defaultSlug(part)); err != nil && slug == "" {
				f.Problems.Report(diag.Pos{File: src.File}, "slug", "slug-file-name", diag.Quote(part), err)
			}
		}
		p.Path = strings.Trim(defaultSlug(rel), "/")
	}
	return p
}
