package server

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/editor"
)

// EditMode says whether serve offers the story editor.
type EditMode int

const (
	EditAuto EditMode = iota // on when bound to a loopback address
	EditOn                   // --edit
	EditOff                  // --no-edit
)

// editing reports whether the editor is on for this server.
func (s *Server) editing() bool {
	return s.opts.Edit == EditOn || s.opts.Edit == EditAuto && s.loopback
}

// mountEditor serves the story editor under editor.Prefix, if it is on.
func (s *Server) mountEditor(mux *http.ServeMux) {
	if !s.editing() {
		return
	}
	s.editor = editor.New(editor.Options{
		Source: s.opts.Source,
		Drafts: s.opts.Drafts,
		Future: s.opts.Future,
		Rebuild: func(ctx context.Context, paths []string) {
			// The browser waits for this build: the page it is sent to
			// then shows the save. The watcher's rebuild of the same
			// paths, a moment later, finds nothing left to do. A browser
			// that leaves does not cancel it; serve stopping does.
			bctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
			defer cancel()
			if s.running != nil {
				defer context.AfterFunc(s.running, cancel)()
			}
			s.Rebuild(bctx, paths, time.Now())
		},
	})
	mux.Handle(editor.Prefix, s.editor)
}

// editLink puts an "编辑" (Edit) link into the site header of a served
// page: to the form of the story, report or page it shows, else to the
// editor's list. It goes into the header's menu as its last item, so it
// sits in the page's own layout (and takes the theme's colours); a
// layout without a menu gets it at the end of its header. Only serve
// adds it, as it adds the live-reload script.
func (s *Server) editLink(name string, page []byte) []byte {
	if s.editor == nil {
		return page
	}
	text := "编辑"
	if bytes.Contains(page, []byte(`<html lang="en"`)) || bytes.Contains(page, []byte(`<html lang=en`)) {
		text = "Edit"
	}
	a := fmt.Sprintf(`<a class="showcase-edit" href="%s" style="display:inline-block;padding:.1rem .7rem;border-radius:4px;background:var(--accent,#1f6feb);color:#fff;text-decoration:none;border:0">%s</a>`,
		html.EscapeString(editURL(name)), text)
	link := `<li class="showcase-edit-item">` + a + `</li>`
	i := -1
	if h := bytes.Index(page, []byte("<header")); h >= 0 {
		if end := bytes.Index(page[h:], []byte("</header>")); end >= 0 {
			head := page[h : h+end]
			if n := bytes.Index(head, []byte("</nav>")); n >= 0 {
				if u := bytes.LastIndex(head[:n], []byte("</ul>")); u >= 0 {
					i = h + u
				}
			}
			if i < 0 {
				i, link = h+end, a
			}
		}
	}
	if i < 0 {
		i, link = bodyEnd(page), a
	}
	return insert(page, i, link)
}

// editURL is the editor's address for the served page name: a story's,
// a report's or a page's form, else the list.
func editURL(name string) string {
	dir, ok := strings.CutSuffix(name, "/index.html")
	if !ok {
		return editor.EditURL("")
	}
	if sl, ok := strings.CutPrefix(dir, "stories/"); ok && !strings.Contains(sl, "/") && sl != "page" {
		return editor.EditURL(sl)
	}
	if y, ok := strings.CutPrefix(dir, "reports/"); ok && len(y) == 4 && strings.Trim(y, "0123456789") == "" {
		return editor.Prefix + "reports/" + y
	}
	if first, _, _ := strings.Cut(dir, "/"); dir != "" && !sections[first] {
		return editor.Prefix + "pages/" + (&url.URL{Path: dir}).EscapedPath()
	}
	return editor.EditURL("")
}

// sections are the output folders that are not a content page's.
var sections = map[string]bool{"stories": true, "reports": true, "stats": true, "search": true, "years": true,
	"neighborhoods": true, "awards": true, "tracks": true, "tags": true, "css": true, "js": true, "img": true}
