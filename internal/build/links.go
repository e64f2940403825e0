package build

import (
	"maps"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// linkSource is a content file whose Markdown links are checked.
type linkSource struct {
	file     string // content/stories/a.md
	bodyLine int
	url      string // the page it becomes, e.g. /stories/a/
	version  uint64 // of the file (see content.Source)
	links    []markdown.Link
	toc      []markdown.Heading
}

// linkTargets is what internal links may point at.
type linkTargets struct {
	outputs map[string]bool     // every output path: stories/a/index.html, css/style.css
	anchors map[string][]string // output path -> heading IDs of that page
	byFile  map[string]string   // content file -> its page URL
	files   []string            // byFile's files, sorted
}

// check reports every internal link and image in s's Markdown that points
// at nothing: a missing page, file or #anchor, or a .md file that does not
// exist (naming the file it expected, and the nearest that does). With
// warn, a broken link is a warning; a missing picture is always an error.
func (t *linkTargets) check(s linkSource, warn bool) diag.List {
	var probs diag.List
	report := func(pos diag.Pos, field, code string, args ...any) {
		if warn && field == "link" { // a missing picture is an error whatever broken_links says
			probs.Warn(pos, field, code, args...)
		} else {
			probs.Report(pos, field, code, args...)
		}
	}
	for _, l := range s.links {
		pos := diag.Pos{File: s.file, Line: s.bodyLine + l.Line - 1, Col: l.Col}
		field := "link"
		if l.Image {
			field = "image"
		}
		dest := l.Dest
		if dest == "" || isExternal(dest) {
			continue
		}
		target, frag, _ := strings.Cut(dest, "#")
		if q := strings.IndexByte(target, '?'); q >= 0 {
			target = target[:q]
		}
		if u, err := url.PathUnescape(target); err == nil {
			target = u
		}
		var out string
		switch {
		case target == "":
			out = render.OutputPath(s.url)
		case strings.HasSuffix(target, ".md"):
			file := path.Clean(path.Join(path.Dir(s.file), target))
			if strings.HasPrefix(target, "/") {
				file = path.Clean("content" + target)
			}
			u, ok := t.byFile[file]
			if !ok {
				if near := suggestFile(file, t.files); near != "" {
					report(pos, field, "link-md-missing-suggest", dest, file, near)
				} else {
					report(pos, field, "link-md-missing", dest, file)
				}
				continue
			}
			out = render.OutputPath(u)
		default:
			p := target
			if !strings.HasPrefix(p, "/") {
				p = path.Join(s.url, p)
				if strings.HasSuffix(target, "/") {
					p += "/"
				}
			}
			var ok bool
			if out, ok = resolve(p, t.outputs); !ok {
				what := diag.M("what-page")
				if l.Image {
					what = diag.M("what-image")
				} else if path.Ext(strings.TrimSuffix(p, "/")) != "" {
					what = diag.M("what-file")
				}
				shown := strings.TrimSuffix(p, "index.html")
				if near := suggestPage(out, t.outputs); near != "" {
					report(pos, field, "link-missing-suggest", dest, what, shown, near)
				} else {
					report(pos, field, "link-missing", dest, what, shown)
				}
				continue
			}
		}
		if frag != "" && !strings.HasPrefix(frag, "fn:") && !strings.HasPrefix(frag, "fnref:") {
			ids, known := t.anchors[out]
			if known && !contains(ids, frag) {
				if near := diag.Suggest(frag, ids); near != "" {
					report(pos, field, "link-anchor-suggest", dest, frag, near)
				} else {
					report(pos, field, "link-anchor", dest, frag)
				}
			}
		}
	}
	return probs
}

// resolve finds the output file a site path names: the file itself, or the
// folder's index.html.
func resolve(p string, outputs map[string]bool) (string, bool) {
	rel := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || rel == "" || rel == "." {
		if rel == "." {
			rel = ""
		}
		o := strings.TrimPrefix(rel+"/index.html", "/")
		return o, outputs[o]
	}
	if outputs[rel] {
		return rel, true
	}
	o := rel + "/index.html"
	return o, outputs[o]
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	if i := strings.IndexByte(dest, ':'); i > 0 {
		scheme := dest[:i]
		return !strings.ContainsAny(scheme, "/?#")
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
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
// the pages of the same folder.
func suggestPage(missing string, outputs map[string]bool) string {
	m := strings.TrimSuffix(missing, "/index.html")
	dir, name := path.Split(m)
	var names []string
	for o := range outputs {
		if d, n := path.Split(strings.TrimSuffix(o, "/index.html")); d == dir && strings.HasSuffix(o, "/index.html") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if near := diag.Suggest(name, names); near != "" {
		return "/" + dir + near + "/"
	}
	return ""
}

// linkProblems checks that internal links and images in Markdown point at
// something this build writes. With a cache (a Builder that keeps its
// caches), a source whose file, page and targets are the same as in the
// last build keeps its problems, so an edit checks the edited file's
// links only, unless the targets changed: pages, files or headings.
func linkProblems(st *site.Site, out *output, cache *linkCache) diag.List {
	var sources []linkSource
	add := func(src *content.Source, url string, links []markdown.Link, toc []markdown.Heading) {
		sources = append(sources, linkSource{file: src.File, bodyLine: src.BodyLine, url: url, version: src.Version, links: links, toc: toc})
	}
	for _, s := range st.Stories {
		add(&s.Source, s.URL, s.Links(), s.TOC())
	}
	for _, r := range st.Reports {
		add(&r.Source, r.URL, r.Links, r.TOC)
	}
	for _, p := range append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...) {
		if p != nil {
			add(&p.Source, p.URL, p.Links, p.TOC)
		}
	}
	warn := st.Config.BrokenLinks == "warning"
	if cache == nil {
		t := newLinkTargets(sources, out)
		var probs diag.List
		for _, s := range sources {
			probs.Merge(t.check(s, warn))
		}
		return probs
	}
	key := targetsKey(sources, out, &cache.sources)
	if cache.targets == nil || key != cache.key {
		cache.targets, cache.key = newLinkTargets(sources, out), key
		cache.probs.m = nil
	}
	var probs diag.List
	for _, s := range sources {
		src := content.Source{File: s.file, Version: s.version}
		p := cache.probs.get(&src, func() sourceProbs { return sourceProbs{s.url, cache.targets.check(s, warn)} })
		if p.url != s.url { // the same file at another page (a slug's default changed)
			p = sourceProbs{s.url, cache.targets.check(s, warn)}
			cache.probs.m[s.file] = versioned[sourceProbs]{s.version, p}
		}
		probs.Merge(p.probs)
	}
	cache.probs.prune(len(sources))
	cache.sources.prune(len(sources))
	return probs
}

// linkCache keeps the link check between a Builder's builds: the targets,
// under the key of what they are made of (targetsKey), and each source's
// problems under them, by its file's version (its links, and the lines
// they are on) and its page.
type linkCache struct {
	key     uint64
	targets *linkTargets
	probs   perFile[sourceProbs]
	sources perFile[uint64] // each source's share of targetsKey
}

type sourceProbs struct {
	url   string
	probs diag.List
}

// newLinkTargets lists what the links of sources may point at.
func newLinkTargets(sources []linkSource, out *output) *linkTargets {
	t := &linkTargets{outputs: map[string]bool{}, anchors: map[string][]string{}, byFile: map[string]string{}}
	for _, p := range out.pages {
		t.outputs[p.Path] = true
	}
	for dest := range out.files {
		t.outputs[dest] = true
	}
	for dest := range out.data {
		t.outputs[dest] = true
	}
	for _, s := range sources {
		ids := make([]string, len(s.toc))
		for i, h := range s.toc {
			ids[i] = h.ID
		}
		t.anchors[render.OutputPath(s.url)] = ids
		t.byFile[s.file] = s.url
	}
	t.files = slices.Sorted(maps.Keys(t.byFile))
	return t
}

// targetsKey identifies what newLinkTargets makes of sources and out:
// the output paths, and each source's file, page and heading IDs (its
// share kept in kept under its file's version).
func targetsKey(sources []linkSource, out *output, kept *perFile[uint64]) uint64 {
	h := keys.New().Int(len(out.pages))
	for _, p := range out.pages {
		h.Str(p.Path)
	}
	var files uint64 // the sum: the same in any map order
	for dest := range out.files {
		files += keys.Of(dest)
	}
	for dest := range out.data {
		files += keys.Of(dest)
	}
	h.Int(len(out.files)).Int(len(out.data)).U64(files)
	h.Int(len(sources))
	for _, s := range sources {
		src := content.Source{File: s.file, Version: s.version}
		h.U64(kept.get(&src, func() uint64 {
			h := keys.New().Str(s.file).Str(s.url).Int(len(s.toc))
			for _, t := range s.toc {
				h.Str(t.ID)
			}
			return h.Sum()
		}))
	}
	return h.Sum()
}
