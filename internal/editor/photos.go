package editor

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
)

// A story's photos in the form. Each photo is a row with a thumbnail,
// its alt text and caption, and "make cover"; a photo already in the
// story can be taken out of it. A row's src says where its picture is:
//
//	staged:ID    uploaded in an earlier, failed save, kept in the staging area
//	new:NAME     chosen in the file input of this very request (by file name)
//	file:NAME    a file of the story's bundle
//	static:PATH  a file under static/, used by its site path /PATH
//
// Uploads are staged at once, whatever the save's outcome, so that a
// failed save loses nothing: the form comes back with the staged rows.
// A successful save moves them into the story's bundle.

// stagingDir is the staging area below the site root: hidden, so the
// loader and serve's watcher ignore it.
const stagingDir = ".showcase/staging"

// Bounds of the photo list and the media library.
const (
	maxItems   = 100
	maxLibrary = 200
	stagingAge = 24 * time.Hour
	maxStaged  = 500 // files in the staging area
)

var reStagedID = regexp.MustCompile(`^[0-9a-f]{12}-[^/\\]{1,80}$`)

// photoItem is one row of the form's photo list.
type photoItem struct {
	N            int
	Src          string
	Thumb        string // URL of the picture
	Name         string // as shown
	Alt, Caption string
	MD           string // the Markdown image as the body has it, for a photo in the story
	Cover        bool
	Remove       bool
}

// libItem is a picture the media library offers.
type libItem struct{ Src, Thumb, Name string }

// reImageLine is a body line that is one image: ![alt](dest "caption").
var reImageLine = regexp.MustCompile(`(?m)^[ \t]*!\[([^\]\n]*)\]\(([^)\s]+)(?:[ \t]+"([^"\n]*)")?\)[ \t]*$`)

// imageMarkdown writes a photo as its own paragraph: a figure with a
// caption when it has one.
func imageMarkdown(dest, alt, caption string) string {
	alt = strings.NewReplacer("[", "", "]", "", "\n", " ").Replace(alt)
	if strings.ContainsAny(dest, " ()<>") {
		dest = "<" + dest + ">"
	}
	if caption = strings.ReplaceAll(strings.ReplaceAll(caption, `"`, "”"), "\n", " "); caption != "" {
		return fmt.Sprintf("![%s](%s \"%s\")", alt, dest, caption)
	}
	return fmt.Sprintf("![%s](%s)", alt, dest)
}

// bodyPhotos lists the local pictures a body shows as their own lines.
func bodyPhotos(body, bundle, cover string) []photoItem {
	var out []photoItem
	for _, m := range reImageLine.FindAllStringSubmatch(body, maxItems) {
		dest := strings.Trim(m[2], "<>")
		it := photoItem{Alt: m[1], Caption: m[3], MD: strings.TrimSpace(m[0]), Cover: dest == cover && cover != ""}
		switch {
		case strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//"):
			it.Src, it.Thumb = "static:"+dest, dest
		case strings.Contains(dest, ":") || strings.Contains(dest, ".."):
			continue
		default:
			it.Src = "file:" + dest
			if bundle != "" {
				it.Thumb = fileURL(path.Join(bundle, dest))
			}
		}
		it.Name, it.N = path.Base(dest), len(out)
		out = append(out, it)
	}
	return out
}

func fileURL(name string) string {
	return Prefix + "files/" + (&url.URL{Path: name}).EscapedPath()
}

func stagedURL(id string) string {
	return Prefix + "staged/" + url.PathEscape(id)
}

// formPhotos reads the photo rows a form sent.
func formPhotos(r *http.Request) []photoItem {
	var out []photoItem
	pick := r.PostFormValue("cover.pick")
	for i := 0; i < maxItems; i++ {
		n := strconv.Itoa(i)
		src := r.PostFormValue("photo." + n + ".src")
		if src == "" {
			continue
		}
		out = append(out, photoItem{
			Src:     src,
			Alt:     strings.TrimSpace(r.PostFormValue("photo." + n + ".alt")),
			Caption: strings.TrimSpace(r.PostFormValue("photo." + n + ".caption")),
			MD:      r.PostFormValue("photo." + n + ".md"),
			Remove:  r.PostFormValue("photo."+n+".remove") != "",
			Cover:   pick == n,
		})
	}
	return out
}

