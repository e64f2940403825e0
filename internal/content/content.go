package content

import (
	"context"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/parallel"
)

// Dir is the content folder in the site root.
const Dir = "content"

// Content is a whole content folder, loaded and validated.
type Content struct {
	Home    *Page     // nil when there is no content/_index.md
	Stories []*Story  // newest first, then by weight and title
	Reports []*Report // by year, newest first
	Pages   []*Page
	Assets  []Asset
	// StoriesIndex is content/stories/_index.md, the story list's intro.
	StoriesIndex *Page
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
}

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
	err = parallel.Do(ctx, len(todo), func(_ context.Context, k int) error {
		i := todo[k]
		r := &result{}
		if err := loadFile(fsys, cfg, opts, jobs[i], r); err != nil {
			return err
		}
		results[i] = r
		if opts.Cache != nil {
			opts.Cache.put(jobs[i].file, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if opts.Cache != nil && opts.Cache.size() != len(jobs) {
		// (Every job's file is in the cache now: as many files as jobs
		// are the jobs' files, and none is to go.)
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
			// A story outside a bundle has none: the copy the last Load
			// gave of the same result is the one giveAgain gives.
			st := r.given
			if st == nil || r.story.Bundle != "" {
				cp := *r.story
				st = &cp
			}
			if keep(st.Draft, st.Date, opts) {
				c.Stories = append(c.Stories, st)
				from = append(from, r)
			} else {
				c.LeftOut.add(st, opts.Drafts)
			}
			if st.Bundle != "" {
				bundles[st.Bundle] = st
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
