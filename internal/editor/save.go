package editor

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

// photoTypes are the images a story may get, as http.DetectContentType
// names them, and imageExt their file extensions.
var (
	photoTypes = []string{"image/jpeg", "image/png", "image/webp", "image/gif"}
	imageExt   = map[string]string{".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".gif": "image/gif"}
	extOf      = map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "image/gif": ".gif"}
)

var reDateOnly = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// save validates a form and, if all is well, writes the story, waits for
// the rebuild and sends the browser to the story's page; otherwise it
// shows the form again with the messages and writes nothing. slug is ""
// for a new story.
func (e *Editor) save(w http.ResponseWriter, r *http.Request, slug string) {
	formErr := readForm(w, r)
	var tooLarge *http.MaxBytesError
	if formErr != nil && !errors.As(formErr, &tooLarge) {
		http.Error(w, formErr.Error(), http.StatusBadRequest)
		return
	}
	if formErr == nil && !e.tokenOK(r) {
		t := lang("")
		if cfg, err := e.config(); err == nil {
			t = lang(cfg.Language)
		}
		http.Error(w, t["badToken"], http.StatusForbidden)
		return
	}
	e.saveMu.Lock()
	defer e.saveMu.Unlock()
	s, err := e.load(r.Context())
	if err != nil {
		e.fail(w, err)
		return
	}
	defer s.Close()
	if formErr != nil {
		http.Error(w, fmt.Sprintf(s.t["tooLarge"], maxPhoto>>20, maxRequest>>20), http.StatusRequestEntityTooLarge)
		return
	}

	fields := e.fields(s.cfg)
	form, body := posted(r, fields)

	var st *content.Story
	var src []byte
	old := values{}
	if slug == "" {
		slug = strings.TrimSpace(form["slug"])
		src = []byte("---\n---\n")
		fields = fields[:0:0]
		for _, f := range e.fields(s.cfg) {
			if f.key != "slug" { // the file's name is the slug
				fields = append(fields, f)
			}
		}
	} else {
		if st = s.find(slug); st == nil {
			http.Error(w, fmt.Sprintf(s.t["notFound"], slug), http.StatusNotFound)
			return
		}
		if src, err = s.root.ReadFile(filepath.FromSlash(st.File)); err != nil {
			e.fail(w, err)
			return
		}
	}
	v := e.view(s, st, form, body)
	v.Version = r.PostFormValue("version")
	// conflict answers a save of a file that changed on disk since the
	// form was opened (disk is what is there now): show both, save
	// nothing; saving again is the editor's informed choice.
	conflict := func(disk []byte) {
		v.conflict(s, fields, form, v.Body, disk)
		if v.Photos == nil && st != nil {
			e.keepPhotos(r, s, v, st.File) // not planned yet: keep the uploads
		}
		render(w, http.StatusConflict, "form.html", v)
	}
	if st != nil {
		v.Lists = facetValues(s.content, st.File)
		d, err := parseDoc(src)
		if err != nil {
			v.ReadOnly = true
			v.Problems = append(v.Problems, s.t["notYAML"])
			render(w, http.StatusUnprocessableEntity, "form.html", v)
			return
		}
		old = fileValues(d.root, fields, s.sep())
		if version(src) != v.Version {
			conflict(src)
			return
		}
	}

	// Where the story goes.
	var file string // from the site root
	var problems diag.List
	if st != nil {
		file = st.File
	} else if err := content.CheckFileSlug(slug); err != nil {
		problems.Report(diag.Pos{}, "slug", "slug-invalid", diag.Quote(slug), err)
		// The rest is still checked, under a stand-in name (never written:
		// the slug's problem refuses the save), so that the summary lists
		// every problem at once.
		file = standIn()
	} else {
		file = content.Dir + "/stories/" + slug + ".md"
		if exists(s, file) || exists(s, strings.TrimSuffix(file, ".md")) {
			v.field("slug").Msgs = append(v.field("slug").Msgs, fmt.Sprintf(s.t["exists"], slug))
		}
	}

	uploads, msgs := readPhotos(r, s, file)
	plan := e.planPhotos(r, s, uploads, bundleDir(file))
	v.PhotoMsgs = append(msgs, plan.msgs...)
	v.Photos, v.Library = plan.items, library(s, v.Bundle)
	photos := plan.add
	target := file
	if len(photos) > 0 && path.Base(file) != "index.md" {
		target = strings.TrimSuffix(file, ".md") + "/index.md"
	}
	body = plan.apply(body)
	if c := plan.cover; c != nil {
		dest := plan.dests[c.N]
		if dest != strings.TrimSpace(form["cover"]) || strings.TrimSpace(form["cover_alt"]) == "" {
			form["cover"], form["cover_alt"] = dest, c.Alt
			v.field("cover").Value, v.field("cover_alt").Value = dest, c.Alt
		}
	}
	if st == nil && !strings.HasPrefix(body, "\n") {
		body = "\n" + body
	}
	out, err := Splice(src, edits(fields, old, form), []byte(body))
	if err != nil {
		v.Problems = append(v.Problems, err.Error())
	}
	e.checkFacets(s, v, st, old, form, r)

	if file != "" && err == nil {
		over := &overlay{base: s.fsys, files: fstest.MapFS{target: {Data: out, Mode: 0o644}}, hide: map[string]bool{}}
		if target != file {
			over.hide[file] = true
		}
		for _, p := range photos {
			over.files[path.Join(path.Dir(target), p.name)] = &fstest.MapFile{Data: p.data, Mode: 0o644}
		}
		after, err := content.Load(r.Context(), over, s.cfg, loadOptions)
		if after == nil {
			e.fail(w, err)
			return
		}
		problems.Merge(s.newErrors(err, target, file))
		if !problems.HasErrors() && !v.hasMsgs() && len(v.PhotoMsgs) == 0 && len(v.Problems) == 0 {
			e.write(w, r, s, st, slug, file, target, src, out, photos, after, conflict)
			plan.stored(s, path.Dir(target))
			return
		}
	}
	for _, p := range problems {
		v.addProblem(shownAt(p, file, content.Dir+"/stories/"+slug+".md"))
	}
	v.Failed = true
	render(w, http.StatusUnprocessableEntity, "form.html", v)
}