// photoPlan is what a save does with the form's photos.
type photoPlan struct {
	items  []photoItem // as the form shows them again after a failed save
	add    []photo     // files the bundle gets
	staged []string    // staging IDs to remove once saved
	cover  *photoItem  // the row made the cover, if any
	dests  map[int]string
	msgs   []string
}

// planPhotos stages this request's uploads and resolves every row of the
// form: what the bundle gets, and with what names. uploads are the
// request's checked files (readPhotos); dir is the story's folder below
// the site root, once it is a bundle.
func (e *Editor) planPhotos(r *http.Request, s *site, uploads []photo, dir string) *photoPlan {
	p := &photoPlan{dests: map[int]string{}}
	items := formPhotos(r)
	used := make([]bool, len(uploads))
	// Uploads the form names as new:NAME take those rows; others get
	// their own row at the end.
	stage := func(u photo) (string, bool) {
		id, err := e.stage(s, u)
		if err != nil {
			p.msgs = append(p.msgs, err.Error())
			return "", false
		}
		return id, true
	}
	var rows []photoItem
	for _, it := range items {
		if name, ok := strings.CutPrefix(it.Src, "new:"); ok {
			j := slices.IndexFunc(uploads, func(u photo) bool { return u.orig == name })
			for j >= 0 && used[j] {
				k := slices.IndexFunc(uploads[j+1:], func(u photo) bool { return u.orig == name })
				if k < 0 {
					j = -1
					break
				}
				j += 1 + k
			}
			if j < 0 {
				continue // refused (its message says why) or not sent
			}
			used[j] = true
			id, ok := stage(uploads[j])
			if !ok {
				continue
			}
			it.Src = "staged:" + id
		}
		rows = append(rows, it)
	}
	for j, u := range uploads {
		if !used[j] {
			if id, ok := stage(u); ok {
				rows = append(rows, photoItem{Src: "staged:" + id})
			}
		}
	}
	taken := map[string]bool{"index.md": true}
	if es, err := fs.ReadDir(s.fsys, dir); err == nil {
		for _, e := range es {
			taken[strings.ToLower(e.Name())] = true
		}
	}
	var total int64 // bytes of staged photos read
	for i := range rows {
		it := &rows[i]
		it.N = i
		switch kind, ref, _ := strings.Cut(it.Src, ":"); kind {
		case "staged":
			info, err := s.root.Lstat(path.Join(stagingDir, ref))
			if !reStagedID.MatchString(ref) || err != nil || !info.Mode().IsRegular() {
				it.Src = "" // gone: cleaned up, or never ours
				continue
			}
			it.Thumb, it.Name = stagedURL(ref), ref[13:]
			if total += info.Size(); total > maxRequest {
				// Kept in the form, not read: the save is refused.
				p.msgs = append(p.msgs, fmt.Sprintf(s.t["tooLarge"], maxPhoto>>20, maxRequest>>20))
				continue
			}
			data, err := s.root.ReadFile(path.Join(stagingDir, ref))
			if err != nil {
				it.Src = ""
				continue
			}
			name := photoName(ref[13:], path.Ext(ref), taken)
			taken[strings.ToLower(name)] = true
			p.add = append(p.add, photo{name: name, data: data, orig: ref[13:]})
			p.staged = append(p.staged, ref)
			p.dests[i] = name
		case "file":
			if strings.Contains(ref, "..") || strings.HasPrefix(ref, "/") || strings.Contains(ref, ":") {
				it.Src = ""
				continue
			}
			p.dests[i] = ref
			it.Thumb, it.Name = fileURL(path.Join(strings.TrimPrefix(dir, "content/"), ref)), path.Base(ref)
		case "static":
			if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") || strings.Contains(ref, "..") {
				it.Src = ""
				continue
			}
			p.dests[i] = ref
			it.Thumb, it.Name = ref, path.Base(ref)
		default:
			it.Src = ""
		}
		if it.Cover && !it.Remove {
			p.cover = it
		}
	}
	for _, it := range rows {
		if it.Src != "" {
			p.items = append(p.items, it)
		}
	}
	return p
}

