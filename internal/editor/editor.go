package editor

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/markdown"
)

// Prefix is where the editor is served.
const Prefix = "/__showcase/edit/"

// Upload limits.
const (
	maxPhoto   = 20 << 20
	maxRequest = 100 << 20
)

//go:embed templates static
var files embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"photoOf":    func(v *formView, it photoItem) photoRow { return photoRow{it, v.T} },
	"blankPhoto": func() photoItem { return photoItem{N: -1} },
	"anyCover": func(items []photoItem) bool {
		return slices.ContainsFunc(items, func(it photoItem) bool { return it.Cover })
	},
}).ParseFS(files, "templates/*.html"))

// photoRow is a photo list row as its template sees it.
type photoRow struct {
	photoItem
	T map[string]string
}

// Options configure an Editor.
type Options struct {
	Source string // the site's root folder
	// Drafts and Future say which stories the preview serves, so that a
	// saved story that it leaves out is not redirected to.
	Drafts, Future bool
	// Rebuild, if set, rebuilds the preview for the changed paths
	// (slash-separated, from the site root) and returns when it is done.
	Rebuild func(ctx context.Context, paths []string)
}

// Editor serves the story editor. It is safe for concurrent use; saves
// run one at a time.
type Editor struct {
	opts   Options
	token  string // the CSRF token of this server's run
	md     *markdown.Renderer
	unsafe *markdown.Renderer // for sites with unsafe_html: true
	saveMu sync.Mutex         // one save at a time
}

// New returns an Editor with a fresh CSRF token.
func New(opts Options) *Editor {
	var b [32]byte
	rand.Read(b[:])
	return &Editor{
		opts:   opts,
		token:  hex.EncodeToString(b[:]),
		md:     markdown.New(markdown.Options{}),
		unsafe: markdown.New(markdown.Options{UnsafeHTML: true}),
	}
}

// EditURL is the editor's address for the story with this slug, or the
// story list for "".
func EditURL(slug string) string {
	if slug == "" {
		return Prefix
	}
	return Prefix + "stories/" + url.PathEscape(slug)
}

func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Frame-Options", "DENY")
	switch {
	case rest == "" || rest == "new":
		e.methods(w, r, func() { e.form(w, r, "") })
	case strings.HasPrefix(rest, "stories/"):
		slug := strings.TrimPrefix(rest, "stories/")
		e.methods(w, r, func() { e.form(w, r, slug) })
	case strings.HasPrefix(rest, "reports/") || strings.HasPrefix(rest, "pages/"):
		e.doc(w, r, rest)
	case rest == "preview" && r.Method == http.MethodPost:
		e.preview(w, r)
	case rest == "import-docx" && r.Method == http.MethodPost:
		e.importDocx(w, r) // importdocx.go
	case strings.HasPrefix(rest, "files/") && r.Method == http.MethodGet:
		e.file(w, r, strings.TrimPrefix(rest, "files/"))
	case strings.HasPrefix(rest, "staged/") && r.Method == http.MethodGet:
		e.staged(w, r, strings.TrimPrefix(rest, "staged/"))
	case rest == "editor.js" || rest == "editor.css":
		http.ServeFileFS(w, r, files, "static/"+rest)
	default:
		http.NotFound(w, r)
	}
}

// methods runs get for GET and HEAD and save for POST.
func (e *Editor) methods(w http.ResponseWriter, r *http.Request, get func()) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		get()
	case http.MethodPost:
		rest := strings.TrimPrefix(r.URL.Path, Prefix)
		switch {
		case rest == "new":
			e.save(w, r, "")
		case strings.HasPrefix(rest, "stories/"):
			e.save(w, r, strings.TrimPrefix(rest, "stories/"))
		default:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	default:
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// tokenOK compares a form's CSRF token with this run's, in constant time.
func (e *Editor) tokenOK(r *http.Request) bool {
	return subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(e.token)) == 1
}

// site is the site as read for one request.
type site struct {
	root    *os.Root // the site root, for reading
	fsys    fs.FS
	cfg     *config.Config
	t       map[string]string
	content *content.Content
	probs   diag.List // the content's problems before any save
}

