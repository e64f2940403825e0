package editor

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// photo is an uploaded image, already checked, with its file name in the
// story's bundle.
type photo struct {
	name string
	data []byte
}

// store writes stories under one content folder. Every path goes through
// os.Root, so nothing outside content/ is ever written, whatever a name
// holds; names are also checked by the build's slug rules before they
// get here.
type store struct {
	root *os.Root // the site's content/
}

// errExists: "new" never replaces a story.
var errExists = errors.New("a story with this slug exists already")

// tempName is a hidden name beside name: the loader and serve's watcher
// ignore hidden files, so a half-written file is never built.
func tempName(name string) string {
	var b [6]byte
	rand.Read(b[:])
	return path.Join(path.Dir(name), "."+path.Base(name)+".edit-"+hex.EncodeToString(b[:]))
}

func (s *store) exists(name string) bool {
	_, err := s.root.Lstat(name)
	return err == nil
}

// create writes a new story: stories/SLUG.md, or the bundle stories/SLUG/
// when it has photos. It fails with errExists if either is there.
func (s *store) create(slug string, data []byte, photos []photo) ([]string, error) {
	file, dir := "stories/"+slug+".md", "stories/"+slug
	if s.exists(file) || s.exists(dir) {
		return nil, errExists
	}
	if err := s.root.MkdirAll("stories", 0o755); err != nil {
		return nil, err
	}
	if len(photos) > 0 {
		if err := s.newBundle(dir, data, photos); err != nil {
			return nil, err
		}
		return []string{dir}, nil
	}
	tmp := tempName(file)
	if err := s.writeNew(tmp, data, 0o644); err != nil {
		return nil, err
	}
	defer s.root.Remove(tmp)
	// A hard link, unlike a rename, fails when the name is taken: a story
	// saved by someone else a moment ago is never replaced.
	if err := s.root.Link(tmp, file); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, errExists
		}
		if s.exists(file) {
			return nil, errExists
		}
		if err := s.root.Rename(tmp, file); err != nil {
			return nil, err
		}
	}
	return []string{file}, nil
}

// newBundle writes index.md and the photos into a hidden folder, then
// renames it to dir, which must not exist.
func (s *store) newBundle(dir string, index []byte, photos []photo) error {
	tmp := tempName(dir)
	if err := s.root.Mkdir(tmp, 0o755); err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			s.root.RemoveAll(tmp)
		}
	}()
	if err := s.writeNew(tmp+"/index.md", index, 0o644); err != nil {
		return err
	}
	for _, p := range photos {
		if err := s.writeNew(tmp+"/"+p.name, p.data, 0o644); err != nil {
			return err
		}
	}
	if s.exists(dir) {
		return errExists
	}
	if err := s.root.Rename(tmp, dir); err != nil {
		return err
	}
	ok = true
	return nil
}

// update replaces the story file (relative to content/) with data and adds
// photos: into its bundle, or, for a lone SLUG.md, by making the bundle
// SLUG/ with index.md and the photos, then removing SLUG.md.
func (s *store) update(file string, data []byte, photos []photo) ([]string, error) {
	info, err := s.root.Lstat(file)
	if err != nil {
		return nil, err
	}
	mode := info.Mode().Perm()
	if len(photos) > 0 && path.Base(file) != "index.md" {
		dir := strings.TrimSuffix(file, ".md")
		if err := s.newBundle(dir, data, photos); err != nil {
			return nil, err
		}
		if err := s.root.Remove(file); err != nil {
			return nil, fmt.Errorf("the story is now %s/index.md, but %s could not be removed: %w", dir, file, err)
		}
		return []string{file, dir}, nil
	}
	changed := []string{file}
	for _, p := range photos {
		name := path.Join(path.Dir(file), p.name)
		if err := s.writeNew(name, p.data, 0o644); err != nil {
			return nil, err
		}
		changed = append(changed, name)
	}
	tmp := tempName(file)
	if err := s.writeNew(tmp, data, mode); err != nil {
		return nil, err
	}
	if err := s.root.Rename(tmp, file); err != nil {
		s.root.Remove(tmp)
		return nil, err
	}
	return changed, nil
}

// writeNew writes a file that must not exist yet, and syncs it.
func (s *store) writeNew(name string, data []byte, mode fs.FileMode) error {
	f, err := s.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if e := f.Close(); err == nil {
		err = e
	}
	if err != nil {
		s.root.Remove(name)
	}
	return err
}

// ReplaceFile replaces an existing file under root (a site's content/
// folder) with data, atomically and keeping its mode, as the editor saves
// a story. It is for other commands that change stories in place
// (`showcase import`).
func ReplaceFile(root *os.Root, file string, data []byte) error {
	_, err := (&store{root: root}).update(file, data, nil)
	return err
}

// CreateStory writes a new story stories/SLUG.md under root (a site's
// content/ folder) as the editor's "new story" does: never over an
// existing story or bundle. It returns the file written.
func CreateStory(root *os.Root, slug string, data []byte) (string, error) {
	files, err := (&store{root: root}).create(slug, data, nil)
	if err != nil {
		return "", err
	}
	return files[0], nil
}