// conflict shows that the file changed on disk (to disk) since the form
// was opened: both versions, side by side, the new one made of form and
// body.
func (v *formView) conflict(s *site, fields []field, form values, body string, disk []byte) {
	yours, _ := Splice([]byte("---\n---\n"), edits(fields, values{}, form), []byte(body))
	v.Conflict = &conflictView{Disk: string(meta.Normalize(disk)), Yours: string(yours)}
	v.Version = version(disk)
	v.Problems, v.Failed = append(v.Problems, s.t["conflict"]), true
}

// newErrors are the errors of err, the site loaded with a form's file in
// it, that the form's save would bring: those in files, and those the
// site did not have before.
func (s *site) newErrors(err error, files ...string) diag.List {
	before := map[string]bool{}
	for _, p := range s.probs {
		before[p.Error()] = true
	}
	var out diag.List
	for _, p := range diag.Problems(err).Errors() {
		if slices.Contains(files, p.Pos.File) || !before[p.Error()] {
			out.Add(p)
		}
	}
	return out
}

// hasMsgs reports whether any field has a message.
func (v *formView) hasMsgs() bool {
	for _, f := range append(v.Fields[:len(v.Fields):len(v.Fields)], v.Metrics...) {
		if len(f.Msgs) > 0 {
			return true
		}
	}
	return false
}

func exists(s *site, name string) bool {
	_, err := s.root.Lstat(filepath.FromSlash(name))
	return err == nil
}

