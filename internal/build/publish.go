package build

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/linkcheck"
	"github.com/jiangninglu/showcase/internal/markdown"
	"github.com/jiangninglu/showcase/internal/site"
)

// The publish gate (SPEC.md, "What is published"): Markdown becomes pages;
// any other file under content/ is published only when a page shows or
// links to it (a Markdown image or link, a story's cover, a file named in
// params) and only when it is of a kind that is safe to serve on the
// site's origin (content.KindOf), unless unsafe_html is true. The rest
// (the Word original a story came from, a spreadsheet, notes) stays where
// it is, and check lists it. A cover that names no file is an error.

// reference is the first place that shows or links to a content file.
type reference struct {
	pos   diag.Pos
	field string // link, image, cover or params.KEY
	dest  string // as written
}

// gate decides which of the content's files go out: it takes the others
// out of out.files and records them in out.unpublished (their photos'
// variants are not written either). It returns the problems: a cover that
// names nothing, a linked file of a kind that is not published, an SVG
// image that could run script and, when check asks (notes), every file
// left unpublished. The photos it lets out are processed (photos.use),
// and their problems are among those it returns.
func (b *Builder) gate(in *source, st *site.Site, out *output, streamed *storyRefs) (probs diag.List, err error) {
	assets := streamed.assets
	refs := map[string]reference{}
	first := func(rel string, r reference) {
		if _, seen := refs[rel]; !seen {
			refs[rel] = r
		}
	}
	refer := func(pageURL, dest string, r reference) {
		if rel, ok := assetPath(assets, pageURL, dest); ok {
			first(rel, r)
		}
	}
	links := func(file string, bodyLine int, pageURL string, ls []markdown.Link) {
		for _, l := range ls {
			refer(pageURL, l.Dest, linkReference(file, bodyLine, l))
		}
	}
	for i, s := range st.Stories {
		for _, r := range streamed.refs[i] { // the story's links, read as it streamed
			first(r.rel, r.reference)
		}
		params(s.Params, "params", func(field, v string) {
			refer(s.URL, v, reference{diag.Pos{File: s.File, Line: s.Lines.Line("params")}, field, v})
		})
		if s.Cover == "" || badCover(s.Cover) {
			continue
		}
		pos := diag.Pos{File: s.File, Line: s.Lines.Line("cover")}
		rel, _ := sitePath(s.URL, s.Cover)
		if _, ok := out.files[rel]; !ok {
			probs.Report(pos, "cover", "cover-missing", diag.Quote(s.Cover), "/"+rel)
			continue
		}
		refer(s.URL, s.Cover, reference{pos, "cover", s.Cover})
	}
	for _, r := range st.Reports {
		links(r.File, r.BodyLine, r.URL, r.Links)
	}
	for _, p := range append([]*site.Page{st.Home, st.StoriesIntro}, st.Pages...) {
		if p == nil {
			continue
		}
		links(p.File, p.BodyLine, p.URL, p.Links)
		params(p.Params, "params", func(field, v string) {
			refer(p.URL, v, reference{diag.Pos{File: p.File, Line: p.FrontLine}, field, v})
		})
	}

	unsafe := in.cfg.UnsafeHTML
	defer func() {
		// The photos the pages use and that go out are processed now,
		// those not yet asked for by the Markdown or a cover: the ones
		// linked to or named in params.
		if err != nil {
			return
		}
		used := make(map[string]bool, len(refs))
		for dest := range refs {
			if !out.unpublished[dest] {
				used[dest] = true
			}
		}
		var p diag.List
		if p, err = in.photos.use(used); err != nil {
			return
		}
		probs.Merge(p)
	}()
	for dest, a := range assets {
		r, linked := refs[dest]
		if !linked {
			b.unpublish(out, dest)
			if b.opts.CheckOnly {
				probs.Add(&diag.Problem{Pos: diag.Pos{File: a.File}, Severity: diag.Note, Msg: diag.M("asset-unpublished")})
			}
			continue
		}
		if unsafe {
			continue // the site's author takes on what its pages link to
		}
		ext := strings.ToLower(path.Ext(a.File))
		switch content.KindOf(a.File) {
		case content.SVG:
			if err := content.CheckSVG(in.fsys, a.File, &probs); err != nil {
				return nil, err
			}
		case content.Script:
			b.unpublish(out, dest)
			if ext == ".svgz" {
				probs.Report(r.pos, r.field, "asset-svgz-linked", r.dest)
			} else {
				probs.Report(r.pos, r.field, "asset-script-linked", r.dest, ext)
			}
		case content.Other:
			b.unpublish(out, dest)
			if ext == "" {
				ext = path.Base(a.File)
			}
			probs.Report(r.pos, r.field, "asset-kind-linked", r.dest, ext)
		}
	}
	return probs, nil
}