// apply makes the body say what the rows say: a row of the story's own
// (MD set) is rewritten or taken out, any other row is added at the end.
func (p *photoPlan) apply(body string) string {
	var tail []string
	for _, it := range p.items {
		dest := p.dests[it.N]
		md := imageMarkdown(dest, it.Alt, it.Caption)
		switch {
		case it.MD != "" && it.Remove:
			body = removeLine(body, it.MD)
		case it.MD != "":
			// Rewritten only when its alt text or caption changed: an
			// untouched picture keeps its bytes, however it is written.
			if m := reImageLine.FindStringSubmatch(it.MD); m == nil || m[1] != it.Alt || m[3] != it.Caption {
				body = strings.Replace(body, it.MD, md, 1)
			}
		case !it.Remove:
			if shown := imageLineOf(body, dest); shown != "" {
				// The body shows it already (a Word import): its alt
				// text and caption are the row's, if the row has any.
				if it.Alt != "" || it.Caption != "" {
					body = strings.Replace(body, shown, md, 1)
				}
				continue
			}
			tail = append(tail, md)
		}
	}
	if len(tail) > 0 {
		body = strings.TrimRight(body, "\n") + "\n"
		for _, md := range tail {
			body += "\n" + md + "\n"
		}
	}
	return body
}

// imageLineOf returns the line of body that is the image dest, or "" (the
// line as written, without its indentation).
func imageLineOf(body, dest string) string {
	for _, m := range reImageLine.FindAllStringSubmatch(body, -1) {
		if strings.Trim(m[2], "<>") == dest {
			return strings.TrimSpace(m[0])
		}
	}
	return ""
}

// removeLine takes the line holding md out of body, with one blank line
// around it.
func removeLine(body, md string) string {
	i := strings.Index(body, md)
	if i < 0 {
		return body
	}
	start := strings.LastIndexByte(body[:i], '\n') + 1
	end := i + len(md)
	if j := strings.IndexByte(body[end:], '\n'); j >= 0 {
		end += j + 1
	} else {
		end = len(body)
	}
	if strings.HasPrefix(body[end:], "\n") && (start == 0 || strings.HasSuffix(body[:start], "\n\n")) {
		end++
	}
	return body[:start] + body[end:]
}

// stage keeps an upload in the staging area and returns its ID.
func (e *Editor) stage(s *site, u photo) (string, error) {
	if err := s.root.MkdirAll(stagingDir, 0o755); err != nil {
		return "", err
	}
	// The staging area is no one's content: keep it out of the site's Git.
	if f, err := s.root.OpenFile(path.Join(path.Dir(stagingDir), ".gitignore"), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
		f.WriteString("*\n")
		f.Close()
	}
	unstage(s, nil)
	if es, err := fs.ReadDir(s.fsys, stagingDir); err == nil && len(es) >= maxStaged {
		return "", fmt.Errorf(s.t["stagingFull"], stagingDir)
	}
	var b [6]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:]) + "-" + u.name
	f, err := s.root.OpenFile(path.Join(stagingDir, id), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	_, err = f.Write(u.data)
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		s.root.Remove(path.Join(stagingDir, id))
		return "", err
	}
	return id, nil
}

// unstage removes staged uploads a save has stored in the story, and any
// left in the staging area for longer than stagingAge (forms given up).
func unstage(s *site, ids []string) {
	for _, id := range ids {
		s.root.Remove(path.Join(stagingDir, id))
	}
	es, err := fs.ReadDir(s.fsys, stagingDir)
	if err != nil {
		return
	}
	for _, e := range es {
		if info, err := e.Info(); err == nil && reStagedID.MatchString(e.Name()) && time.Since(info.ModTime()) > stagingAge {
			s.root.Remove(path.Join(stagingDir, e.Name()))
		}
	}
}

