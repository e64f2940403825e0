package ledger

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/editor"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Prepare makes the new text of every file the plan changes or creates,
// by path from the site root, and checks the site as it would be with
// the build's own loader: a problem in a file it touches, or a figure
// that would not read back as the ledger gives it, is an error naming
// the file. Nothing is written.
func Prepare(ctx context.Context, site string, cfg *config.Config, p *Plan) (*Prepared, diag.List) {
	var probs diag.List
	files := map[string][]byte{}
	prep := &Prepared{New: files, Old: map[string][]byte{}}
	var order []string
	byFile := map[string][]editor.Edit{}
	for _, ch := range p.Changes {
		if _, ok := byFile[ch.File]; !ok {
			order = append(order, ch.File)
		}
		byFile[ch.File] = append(byFile[ch.File], editor.Edit{Key: ch.Key, Value: numberText(ch.New)})
	}
	for _, f := range order {
		src, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(f)))
		if err != nil {
			probs.Report(diag.Pos{File: f}, "", "ledger-splice", err)
			continue
		}
		out, err := editor.SpliceNumbers(src, byFile[f])
		if err != nil {
			probs.Report(diag.Pos{File: f}, "", "ledger-splice", err)
			continue
		}
		files[f], prep.Old[f] = out, src
	}
	for _, ns := range p.Create {
		files[ns.File] = ns.Data
	}
	if probs.HasErrors() || len(files) == 0 {
		return prep, probs
	}
	after, err := content.Load(ctx, editor.Overlay(os.DirFS(site), files), cfg, content.Options{Drafts: true, Future: true})
	if after == nil {
		probs.Report(diag.Pos{File: content.Dir}, "", "ledger-splice", err)
		return prep, probs
	}
	for _, q := range diag.Problems(err).Errors() {
		if _, ours := files[q.Pos.File]; ours {
			probs.Add(q)
		}
	}
	got := map[string]map[string]float64{}
	for _, s := range after.Stories {
		got[s.File] = s.Metrics
	}
	for _, r := range after.Reports {
		got[r.File] = r.Reported
	}
	for _, ch := range p.Changes {
		_, k, _ := strings.Cut(ch.Key, ".")
		if v, ok := got[ch.File][k]; !ok || stats.FormatPlain(v) != ch.New {
			probs.Report(diag.Pos{File: ch.File}, ch.Key, "ledger-verify", ch.New)
		}
	}
	return prep, probs
}

// Prepared are the files an import writes, by path from the site root:
// their new text, and the text they held when it was made.
type Prepared struct {
	New, Old map[string][]byte
}

// Write writes prepared files under the site's content/ folder: changed
// stories and reports replaced atomically, each only if it still holds
// what it held when prepared, new stories created, never over an existing
// one. It returns the files written.
func Write(site string, p *Plan, files *Prepared) ([]string, error) {
	root, err := os.OpenRoot(filepath.Join(site, content.Dir))
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var written []string
	done := map[string]bool{}
	for _, ch := range p.Changes {
		if done[ch.File] {
			continue
		}
		done[ch.File] = true
		rel := strings.TrimPrefix(ch.File, content.Dir+"/")
		if err := editor.ReplaceFile(root, filepath.FromSlash(rel), files.Old[ch.File], files.New[ch.File]); err != nil {
			return written, err
		}
		written = append(written, ch.File)
	}
	for _, ns := range p.Create {
		if _, err := editor.CreateStory(root, ns.Slug, files.New[ns.File]); err != nil {
			return written, err
		}
		written = append(written, ns.File)
	}
	return written, nil
}