// storyRefs are the content files the stories' Markdown links to, read
// as the stories stream (see stream), when each story's links are at
// hand: the gate reads them after, when the build has let the links go.
type storyRefs struct {
	assets map[string]content.Asset // the content's files, by output path
	refs   [][]storyRef             // by story, in site order
}

type storyRef struct {
	rel string // the output path of the file linked to
	reference
}

func newStoryRefs(in *source, stories int) *storyRefs {
	assets := make(map[string]content.Asset, len(in.cont.Assets))
	for _, a := range in.cont.Assets {
		assets[a.Dest] = a
	}
	return &storyRefs{assets: assets, refs: make([][]storyRef, stories)}
}

// see reads the links of s, story i in site order. It is safe to call at
// once for different stories.
func (g *storyRefs) see(i int, s *site.Story) {
	var refs []storyRef
	for _, l := range s.Links() {
		if rel, ok := assetPath(g.assets, s.URL, l.Dest); ok {
			refs = append(refs, storyRef{rel, linkReference(s.File, s.BodyLine, l)})
		}
	}
	g.refs[i] = refs
}

// assetPath returns the output path of the content file that dest,
// written on the page at pageURL, names; false if it names none.
func assetPath(assets map[string]content.Asset, pageURL, dest string) (string, bool) {
	rel, ok := sitePath(pageURL, dest)
	if !ok {
		return "", false
	}
	_, isAsset := assets[rel]
	return rel, isAsset
}

// linkReference is where the Markdown link l, of a body that starts at
// bodyLine of file, refers to its destination.
func linkReference(file string, bodyLine int, l markdown.Link) reference {
	field := "link"
	if l.Image {
		field = "image"
	}
	return reference{diag.Pos{File: file, Line: bodyLine + l.Line - 1, Col: l.Col}, field, l.Dest}
}

// unpublish keeps the content file published at dest out of the output.
func (b *Builder) unpublish(out *output, dest string) {
	delete(out.files, dest)
	if out.unpublished == nil {
		out.unpublished = map[string]bool{}
	}
	out.unpublished[dest] = true
}

// sitePath resolves a destination written on the page at pageURL to the
// output path it names (no leading slash), as the link check does; false
// for an external URL, a page's own #anchor or a Markdown file.
func sitePath(pageURL, dest string) (string, bool) {
	target, _, ok := linkcheck.Target(dest)
	if !ok || target == "" || strings.HasSuffix(target, ".md") {
		return "", false
	}
	p := target
	if !strings.HasPrefix(p, "/") {
		p = path.Join(pageURL, p)
	}
	rel := strings.TrimPrefix(path.Clean(p), "/")
	return rel, rel != "" && rel != "."
}

// badCover reports a cover the loader already refused as a path.
func badCover(c string) bool {
	return strings.Contains(c, "..") || strings.HasPrefix(c, "//") || strings.Contains(c, ":") || strings.ContainsAny(c, "\\<>\"'")
}

// params calls f with every text value in a page's params, and its field
// (params.pdf, params.files): a custom template may link to the file a
// value names.
func params(m map[string]any, field string, f func(field, v string)) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		walkParam(m[k], field+"."+k, f)
	}
}

func walkParam(v any, field string, f func(field, v string)) {
	switch v := v.(type) {
	case string:
		if len(v) < 512 {
			f(field, v)
		}
	case []any:
		for _, e := range v {
			walkParam(e, field, f)
		}
	case map[string]any:
		params(v, field, f)
	}
}
