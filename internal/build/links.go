package build

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/render"
	"github.com/jiangninglu/showcase/internal/site"
)

// linkSource is a content file whose Markdown links are checked.
type linkSource struct {
	file     string // content/stories/a.md
	bodyLine int
	url      string // the page it becomes, e.g. /stories/a/
	rendered *site.Rendered
}

// linkTargets is what internal links may point at.
type linkTargets struct {
	outputs map[string]bool     // every output path: stories/a/index.html, css/style.css
	anchors map[string][]string // output path -> heading IDs of that page
	byFile  map[string]string   // content file -> its page URL
}

// checkLinks reports every internal link and image in Markdown that points
// at nothing: a missing page, file or #anchor, or a .md file that does not
// exist (naming the file it expected, and the nearest that does).
func checkLinks(sources []linkSource, t linkTargets, warn bool) diag.List {
	var probs diag.List
	report := func(pos diag.Pos, field, code string, args ...any) {
		if warn {
			probs.Warn(pos, field, code, args...)
		} else {
			probs.Report(pos, field, code, args...)
		}
	}
	files := make([]string, 0, len(t.byFile))
	for f := range t.byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, s := range sources {
		for _, l := range s.rendered.Links {
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
					if near := suggestFile(file, files); near != "" {
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
// something this build writes.
func linkProblems(st *site.Site, out *output) diag.List {
	targets := linkTargets{outputs: map[string]bool{}, anchors: map[string][]string{}, byFile: map[string]string{}}
	for _, p := range out.pages {
		targets.outputs[p.Path] = true
	}
	for dest := range out.files {
		targets.outputs[dest] = true
	}
	for dest := range out.data {
		targets.outputs[dest] = true
	}
	var linkSources []linkSource
	addSource := func(file string, bodyLine int, url string, r *site.Rendered) {
		out := render.OutputPath(url)
		ids := make([]string, len(r.TOC))
		for i, h := range r.TOC {
			ids[i] = h.ID
		}
		targets.anchors[out] = ids
		targets.byFile[file] = url
		linkSources = append(linkSources, linkSource{file: file, bodyLine: bodyLine, url: url, rendered: r})
	}
	for _, s := range st.Stories {
		addSource(s.File, s.BodyLine, s.URL, &s.Rendered)
	}
	for _, r := range st.Reports {
		addSource(r.File, r.BodyLine, r.URL, &r.Rendered)
	}
	for _, p := range append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...) {
		if p != nil {
			addSource(p.File, p.BodyLine, p.URL, &p.Rendered)
		}
	}
	return checkLinks(linkSources, targets, st.Config.BrokenLinks == "warning")
}