// staged serves a staged upload, for its thumbnail.
func (e *Editor) staged(w http.ResponseWriter, r *http.Request, id string) {
	if !reStagedID.MatchString(id) {
		http.NotFound(w, r)
		return
	}
	root, err := os.OpenRoot(e.source())
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer root.Close()
	data, err := root.ReadFile(path.Join(stagingDir, id))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	serveImage(w, r, data)
}

// serveImage answers with a raster image, sniffed; anything else is not
// found.
func serveImage(w http.ResponseWriter, r *http.Request, data []byte) {
	ctype := http.DetectContentType(data)
	if !slices.Contains(photoTypes, ctype) {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Write(data)
}

// library lists the pictures a story may use again: its bundle's, then
// those under static/, at most maxLibrary.
func library(s *site, bundle string) []libItem {
	var out []libItem
	if bundle != "" {
		if es, err := fs.ReadDir(s.fsys, path.Join("content", bundle)); err == nil {
			for _, e := range es {
				if !e.IsDir() && isPicture(e.Name()) {
					out = append(out, libItem{Src: "file:" + e.Name(), Thumb: fileURL(path.Join(bundle, e.Name())), Name: e.Name()})
				}
			}
		}
	}
	var statics []libItem
	fs.WalkDir(s.fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != "static" {
			return fs.SkipDir
		}
		if len(out)+len(statics) >= maxLibrary {
			return fs.SkipAll
		}
		if !d.IsDir() && isPicture(p) && !strings.HasPrefix(d.Name(), "favicon") {
			site := strings.TrimPrefix(p, "static")
			statics = append(statics, libItem{Src: "static:" + site, Thumb: site, Name: site})
		}
		return nil
	})
	sort.Slice(statics, func(i, j int) bool { return statics[i].Name < statics[j].Name })
	return append(out, statics...)
}

func isPicture(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return imageExt[ext] != "" || ext == ".svg"
}

// bundleDir is the folder of the story in file (from the site root) once
// it is a bundle.
func bundleDir(file string) string {
	if file == "" {
		return ""
	}
	if path.Base(file) == "index.md" {
		return path.Dir(file)
	}
	return strings.TrimSuffix(file, ".md")
}

// stored removes from the staging area the uploads now in the bundle dir
// (from the site root): a save that failed to write keeps them.
func (p *photoPlan) stored(s *site, dir string) {
	var done []string
	for i, id := range p.staged {
		if _, err := s.root.Lstat(path.Join(dir, p.add[i].name)); err == nil {
			done = append(done, id)
		}
	}
	unstage(s, done)
}

// keepPhotos stages the uploads of a form shown again without a save
// attempt (a conflict), so that they are not lost either.
func (e *Editor) keepPhotos(r *http.Request, s *site, v *formView, file string) {
	uploads, msgs := readPhotos(r, s, file)
	plan := e.planPhotos(r, s, uploads, bundleDir(file))
	v.PhotoMsgs = append(msgs, plan.msgs...)
	v.Photos, v.Library = plan.items, library(s, v.Bundle)
}

// standInPrefix names the stand-in file under which a new story with an
// unusable URL name is checked.
const standInPrefix = content.Dir + "/stories/editor-check-"

func standIn() string {
	var b [6]byte
	rand.Read(b[:])
	return standInPrefix + hex.EncodeToString(b[:]) + ".md"
}

// shownAt is p as the editor shows it: a problem of the stand-in file
// (or its bundle) is placed at name, the file the editor asked for.
func shownAt(p *diag.Problem, file, name string) *diag.Problem {
	if !strings.HasPrefix(file, standInPrefix) || !strings.HasPrefix(p.Pos.File, strings.TrimSuffix(file, ".md")) {
		return p
	}
	q := *p
	q.Pos.File = name
	return &q
}