func (s *site) Close() { s.root.Close() }

// load reads the site's configuration and content (drafts and future
// stories included: they are edited too).
func (e *Editor) load(ctx context.Context) (*site, error) {
	src := e.opts.Source
	if src == "" {
		src = "."
	}
	if err := content.CheckSourceLinks(src); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	s := &site{root: root, fsys: root.FS()}
	s.cfg, err = config.Load(s.fsys)
	if err != nil {
		root.Close()
		return nil, err
	}
	s.t = lang(s.cfg.Language)
	c, err := content.Load(ctx, s.fsys, s.cfg, loadOptions)
	if c == nil {
		root.Close()
		return nil, err
	}
	s.content, s.probs = c, diag.Problems(err).Errors()
	return s, nil
}

var loadOptions = content.Options{Drafts: true, Future: true}

// fail answers a request that could not read the site.
func (e *Editor) fail(w http.ResponseWriter, err error) {
	if p := diag.Problems(err); len(p) > 0 {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "%s\n\n%s\n", lang("")["configBroken"], err)
		return
	}
	http.Error(w, err.Error(), http.StatusInternalServerError)
}

// page is what every editor page has.
type page struct {
	T     map[string]string
	Lang  string
	Title string
	CSRF  string
}

func (s *site) page(title, token string) page {
	return page{T: s.t, Lang: s.cfg.Language, Title: title, CSRF: token}
}

type storyRow struct {
	Title, Date, EditURL, ViewURL string
	Draft                         bool
}

// list shows every story, newest first (the site's own order).
func (e *Editor) list(w http.ResponseWriter, r *http.Request, s *site) {
	v := struct {
		page
		Stories        []storyRow
		Reports, Pages []docRow
	}{page: s.page(s.t["editorTitle"], e.token)}
	v.Reports, v.Pages = docRows(s.content, s.t)
	for _, st := range s.content.Stories {
		row := storyRow{Title: st.Title, EditURL: EditURL(st.Slug), ViewURL: "/stories/" + url.PathEscape(st.Slug) + "/", Draft: st.Draft}
		if !st.Date.IsZero() {
			row.Date = st.Date.Format("2006-01-02")
		}
		v.Stories = append(v.Stories, row)
	}
	render(w, http.StatusOK, "list.html", v)
}

func render(w http.ResponseWriter, status int, name string, v any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := templates.ExecuteTemplate(w, name, v); err != nil {
		fmt.Fprintf(w, "<pre>%s</pre>", html.EscapeString(err.Error()))
	}
}

// formView is the story form.
type formView struct {
	page
	Action   string
	New      bool
	File     string
	Bundle   string // the story's bundle folder below content/, for preview images
	Fields   []fieldView
	Metrics  []fieldView
	Body     string
	Version  string
	Problems []string
	Conflict *conflictView
	ReadOnly bool
	BodyMsgs []string            // the body's messages
	Lists    map[string][]string // datalist id -> values
	// PhotoMsgs are the photo input's messages.
	PhotoMsgs []string
	Photos    []photoItem // the story's photos, and those being added
	Library   []libItem   // pictures that may be picked again
	Failed    bool        // a save was refused: the summary says so
	Kind      string      // "story", "report" or "page"
	// MetricsLegend and MetricsHint head the figures' fieldset.
	MetricsLegend, MetricsHint string
	// The upload limits, for the browser to check before it sends (a
	// request over the limit cannot come back as the form), and their
	// message.
	MaxPhoto, MaxRequest int64
	TooLarge             string
}

// summaryItem is one line of the error summary: a message and the field
// it links to ("" for a problem of the whole file).
type summaryItem struct{ Href, Text string }

