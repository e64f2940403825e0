package editor

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

// Reports (/__showcase/edit/reports/YEAR) and pages
// (/__showcase/edit/pages/PATH, _index for the home page) are edited as
// stories are: a form of their keys and the body, saved by splicing
// only what changed, validated by the build's loader first. They have no
// photos, and their file is never moved.

// reportFields are a report's keys the form edits (year names the file's
// report and is left as it is), then its reported figures.
func reportFields(cfg *config.Config) []field {
	out := []field{{"title", kText, ""}, {"date", kDate, ""}, {"summary", kLong, "summaryHint"}, {"draft", kBool, ""}}
	for _, m := range reportedMetrics(cfg) {
		out = append(out, field{key: "reported." + m.Key, kind: kNumber})
	}
	return out
}

// reportedMetrics are the figures a report's form offers: the programme
// figures, or every metric when the site declares none.
func reportedMetrics(cfg *config.Config) []config.Metric {
	var out []config.Metric
	for _, m := range cfg.Metrics {
		if m.Programme() {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return cfg.Metrics
	}
	return out
}

var pageFields = []field{{"title", kText, ""}, {"date", kDate, ""}, {"summary", kLong, "summaryHint"}, {"draft", kBool, ""}, {"weight", kInt, ""}}

// docRef is the report or page a request is about.
type docRef struct {
	kind   string // "report" or "page"
	file   string // from the site root
	title  string
	view   string // its URL in the site
	fields []field
}

// findDoc returns the report or page at rest ("reports/2020",
// "pages/about"), or nil.
func (s *site) findDoc(rest string) *docRef {
	if y, ok := strings.CutPrefix(rest, "reports/"); ok {
		for _, r := range s.content.Reports {
			if strconv.Itoa(r.Year) == y {
				return &docRef{kind: "report", file: r.File, title: r.Title, view: "/reports/" + y + "/", fields: reportFields(s.cfg)}
			}
		}
		return nil
	}
	p, ok := strings.CutPrefix(rest, "pages/")
	if !ok {
		return nil
	}
	if p == "_index" && s.content.Home != nil {
		return &docRef{kind: "page", file: s.content.Home.File, title: s.content.Home.Title, view: "/", fields: pageFields}
	}
	for _, pg := range s.content.Pages {
		if pg.Path == p {
			return &docRef{kind: "page", file: pg.File, title: pg.Title, view: "/" + pathEscape(pg.Path) + "/", fields: pageFields}
		}
	}
	return nil
}

func pathEscape(p string) string { return (&url.URL{Path: p}).EscapedPath() }

// docView makes the form for d showing vals.
func (e *Editor) docView(s *site, d *docRef, rest string, vals values, body string) *formView {
	title := s.t["pageTitle"]
	if d.kind == "report" {
		title = s.t["reportTitle"]
	}
	v := &formView{page: s.page(title+"："+d.title, e.token), Action: Prefix + rest, File: d.file, Body: body, Kind: d.kind,
		MetricsLegend: s.t["reported"], MetricsHint: s.t["reportedHint"]}
	for _, f := range d.fields {
		if _, k, ok := mapKey(f.key); ok {
			m, _ := s.cfg.Metric(k)
			v.Metrics = append(v.Metrics, fieldView{Name: f.key, Label: m.Label, Unit: m.Unit, Input: "text"})
			continue
		}
		v.Fields = append(v.Fields, f.view(s.t))
	}
	v.fill(vals)
	return v
}

// doc shows the form of a report or a page (GET) or saves it (POST).
func (e *Editor) doc(w http.ResponseWriter, r *http.Request, rest string) {
	if r.Method == http.MethodPost {
		e.saveDoc(w, r, rest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s, d, raw := e.openDoc(w, r, rest)
	if s == nil {
		return
	}
	defer s.Close()
	v := e.docView(s, d, rest, nil, "")
	v.show(s, d.file, raw, d.fields)
	render(w, http.StatusOK, "form.html", v)
}

// show fills the form with file, whose bytes are raw, edited through
// fields: its values and body (ok), or, when its front matter cannot be
// read, the whole file, read-only; and the site's problems in the file.
func (v *formView) show(s *site, file string, raw []byte, fields []field) (vals values, ok bool) {
	v.Version = version(raw)
	if d, err := parseDoc(raw); err != nil {
		v.ReadOnly = true
		v.Problems = append(v.Problems, s.t["notYAML"])
		v.Body = string(meta.Normalize(raw))
	} else {
		vals, ok = fileValues(d.root, fields, s.sep()), true
		v.fill(vals)
		v.Body = string(d.body)
	}
	for _, p := range s.probs {
		if p.Pos.File == file {
			v.addProblem(p)
		}
	}
	return vals, ok
}

// openDoc loads the site and reads the file of the report or page at
// rest. When it cannot, it answers (not found, or the error) and returns
// a nil site; else the caller closes s.
func (e *Editor) openDoc(w http.ResponseWriter, r *http.Request, rest string) (s *site, d *docRef, raw []byte) {
	s, err := e.load(r.Context())
	if err != nil {
		e.fail(w, err)
		return nil, nil, nil
	}
	if d = s.findDoc(rest); d == nil {
		s.Close()
		http.NotFound(w, r)
		return nil, nil, nil
	}
	if raw, err = s.root.ReadFile(filepath.FromSlash(d.file)); err != nil {
		s.Close()
		e.fail(w, err)
		return nil, nil, nil
	}
	return s, d, raw
}

// posted returns the values a form posted for fields, and its body.
func posted(r *http.Request, fields []field) (form values, body string) {
	form = values{}
	for _, f := range fields {
		form[f.key] = r.PostFormValue(f.key)
	}
	if r.PostFormValue("draft") != "" {
		form["draft"] = "true"
	}
	return form, string(meta.Normalize([]byte(r.PostFormValue("body"))))
}

// sep joins a list's items in a form field.
func (s *site) sep() string {
	if s.cfg.Language == "en" {
		return ", "
	}
	return "、"
}

// saveDoc validates a report's or page's form and, if all is well,
// writes the file (only the changed lines) and sends the browser to its
// page; otherwise it shows the form again and writes nothing.
func (e *Editor) saveDoc(w http.ResponseWriter, r *http.Request, rest string) {
	formErr := readForm(w, r)
	if formErr != nil || !e.tokenOK(r) {
		http.Error(w, lang("")["badToken"], http.StatusForbidden)
		return
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	s, d, src := e.openDoc(w, r, rest)
	if s == nil {
		return
	}
	defer s.Close()
	form, body := posted(r, d.fields)
	v := e.docView(s, d, rest, form, body)
	v.Version = r.PostFormValue("version")
	pd, err := parseDoc(src)
	if err != nil {
		v.ReadOnly = true
		v.Problems = append(v.Problems, s.t["notYAML"])
		render(w, http.StatusUnprocessableEntity, "form.html", v)
		return
	}
	old := fileValues(pd.root, d.fields, s.sep())
	conflict := func(disk []byte) {
		v.conflict(s, d.fields, form, body, disk)
		render(w, http.StatusConflict, "form.html", v)
	}
	if version(src) != v.Version {
		conflict(src)
		return
	}
	out, err := Splice(src, edits(d.fields, old, form), []byte(body))
	if err != nil {
		v.Problems = append(v.Problems, err.Error())
		v.Failed = true
		render(w, http.StatusUnprocessableEntity, "form.html", v)
		return
	}
	over := &overlay{base: s.fsys, files: fstest.MapFS{d.file: {Data: out, Mode: 0o644}}, hide: map[string]bool{}}
	_, err = content.Load(r.Context(), over, s.cfg, loadOptions)
	problems := s.newErrors(err, d.file)
	if err != nil && diag.Problems(err) == nil {
		e.fail(w, err)
		return
	}
	if !problems.HasErrors() {
		err := e.writeDoc(s, d.file, src, out)
		var ch *changedError
		if errors.As(err, &ch) {
			conflict(ch.disk)
			return
		}
		if err != nil {
			e.fail(w, err)
			return
		}
		if e.opts.Rebuild != nil {
			e.opts.Rebuild(r.Context(), []string{d.file})
		}
		http.Redirect(w, r, d.view, http.StatusSeeOther)
		return
	}
	for _, p := range problems {
		v.addProblem(p)
	}
	v.Failed = true
	render(w, http.StatusUnprocessableEntity, "form.html", v)
}

// writeDoc replaces a report's or page's file, which must still hold old,
// with data, atomically (a *changedError if it changed meanwhile).
func (e *Editor) writeDoc(s *site, file string, old, data []byte) error {
	croot, err := s.root.OpenRoot(content.Dir)
	if err != nil {
		return err
	}
	defer croot.Close()
	rel := strings.TrimPrefix(file, content.Dir+"/")
	_, err = (&store{root: croot}).update(rel, old, data, nil)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", file, err)
	}
	return err
}

// docRow is a report or page in the editor's list.
type docRow struct{ Title, EditURL, ViewURL string }

// docRows lists the site's reports and pages for the editor's list.
func docRows(c *content.Content, t map[string]string) (reports, pages []docRow) {
	for _, r := range c.Reports {
		y := strconv.Itoa(r.Year)
		reports = append(reports, docRow{Title: r.Title, EditURL: Prefix + "reports/" + y, ViewURL: "/reports/" + y + "/"})
	}
	if c.Home != nil {
		pages = append(pages, docRow{Title: t["home"] + cmp.Or(c.Home.Title, path.Base(c.Home.File)), EditURL: Prefix + "pages/_index", ViewURL: "/"})
	}
	for _, p := range c.Pages {
		pages = append(pages, docRow{Title: p.Title, EditURL: Prefix + "pages/" + pathEscape(p.Path), ViewURL: "/" + pathEscape(p.Path) + "/"})
	}
	return reports, pages
}
