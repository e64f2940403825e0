package editor

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/content"
)

// photo is an uploaded image, already checked, with its file name in the
// story's bundle.
type photo struct {
	name string
	data []byte
	orig string // the name it was uploaded with
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

// changedError: the story's file no longer holds the bytes the save was
// made from; disk is what it holds now (nil: it is gone).
type changedError struct{ disk []byte }

func (e *changedError) Error() string { return "the story changed on disk during the save" }

// beforeCommit, if set, runs just before a save checks the file again and
// renames the new one in (tests change the file there).
var beforeCommit func()

// unchanged returns a *changedError unless file still holds old.
func (s *store) unchanged(file string, old []byte) error {
	if beforeCommit != nil {
		beforeCommit()
	}
	cur, err := s.root.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return &changedError{}
	}
	if err != nil {
		return err
	}
	if !bytes.Equal(cur, old) {
		return &changedError{disk: cur}
	}
	return nil
}

// update replaces the story file (relative to content/), which must still
// hold old, with data and adds photos: into its bundle, or, for a lone
// SLUG.md, by making the bundle SLUG/ with index.md and the photos, then
// removing SLUG.md. The file is read again just before the new one goes
// in: a change made on disk during the save (the save reads the whole
// site twice) is never overwritten, but reported as a *changedError, and
// nothing is written.
func (s *store) update(file string, old, data []byte, photos []photo) ([]string, error) {
	info, err := s.root.Lstat(file)
	if err != nil {
		return nil, err
	}
	mode := info.Mode().Perm()
	if len(photos) > 0 && path.Base(file) != "index.md" {
		dir := strings.TrimSuffix(file, ".md")
		if err := s.unchanged(file, old); err != nil {
			return nil, err
		}
		if err := s.newBundle(dir, data, photos); err != nil {
			return nil, err
		}
		if err := s.root.Remove(file); err != nil {
			return nil, fmt.Errorf("the story is now %s/index.md, but %s could not be removed: %w", dir, file, err)
		}
		return []string{file, dir}, nil
	}
	changed := []string{file}
	ok := false
	defer func() {
		if !ok { // photos written for a save that did not happen
			for _, name := range changed[1:] {
				s.root.Remove(name)
			}
		}
	}()
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
	if err := s.unchanged(file, old); err != nil {
		s.root.Remove(tmp)
		return nil, err
	}
	ok = true
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

// reTemp matches the names tempName makes, and only those.
var reTemp = regexp.MustCompile(`^\..+\.edit-[0-9a-f]{12}$`)

// tempAge is how old a temporary file must be before CleanTemp removes it:
// a save holds one for well under a second, so an older one was left by a
// save that was killed, not by one another serve of the site is making.
const tempAge = time.Minute

// CleanTemp removes, under the site's content/, what saves that were
// killed midway left behind: hidden files and folders named as tempName
// makes them (".NAME.edit-" and 12 hex digits) and older than tempAge. The
// loader never reads them, but `git add -A` would commit them. Nothing
// else is touched, and nothing outside content/. It returns the paths
// removed, relative to the site root.
func (e *Editor) CleanTemp() ([]string, error) {
	root, err := os.OpenRoot(filepath.Join(e.source(), content.Dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer root.Close()
	var removed []string
	old := time.Now().Add(-tempAge)
	err = fs.WalkDir(root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || p == ".":
			return nil
		case d.IsDir() && !reTemp.MatchString(d.Name()) && (strings.HasPrefix(d.Name(), ".") || strings.Count(p, "/") >= 2):
			return fs.SkipDir // saves write in stories/ and its bundles only
		case !reTemp.MatchString(d.Name()) || d.Type()&^fs.ModeDir != 0:
			return nil // links and other odd files are never ours
		}
		info, err := d.Info()
		if err != nil || info.ModTime().After(old) {
			return nil
		}
		if d.IsDir() {
			err = root.RemoveAll(p)
		} else {
			err = root.Remove(p)
		}
		if err == nil {
			removed = append(removed, content.Dir+"/"+p)
		}
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	})
	return removed, err
}

// ReplaceFile replaces an existing file under root (a site's content/
// folder), which must still hold old, with data, atomically and keeping
// its mode, as the editor saves a story: a file changed on disk since old
// was read is left alone and an error says so. It is for other commands
// that change stories in place (`showcase import`).
func ReplaceFile(root *os.Root, file string, old, data []byte) error {
	_, err := (&store{root: root}).update(file, old, data, nil)
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