// Summary lists every problem the form shows, each linked to its field,
// in the order of the form (the GOV.UK error summary pattern).
func (v *formView) Summary() []summaryItem {
	var out []summaryItem
	for _, p := range v.Problems {
		out = append(out, summaryItem{Text: p})
	}
	for _, f := range append(v.Fields[:len(v.Fields):len(v.Fields)], v.Metrics...) {
		for _, m := range f.Msgs {
			out = append(out, summaryItem{Href: "#f-" + f.Name, Text: f.Label + "：" + m})
		}
	}
	for _, m := range v.PhotoMsgs {
		out = append(out, summaryItem{Href: "#f-photos", Text: m})
	}
	for _, m := range v.BodyMsgs {
		out = append(out, summaryItem{Href: "#f-body", Text: m})
	}
	return out
}

type fieldView struct {
	Name, Label, Hint, Value, Input, List, Unit string
	Msgs                                        []string
	Confirm                                     string // the confirm checkbox's label, when asked
}

type conflictView struct{ Disk, Yours string }

// form shows the list (slug "" and no "new"), a new story's form, or a
// story's form.
func (e *Editor) form(w http.ResponseWriter, r *http.Request, slug string) {
	s, err := e.load(r.Context())
	if err != nil {
		e.fail(w, err)
		return
	}
	defer s.Close()
	rest := strings.TrimPrefix(r.URL.Path, Prefix)
	if rest == "" {
		e.list(w, r, s)
		return
	}
	if slug == "" {
		v := e.view(s, nil, values{"date": time.Now().In(shanghai()).Format("2006-01-02")}, "")
		v.Library = library(s, "")
		render(w, http.StatusOK, "form.html", v)
		return
	}
	st := s.find(slug)
	if st == nil {
		http.Error(w, fmt.Sprintf(s.t["notFound"], slug), http.StatusNotFound)
		return
	}
	raw, err := s.root.ReadFile(filepath.FromSlash(st.File))
	if err != nil {
		e.fail(w, err)
		return
	}
	v := e.view(s, st, nil, "")
	if vals, ok := v.show(s, st.File, raw, e.fields(s.cfg)); ok {
		v.Photos = bodyPhotos(v.Body, v.Bundle, vals["cover"])
	}
	v.Library = library(s, v.Bundle)
	render(w, http.StatusOK, "form.html", v)
}

func shanghai() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// find returns the story with this slug, or nil.
func (s *site) find(slug string) *content.Story {
	for _, st := range s.content.Stories {
		if st.Slug == slug {
			return st
		}
	}
	return nil
}

// version identifies a file's bytes, to see whether it changed under the form.
func version(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// fields are the form's fields for a site: the story keys, then its metrics.
func (e *Editor) fields(cfg *config.Config) []field {
	return append(slices.Clip(storyFields), metricFields(cfg)...)
}

// view makes the form for st (nil: a new story) showing vals.
func (e *Editor) view(s *site, st *content.Story, vals values, body string) *formView {
	v := &formView{page: s.page(s.t["newTitle"], e.token), New: st == nil, Action: Prefix + "new", Body: body,
		Kind: "story", MetricsLegend: s.t["metrics"], MetricsHint: s.t["metricsHint"],
		MaxPhoto: maxPhoto, MaxRequest: maxRequest, TooLarge: fmt.Sprintf(s.t["tooLarge"], maxPhoto>>20, maxRequest>>20)}
	if st != nil {
		v.Title, v.Action, v.File = st.Title, EditURL(st.Slug), st.File
		if st.Bundle != "" {
			v.Bundle = strings.TrimPrefix(st.Bundle, content.Dir+"/")
		}
	}
	v.Lists = facetValues(s.content, "")
	for _, f := range storyFields {
		v.Fields = append(v.Fields, f.view(s.t))
	}
	for _, m := range storyMetrics(s.cfg) {
		v.Metrics = append(v.Metrics, fieldView{Name: "metrics." + m.Key, Label: m.Label, Unit: m.Unit, Input: "text"})
	}
	v.fill(vals)
	return v
}

// fill puts vals in the form; a date not of the date input's shape is
// edited as text.
func (v *formView) fill(vals values) {
	for i := range v.Fields {
		f := &v.Fields[i]
		f.Value = vals[f.Name]
		if f.Input == "date" && f.Value != "" && !reDateOnly.MatchString(f.Value) {
			f.Input = "text"
		}
	}
	for i := range v.Metrics {
		v.Metrics[i].Value = vals[v.Metrics[i].Name]
	}
}

// field returns the form field name, or nil.
func (v *formView) field(name string) *fieldView {
	for i := range v.Fields {
		if v.Fields[i].Name == name {
			return &v.Fields[i]
		}
	}
	for i := range v.Metrics {
		if v.Metrics[i].Name == name {
			return &v.Metrics[i]
		}
	}
	return nil
}

// addProblem shows a build problem by its field, or above the form.
func (v *formView) addProblem(p *diag.Problem) {
	if f := v.field(p.Field); f != nil {
		f.Msgs = append(f.Msgs, p.Msg.Format(v.Lang))
		return
	}
	if p.Field == "body" {
		v.BodyMsgs = append(v.BodyMsgs, p.Msg.Format(v.Lang))
		return
	}
	v.Problems = append(v.Problems, p.Format(v.Lang))
}

// facetValues lists the values the site's stories use, by field, leaving
// out the story in file skip.
func facetValues(c *content.Content, skip string) map[string][]string {
	sets := map[string]map[string]bool{}
	add := func(k, v string) {
		if v == "" {
			return
		}
		if sets[k] == nil {
			sets[k] = map[string]bool{}
		}
		sets[k][v] = true
	}
	for _, st := range c.Stories {
		if st.File == skip {
			continue
		}
		add("neighborhood", st.Neighborhood)
		add("project", st.Project)
		add("track", st.Track)
		add("award", st.Award)
		for _, t := range st.Tags {
			add("tags", t)
		}
	}
	out := map[string][]string{}
	for k, set := range sets {
		for v := range set {
			out[k] = append(out[k], v)
		}
		sort.Strings(out[k])
	}
	return out
}

// readBody reads a POST's form, multipart or not, within the limits.
func readForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxRequest)
	err := r.ParseMultipartForm(8 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	return err
}

