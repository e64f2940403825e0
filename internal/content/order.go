package content

import (
	"cmp"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// placeAssets moves bundle resources beside their story's page, and records
// them on the story; drafts' resources are dropped with them.
func (c *Content) placeAssets(bundles map[string]*Story) {
	var kept map[*Story]bool // made at the first asset of a bundle
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
		if kept == nil {
			kept = make(map[*Story]bool, len(c.Stories))
			for _, s := range c.Stories {
				kept[s] = true
			}
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
	seen := make(map[string]*Story, len(c.Stories))
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
