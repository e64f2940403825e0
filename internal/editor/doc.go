// Package editor is the story editor that `showcase serve` offers at
// /__showcase/edit/: a list of stories, and a form per story built from
// the front-matter schema, with a live preview by the build's Markdown
// renderer. Saving validates the would-be file with the build's own
// loader, so the messages are the build's, and writes only under
// content/ (through os.Root): a new story atomically and never over an
// existing one, an edited story by splicing only the lines that changed.
//
// The editor never exists in a built site. Its caller guards the Host and
// the origin of requests; the editor checks its CSRF token on every POST.
//
// The new-story form also takes a Word document (从 Word 导入,
// importdocx.go): wordimport converts it as `showcase import` does and
// the form fills itself, pictures included, before the editor saves.
//
// It imports diag, meta, config, content, markdown, images and wordimport.
package editor