// preview renders the body as the build would, for the form's preview.
func (e *Editor) preview(w http.ResponseWriter, r *http.Request) {
	cfg := e.formConfig(w, r)
	if cfg == nil {
		return
	}
	md := e.md
	if cfg.UnsafeHTML {
		md = e.unsafe
	}
	bundle := r.PostFormValue("bundle")
	res, err := md.RenderWith(r.Context(), []byte(r.PostFormValue("body")), func(dest, alt string) (string, bool) {
		if bundle == "" || strings.Contains(dest, ":") || strings.HasPrefix(dest, "/") || strings.Contains(dest, "..") {
			return "", false
		}
		u := Prefix + "files/" + (&url.URL{Path: path.Join(bundle, dest)}).EscapedPath()
		return fmt.Sprintf(`<img src="%s" alt="%s">`, html.EscapeString(u), html.EscapeString(alt)), true
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, res.HTML)
}

// formConfig reads a POST's form, checks its token and loads the site's
// configuration; when it cannot, it answers and returns nil.
func (e *Editor) formConfig(w http.ResponseWriter, r *http.Request) *config.Config {
	if err := readForm(w, r); err != nil || !e.tokenOK(r) {
		http.Error(w, "forbidden", http.StatusForbidden)
		return nil
	}
	cfg, err := e.config()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return nil
	}
	return cfg
}

func (e *Editor) config() (*config.Config, error) {
	src := e.opts.Source
	if src == "" {
		src = "."
	}
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return config.Load(root.FS())
}

// file serves an image of a story bundle, as it is on disk, for the
// preview (the build publishes processed copies under other names).
func (e *Editor) file(w http.ResponseWriter, r *http.Request, name string) {
	if !strings.HasPrefix(name, "stories/") || !isPicture(name) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(filepath.Join(e.source(), content.Dir))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	data, err := root.ReadFile(filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if strings.ToLower(path.Ext(name)) == ".svg" {
		// The build refuses an SVG that can run anything; a sandbox keeps
		// it inert here too, even opened as a page.
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(data)
		return
	}
	serveImage(w, r, data)
}

func (e *Editor) source() string {
	if e.opts.Source == "" {
		return "."
	}
	return e.opts.Source
}
