package images

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/diag"
)

// The disk cache holds one folder per processed image:
//
//	cacheDir/CACHEDIR.TAG
//	cacheDir/ab/abcdef.../meta.json   sizes, types and checksums
//	cacheDir/ab/abcdef.../480.jpg     one file per variant
//
// A folder is written under a temporary name and renamed into place, so a
// reader sees a whole entry or none, and two writers of the same image
// (two goroutines, or a build and a serve) cannot mix their files.
// Checksums in meta.json catch an entry damaged on disk: it is then
// treated as missing and written again.

const metaFile = "meta.json"

type cacheMeta struct {
	Version       string
	Width, Height int
	Files         []cacheFile
}

type cacheFile struct {
	Name          string // "480.jpg"
	Width, Height int
	Type          string
	Size          int
	SHA256        string
}

// CacheDir returns the cache folder rel (slash-separated) under the site
// root, or an error when a folder on the way below root exists as a
// symbolic link or as something other than a folder. The cache writes and
// deletes there, so it must stay inside the site: a link committed in
// place of .showcase-cache must not lead it anywhere else. Folders not
// there yet are made later as real folders.
func CacheDir(root, rel string) (string, error) {
	dir := root
	for _, part := range strings.Split(rel, "/") {
		dir = filepath.Join(dir, part)
		info, err := os.Lstat(dir)
		if errors.Is(err, fs.ErrNotExist) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("image cache: %w", err)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return "", diag.NewError("cache-link", dir)
		}
		if !info.IsDir() {
			return "", diag.NewError("cache-not-dir", dir)
		}
	}
	return filepath.Join(root, filepath.FromSlash(rel)), nil
}

// checkCacheDir refuses a cache folder that has become a symbolic link
// since CacheDir looked, before anything is written or deleted there.
func (p *Processor) checkCacheDir() error {
	info, err := os.Lstat(p.cacheDir)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return diag.NewError("cache-link", p.cacheDir)
	}
	return nil
}

func (p *Processor) entryDir(key string) string {
	return filepath.Join(p.cacheDir, key[:2], key)
}

// readCache returns the entry for key if it is present and intact.
func (p *Processor) readCache(key string) (*stored, bool) {
	if p.cacheDir == "" {
		return nil, false
	}
	dir := p.entryDir(key)
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return nil, false
	}
	var m cacheMeta
	if err := json.Unmarshal(b, &m); err != nil || m.Version != codeVersion || len(m.Files) == 0 {
		return nil, false
	}
	s := &stored{Width: m.Width, Height: m.Height}
	for _, f := range m.Files {
		if !validName(f.Name) {
			return nil, false
		}
		data, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || len(data) != f.Size || checksum(data) != f.SHA256 {
			return nil, false
		}
		s.Files = append(s.Files, storedFile{Suffix: "-" + f.Name, Width: f.Width, Height: f.Height, Type: f.Type, Data: data})
	}
	return s, true
}

// writeCache stores s under key. A failure costs only speed, so it is
// logged, not returned.
func (p *Processor) writeCache(key string, s *stored) {
	if p.cacheDir == "" {
		return
	}
	if err := p.tryWriteCache(key, s); err != nil {
		p.logger.Warn("image cache: cannot store a processed image; it will be processed again next time", "dir", p.cacheDir, "err", err)
	}
}

func (p *Processor) tryWriteCache(key string, s *stored) error {
	if err := p.checkCacheDir(); err != nil {
		return err
	}
	parent := filepath.Join(p.cacheDir, key[:2])
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tagCacheDir(p.cacheDir)
	tmp, err := os.MkdirTemp(parent, tmpPrefix+key[:8]+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // a no-op once renamed

	m := cacheMeta{Version: codeVersion, Width: s.Width, Height: s.Height}
	for _, f := range s.Files {
		name := strings.TrimPrefix(f.Suffix, "-")
		if err := os.WriteFile(filepath.Join(tmp, name), f.Data, 0o644); err != nil {
			return err
		}
		m.Files = append(m.Files, cacheFile{Name: name, Width: f.Width, Height: f.Height, Type: f.Type, Size: len(f.Data), SHA256: checksum(f.Data)})
	}
	b, err := json.MarshalIndent(m, "", "\t")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, metaFile), b, 0o644); err != nil {
		return err
	}

	final := p.entryDir(key)
	if err := os.Rename(tmp, final); err == nil {
		return nil
	}
	// Something is in the way: either another writer finished first (fine,
	// same content) or a damaged entry, which is replaced.
	if _, ok := p.readCache(key); ok {
		return nil
	}
	if err := os.RemoveAll(final); err != nil {
		return err
	}
	return os.Rename(tmp, final)
}

const tmpPrefix = ".tmp-"

// tagCacheDir marks dir as a cache that backup tools may skip
// (https://bford.info/cachedir/).
func tagCacheDir(dir string) {
	name := filepath.Join(dir, "CACHEDIR.TAG")
	if _, err := os.Stat(name); err == nil {
		return
	}
	_ = os.WriteFile(name, []byte("Signature: 8a477f597d28d172789f06886806bc55\n"+
		"# This folder holds images processed by showcase; deleting it only makes the next build slower.\n"), 0o644)
}

func checksum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// validName accepts the file names writeCache makes, such as "480.jpg".
func validName(name string) bool {
	return name != "" && name != metaFile && !strings.ContainsAny(name, `/\`) && filepath.IsLocal(name)
}

func isKey(s string) bool {
	if len(s) != 64 {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil && strings.ToLower(s) == s
}

// Prune deletes from the disk cache every entry that no Process call of
// this Processor has returned, and temporary folders left by a crash more
// than an hour ago. Call it after a complete, successful build, when no
// Process call is running; it only ever deletes folders named like cache
// entries, so a cache folder set to a wrong path loses nothing else.
func (p *Processor) Prune() error {
	if p.cacheDir == "" {
		return nil
	}
	if err := p.checkCacheDir(); err != nil {
		return err
	}
	p.mu.Lock()
	used := make(map[string]bool, len(p.used))
	for k := range p.used {
		used[k] = true
	}
	p.mu.Unlock()

	shards, err := os.ReadDir(p.cacheDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	var errs []error
	for _, shard := range shards {
		if !shard.IsDir() || len(shard.Name()) != 2 {
			continue
		}
		dir := filepath.Join(p.cacheDir, shard.Name())
		entries, err := os.ReadDir(dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		left := len(entries)
		for _, e := range entries {
			name := e.Name()
			stale := isKey(name) && strings.HasPrefix(name, shard.Name()) && !used[name]
			if !stale && strings.HasPrefix(name, tmpPrefix) {
				info, err := e.Info()
				stale = err == nil && time.Since(info.ModTime()) > time.Hour
			}
			if !stale || !e.IsDir() {
				continue
			}
			if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
				errs = append(errs, err)
				continue
			}
			left--
		}
		if left == 0 {
			_ = os.Remove(dir) // only if empty
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	return nil
}
