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
// It imports diag, meta, config, content, markdown and images (which
// decodes uploaded photos as the build does).
package editor
