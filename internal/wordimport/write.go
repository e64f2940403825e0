package wordimport

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Dir is where stories are written, relative to the site root.
var Dir = filepath.Join("content", "stories")

// Target is the folder a story is written to, relative to the site root.
func (s *Story) Target() string { return filepath.Join(Dir, s.Slug) }

// Check says why a story cannot be written into the site: a story of
// that slug (a folder or SLUG.md) is there already.
func (s *Story) Check(siteDir string) error {
	for _, p := range []string{s.Target(), filepath.Join(Dir, s.Slug+".md")} {
		if _, err := os.Lstat(filepath.Join(siteDir, p)); err == nil {
			return diag.NewError("docx-exists", s.Source, filepath.ToSlash(p))
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// CheckAll says why stories cannot be written together: one's slug is
// taken, or two would have the same.
func CheckAll(siteDir string, stories []*Story) error {
	seen := map[string]string{}
	for _, s := range stories {
		if err := s.Check(siteDir); err != nil {
			return err
		}
		if other, ok := seen[s.Slug]; ok {
			return diag.NewError("docx-same-slug", other, s.Source, s.Slug)
		}
		seen[s.Slug] = s.Source
	}
	return nil
}

// stage makes the hidden folder a story is written into before it is
// renamed in place: named as the editor names its temporary files
// (".SLUG.edit-" and 12 hex digits), so that serve removes one that an
// import killed midway left behind (editor.CleanTemp).
func stage(dir, slug string) (string, error) {
	for {
		var b [6]byte
		rand.Read(b[:])
		p := filepath.Join(dir, "."+slug+".edit-"+hex.EncodeToString(b[:]))
		err := os.Mkdir(p, 0o755)
		if !errors.Is(err, fs.ErrExist) {
			return p, err
		}
	}
}

// Write writes the stories into the site: each story's folder is filled
// in content/stories/ under a hidden name and renamed into place.
// Nothing is written unless every story can be; if a rename fails, the
// folders already renamed in (which this call made) are taken out again.
// Write never replaces anything.
func Write(siteDir string, stories []*Story) error {
	if err := CheckAll(siteDir, stories); err != nil {
		return err
	}
	dir := filepath.Join(siteDir, Dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var staged []string
	cleanup := func() {
		for _, t := range staged {
			os.RemoveAll(t)
		}
	}
	for _, s := range stories {
		tmp, err := stage(dir, s.Slug)
		if err != nil {
			cleanup()
			return err
		}
		staged = append(staged, tmp)
		files := append([]Picture{{Name: "index.md", Data: s.Index}}, s.Pictures...)
		for _, f := range files {
			if err := os.WriteFile(filepath.Join(tmp, f.Name), f.Data, 0o644); err != nil {
				cleanup()
				return err
			}
		}
	}
	var placed []string
	for i, s := range stories {
		to := filepath.Join(siteDir, s.Target())
		// Rename would replace an empty folder made meanwhile; Check ran
		// just now, and a new empty folder holds nothing of an editor's.
		if err := os.Rename(staged[i], to); err != nil {
			for _, p := range placed {
				os.RemoveAll(p)
			}
			cleanup()
			return err
		}
		placed = append(placed, to)
	}
	return nil
}