// write saves a validated story, waits for the rebuild and redirects.
// It writes nothing, and calls conflict, when the story's file no longer
// holds old (changed on disk during the save).
func (e *Editor) write(w http.ResponseWriter, r *http.Request, s *site, st *content.Story, slug, file, target string, old, data []byte, photos []photo, after *content.Content, conflict func(disk []byte)) {
	// Messages went into the form already; here only writing remains.
	croot, err := s.root.OpenRoot(content.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err = s.root.Mkdir(content.Dir, 0o755); err == nil {
			croot, err = s.root.OpenRoot(content.Dir)
		}
	}
	if err != nil {
		e.fail(w, err)
		return
	}
	defer croot.Close()
	store := &store{root: croot}
	rel := strings.TrimPrefix(file, content.Dir+"/")
	var changed []string
	if st == nil {
		changed, err = store.create(slug, data, photos)
	} else {
		changed, err = store.update(rel, old, data, photos)
	}
	var ch *changedError
	if errors.As(err, &ch) {
		conflict(ch.disk)
		return
	}
	if errors.Is(err, errExists) {
		v := e.view(s, st, nil, "")
		v.Problems = append(v.Problems, fmt.Sprintf(s.t["exists"], slug))
		render(w, http.StatusConflict, "form.html", v)
		return
	}
	if err != nil {
		e.fail(w, err)
		return
	}
	for i := range changed {
		changed[i] = content.Dir + "/" + changed[i]
	}
	if e.opts.Rebuild != nil {
		e.opts.Rebuild(r.Context(), changed)
	}
	for _, a := range after.Stories {
		if a.File != target {
			continue
		}
		dest := "/stories/" + url.PathEscape(a.Slug) + "/"
		if a.Draft && !e.opts.Drafts || !e.opts.Future && a.Date.After(time.Now()) {
			dest = EditURL(a.Slug) // the preview leaves it out
		}
		http.Redirect(w, r, dest, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, Prefix, http.StatusSeeOther)
}

// checkFacets asks "did you mean" for a changed facet value that differs
// from one the site uses only by spaces, width or case, unless the form
// confirms it (confirm.FIELD) or uses the exact value.
func (e *Editor) checkFacets(s *site, v *formView, st *content.Story, old, form values, r *http.Request) {
	skip := ""
	if st != nil {
		skip = st.File
	}
	known := facetValues(s.content, skip)
	for _, key := range facetKeys {
		if strings.TrimSpace(old[key]) == strings.TrimSpace(form[key]) || r.PostFormValue("confirm."+key) != "" {
			continue
		}
		vals := []string{strings.TrimSpace(form[key])}
		if key == "tags" {
			vals = splitList(form[key])
		}
		for _, val := range vals {
			if val == "" || contains(known[key], val) {
				continue
			}
			for _, k := range known[key] {
				if fold(k) == fold(val) {
					f := v.field(key)
					f.Msgs = append(f.Msgs, fmt.Sprintf(s.t["didYouMean"], k))
					f.Confirm = fmt.Sprintf(s.t["confirm"], val)
					break
				}
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readPhotos reads the uploaded photos: each at most maxPhoto, sniffed to
// be JPEG, PNG, WebP or GIF, decoded as the build will (checkPhoto), and named for the bundle of file so that no
// existing file is replaced.
func readPhotos(r *http.Request, s *site, file string) ([]photo, []string) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	taken := map[string]bool{"index.md": true}
	if path.Base(file) == "index.md" {
		if es, err := fs.ReadDir(s.fsys, path.Dir(file)); err == nil {
			for _, e := range es {
				taken[strings.ToLower(e.Name())] = true
			}
		}
	}
	var out []photo
	var msgs []string
	for _, fh := range r.MultipartForm.File["photos"] {
		if fh.Size > maxPhoto {
			msgs = append(msgs, fmt.Sprintf(s.t["bigPhoto"], fh.Filename, maxPhoto>>20))
			continue
		}
		f, err := fh.Open()
		if err != nil {
			msgs = append(msgs, err.Error())
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, maxPhoto+1))
		f.Close()
		if err != nil {
			msgs = append(msgs, err.Error())
			continue
		}
		if len(data) == 0 && fh.Filename == "" {
			continue // the empty file input of a form without photos
		}
		ext := extOf[http.DetectContentType(data)]
		if ext == "" {
			msgs = append(msgs, fmt.Sprintf(s.t["badPhoto"], fh.Filename))
			continue
		}
		if err := checkPhoto(data); err != nil {
			msgs = append(msgs, fmt.Sprintf(s.t["brokenPhoto"], fh.Filename, photoProblem(err, s.cfg.Language)))
			continue
		}
		name := photoName(fh.Filename, ext, taken)
		taken[strings.ToLower(name)] = true
		out = append(out, photo{name: name, data: data, orig: fh.Filename})
	}
	return out, msgs
}

// photoName makes a safe file name for an upload: letters and digits of
// the original name (any script), - and _, with the extension of its
// sniffed type, numbered if the name is taken.
func photoName(orig, ext string, taken map[string]bool) string {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(orig, "\\", "/")), path.Ext(orig))
	base = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '-', r == '_':
			return r
		case unicode.IsSpace(r):
			return '-'
		}
		return -1
	}, base)
	base = strings.Trim(base, "-_")
	if len(base) > 60 {
		base = strings.ToValidUTF8(base[:60], "")
	}
	if base == "" || content.CheckSlug(base) != nil {
		base = "photo"
	}
	name := base + ext
	for i := 2; taken[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	return name
}
