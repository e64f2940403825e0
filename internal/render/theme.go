package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/meta"
)

// Kinds are the page kinds; each has a template layouts/KIND.html.
var Kinds = []string{"home", "stories", "story", "page", "reports", "report", "facets", "facet", "stats", "search", "404"}

// Theme is a parsed set of templates and interface words.
type Theme struct {
	kinds    map[string]*template.Template
	base     *template.Template // baseof and partials, for partials run from Go
	words    map[string]string
	lang     string
	cards    fragments[Card]
	links    fragments[FacetLink]
	aggs     fragments[GroupView]
	pmu      sync.Mutex // guards partials
	partials map[partialKey]cachedPartial
	// hash makes the keys of pages (see keys.Deep), and parts, the
	// keys of the last keyed build's parts of the site.
	hash    *keys.Deep
	parts   *siteParts
	version uint64 // identifies the theme's files
	written *Theme // the templates as written, when these were minified (LoadTheme)
	// own says which kinds' pages run a template of the site's own (one
	// that is not the first layer's, byte for byte); ownAll, that every
	// kind does (the site has its own base layout or partial).
	own    map[string]bool
	ownAll bool
}

// Own reports whether pages of kind run a template of the site's own,
// which may read anything of the site (serve renders such pages after
// the others, see build.Builder.DeferSitePages).
func (t *Theme) Own(kind string) bool { return t.ownAll || t.own[kind] }

// Custom reports whether any template is the site's own.
func (t *Theme) Custom() bool { return t.ownAll || len(t.own) > 0 }

// Version identifies the theme's files: two themes with equal versions
// render equal pages.
func (t *Theme) Version() uint64 { return t.version }

// Layer is one source of theme files: the built-in theme, or a site.
// Files in later layers replace files of the same name in earlier ones.
type Layer struct {
	FS    fs.FS
	Label string // put before file names in messages: "" for the site, "built-in theme: " for ours
}

// overlay returns, for each file under dir, the index of the layer that
// provides it.
func overlay(layers []Layer, dir string) (map[string]int, error) {
	files := map[string]int{}
	for i, l := range layers {
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || content.Ignored(d.Name()) {
				return nil
			}
			files[strings.TrimPrefix(p, dir+"/")] = i
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// LoadTheme parses layouts/ and i18n/ from the layers for the language lang.
// Problems (template syntax, a missing kind, an unknown word file) come back
// as a diag list error.
//
// minify, if not nil, minifies a template's source (its {{actions}} as
// they are) once, as it is loaded: the pages the templates write then
// need no minifying but for the HTML their data brings (see Minified).
// Messages name lines of the files as written: the templates are parsed
// as written too, and a page whose template fails is run again with
// those (see Render). A source the minifier cannot read leaves the whole
// theme as written.
func LoadTheme(layers []Layer, lang string, funcs template.FuncMap, minify func(src []byte) ([]byte, error)) (*Theme, error) {
	t, err := loadTheme(layers, lang, funcs, nil)
	if err != nil || minify == nil {
		return t, err
	}
	m, err := loadTheme(layers, lang, funcs, minify)
	if err != nil || !sameActions(t, m) {
		return t, nil
	}
	m.written = t
	return m, nil
}

// sameActions reports whether the templates of a and b are the same but
// for their text: the same templates, each with the same actions in the
// same places. A minifier may change only the text between actions.
func sameActions(a, b *Theme) bool {
	sets := func(t *Theme) map[string]*template.Template {
		m := map[string]*template.Template{"": t.base}
		for k, v := range t.kinds {
			m[k] = v
		}
		return m
	}
	as, bs := sets(a), sets(b)
	if len(as) != len(bs) {
		return false
	}
	for k, at := range as {
		bt := bs[k]
		if bt == nil || len(at.Templates()) != len(bt.Templates()) {
			return false
		}
		for _, x := range at.Templates() {
			y := bt.Lookup(x.Name())
			if y == nil || (x.Tree == nil) != (y.Tree == nil) {
				return false
			}
			if x.Tree != nil && !slices.Equal(actions(x.Tree.Root, nil), actions(y.Tree.Root, nil)) {
				return false
			}
		}
	}
	return true
}

// actions appends the actions of the tree under n, in order, as they read.
func actions(n parse.Node, out []string) []string {
	switch n := n.(type) {
	case *parse.TextNode:
		return out
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				out = actions(c, out)
			}
		}
		return out
	case *parse.IfNode:
		return branch(out, "if", &n.BranchNode)
	case *parse.RangeNode:
		return branch(out, "range", &n.BranchNode)
	case *parse.WithNode:
		return branch(out, "with", &n.BranchNode)
	}
	if s := n.String(); s != `{{""}}` { // what a minifier may put for a comment
		out = append(out, s)
	}
	return out
}

func branch(out []string, kind string, n *parse.BranchNode) []string {
	out = actions(n.List, append(out, kind+" "+n.Pipe.String()))
	return append(actions(n.ElseList, append(out, "else")), "end")
}

// Minified reports whether the theme's templates were minified as they
// were loaded (LoadTheme).
func (t *Theme) Minified() bool { return t.written != nil }

