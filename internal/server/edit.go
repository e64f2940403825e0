package server

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
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
// page: to the story's form on a story page, else to the story list.
// Only serve adds it, as it adds the live-reload script.
func (s *Server) editLink(name string, page []byte) []byte {
	if s.editor == nil {
		return page
	}
	slug := ""
	if rest, ok := strings.CutPrefix(name, "stories/"); ok {
		if sl, ok := strings.CutSuffix(rest, "/index.html"); ok && !strings.Contains(sl, "/") && sl != "page" {
			slug = sl
		}
	}
	text := "编辑"
	if bytes.Contains(page, []byte(`<html lang="en"`)) || bytes.Contains(page, []byte(`<html lang=en`)) {
		text = "Edit"
	}
	link := fmt.Sprintf(`<a class="showcase-edit" href="%s" style="display:inline-block;margin:.25rem 1rem;padding:.1rem .7rem;border-radius:4px;background:#1f6feb;color:#fff;text-decoration:none;font:14px/1.6 system-ui,sans-serif">%s</a>`,
		html.EscapeString(editor.EditURL(slug)), text)
	i := bytes.Index(page, []byte("</header>"))
	if i < 0 {
		i = bytes.LastIndex(page, []byte("</body>"))
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(link))
	out = append(out, page[:i]...)
	out = append(out, link...)
	return append(out, page[i:]...)
}
