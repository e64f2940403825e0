package editor

import (
	"errors"
	"io/fs"
	"sort"
	"testing/fstest"
)

// overlay is the site as it would be after a save: base with some files
// added or replaced and some hidden. The build's loader reads it, so a
// save is validated by the build's own rules before anything is written.
type overlay struct {
	base  fs.FS
	files fstest.MapFS    // added or replaced, by path from the site root
	hide  map[string]bool // paths that would be gone
}

func (o *overlay) Open(name string) (fs.File, error) {
	if o.hide[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	f, err := o.base.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.files.Open(name) // a folder only the overlay has
	}
	return f, err
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	f, err := o.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Stat()
}

// ReadDir merges the base folder's entries with the overlay's.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	base, err := fs.ReadDir(o.base, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	mine, merr := o.files.ReadDir(name)
	if err != nil && merr != nil {
		return nil, err
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range base {
		p := e.Name()
		if name != "." {
			p = name + "/" + p
		}
		if !o.hide[p] {
			byName[e.Name()] = e
		}
	}
	for _, e := range mine {
		byName[e.Name()] = e
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Overlay returns base with files (by slash path from base's root) added
// or replaced: the site as it would be after a change, for validating the
// change with the build's own loader before writing it.
func Overlay(base fs.FS, files map[string][]byte) fs.FS {
	o := &overlay{base: base, files: fstest.MapFS{}, hide: map[string]bool{}}
	for name, data := range files {
		o.files[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return o
}