func loadTheme(layers []Layer, lang string, funcs template.FuncMap, minify func([]byte) ([]byte, error)) (*Theme, error) {
	var probs diag.List
	t := &Theme{kinds: map[string]*template.Template{}, lang: lang, own: map[string]bool{}, hash: keys.NewDeep()}

	words, err := loadWords(layers, lang, &probs)
	if err != nil {
		return nil, err
	}
	t.words = words

	files, err := overlay(layers, "layouts")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if path.Ext(name) == ".html" {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	fm := template.FuncMap{"T": t.T, "storyCard": t.storyCard, "storyCards": t.storyCards, "facetLink": t.facetLink, "groupAggs": t.groupAggs, "partialCached": t.partialCached}
	for k, v := range funcs {
		fm[k] = v
	}
	base := template.New("").Option("missingkey=error").Funcs(fm)
	kindFiles := map[string]string{}
	v := keys.New()
	wordKeys := make([]string, 0, len(words))
	for k := range words {
		wordKeys = append(wordKeys, k)
	}
	sort.Strings(wordKeys)
	for _, k := range wordKeys {
		v.Str(k).Str(words[k])
	}
	for _, name := range names {
		l := layers[files[name]]
		src, err := fs.ReadFile(l.FS, "layouts/"+name)
		if err != nil {
			return nil, err
		}
		v.Str(name).Bytes(src)
		kind := strings.TrimSuffix(name, ".html")
		if files[name] > 0 && !sameFile(layers[0].FS, "layouts/"+name, src) {
			if isKind(kind) {
				t.own[kind] = true
			} else {
				t.ownAll = true
			}
		}
		if minify != nil {
			if src, err = minify(src); err != nil {
				return nil, err
			}
		}
		if isKind(kind) {
			kindFiles[kind] = string(src)
			continue
		}
		// baseof and partials: shared by every kind. Each file is its own
		// template, named by its path, so errors name the file.
		if _, err := base.New(name).Parse(string(src)); err != nil {
			probs.Add(templateProblem(l.Label+"layouts/"+name, err))
		}
	}
	if base.Lookup("baseof") == nil && len(probs) == 0 {
		probs.Report(diag.Pos{File: "layouts/baseof.html"}, "", "theme-no-baseof")
	}
	if len(probs) > 0 {
		return nil, probs.Err()
	}
	for _, kind := range Kinds {
		src, ok := kindFiles[kind]
		name := kind + ".html"
		if !ok {
			probs.Report(diag.Pos{File: "layouts/" + name}, "", "theme-no-kind", kind)
			continue
		}
		k, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := k.New(name).Parse(src); err != nil {
			probs.Add(templateProblem(layers[files[name]].Label+"layouts/"+name, err))
			continue
		}
		t.kinds[kind] = k
	}
	if len(probs) > 0 {
		return nil, probs.Err()
	}
	foldCalls(base, words, funcs)
	probes := newProbes()
	for _, k := range t.kinds {
		foldCalls(k, words, funcs)
		foldPrinted(k, probes)
	}
	t.base = base
	t.version = v.Sum()
	return t, nil
}

// sameFile reports whether fsys holds name with exactly the bytes src (a
// site may carry a copy of a built-in template: that is not its own).
func sameFile(fsys fs.FS, name string, src []byte) bool {
	b, err := fs.ReadFile(fsys, name)
	return err == nil && bytes.Equal(b, src)
}

func isKind(k string) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// templateProblem positions a template parse error. html/template reports
// "template: NAME:LINE: msg"; we keep its text whole, naming the file.
func templateProblem(file string, err error) *diag.Problem {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "template: ")
	return diag.New(diag.Pos{File: file}, "", "template-parse", msg)
}

func loadWords(layers []Layer, lang string, probs *diag.List) (map[string]string, error) {
	files, err := overlay(layers, "i18n")
	if err != nil {
		return nil, err
	}
	name := lang + ".yaml"
	i, ok := files[name]
	if !ok {
		probs.Report(diag.Pos{File: "i18n/" + name}, "", "theme-no-words", lang)
		return nil, nil
	}
	l := layers[i]
	data, err := fs.ReadFile(l.FS, "i18n/"+name)
	if err != nil {
		return nil, err
	}
	words := map[string]string{}
	f := meta.Fields{File: l.Label + "i18n/" + name, Problems: probs}
	root, err := meta.DecodeYAML(data)
	if err != nil {
		var se *meta.SyntaxError
		if errors.As(err, &se) {
			probs.Report(diag.Pos{File: f.File, Line: se.Line, Col: se.Col}, "", "as-is", se.Msg)
			return nil, nil
		}
		return nil, err
	}
	for _, p := range root.Map {
		if s, ok := f.String(p.Value, p.Key); ok {
			words[p.Key] = s
		}
	}
	return words, nil
}

// T returns the interface word for key, formatted with args. An unknown key
// is a template error, so a typo in a theme cannot ship silently.
//
// When the first argument is the number 1 and the words have KEY_one,
// that is used: "storiesCount_one: 1 story" beside "storiesCount: %d
// stories". Chinese needs no such form.
func (t *Theme) T(key string, args ...any) (string, error) {
	w, ok := t.words[key]
	if !ok {
		return "", diag.NewError("theme-no-word", diag.Quote(key), t.lang)
	}
	if len(args) > 0 && isOne(args[0]) {
		if one, ok := t.words[key+"_one"]; ok {
			w = one
		}
	}
	if !strings.Contains(w, "%") {
		return w, nil
	}
	if len(args) == 0 {
		return w, nil
	}
	return fmt.Sprintf(w, args...), nil
}

func isOne(v any) bool {
	switch n := v.(type) {
	case int:
		return n == 1
	case int64:
		return n == 1
	case float64:
		return n == 1
	}
	return false
}
