// Package editor is the editor that `showcase serve` offers at
// /__showcase/edit/: a list of stories, reports and pages, and a form for
// each built from the front-matter schema, with a live preview by the
// build's Markdown renderer. Saving validates the would-be file with the
// build's own loader, so the messages are the build's (summed up at the
// top of the form, each linked to its field), and writes only under
// content/ (through os.Root): a new story atomically and never over an
// existing one, an edited file by splicing only the lines that changed.
// Uploaded photos wait in a staging area below the site root
// (.showcase/staging, hidden from the build and the watcher) until their
// story is saved, so that a refused save loses none.
//
// The editor never exists in a built site. Its caller guards the Host and
// the origin of requests; the editor checks its CSRF token on every POST.
//
// The new-story form also takes a Word document (从 Word 导入,
// importdocx.go, templates/importdocx.html): wordimport converts it as
// `showcase import` does and the form fills itself, pictures included,
// before the editor saves.
//
// It imports diag, meta, config, content, markdown, images (to decode an
// uploaded photo as the build would) and wordimport.
package editor
