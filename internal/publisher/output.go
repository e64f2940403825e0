package publisher

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Writer receives the built site's files. Implementations must be safe for
// concurrent use: pages are written from many goroutines. data is only
// valid during the call (the build reuses its buffers): keep a copy.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// rootWriter writes into one folder, and no name, however odd, can escape
// it: names must be local (filepath.IsLocal) and clean, and files are
// opened beneath the folder without following symbolic links (see
// dirFD). Folders are created once, parents first, however many writers
// need them at the same time.
type rootWriter struct {
	dir  dirFD
	mu   sync.Mutex // guards the fields below
	dirs map[string]*mkdir
	// files are the names written, each ended by a NUL (which no name
	// holds): a site of 100,000 stories writes several hundred thousand
	// files, whose names as strings were so many more pointers for the
	// garbage collector to follow, the whole build long.
	files []byte
}

// mkdir creates one folder once, however many writers need it at the same
// time: each waits until it exists.
type mkdir struct {
	once   sync.Once
	err    error
	parent bool // some other folder was made in it: kept in dirs
}

func newRootWriter(dir string) (*rootWriter, error) {
	d, err := openDirFD(dir)
	if err != nil {
		return nil, err
	}
	return &rootWriter{dir: d, dirs: map[string]*mkdir{}}, nil
}

func (w *rootWriter) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(name) || path.Clean(name) != name || strings.IndexByte(name, 0) >= 0 {
		return fmt.Errorf("output file name %q is not a clean local path", name)
	}
	w.mu.Lock()
	w.files = append(append(w.files, name...), 0)
	w.mu.Unlock()
	if err := w.mkdirAll(path.Dir(name), false); err != nil {
		return err
	}
	return w.dir.writeFile(name, data)
}

// mkdirAll creates dir and its parents, each once while it is made; a
// folder made, and no other's parent so far, is then forgotten: a site
// has a folder per page, mostly of one file, and remembering each (at
// 100,000 stories, 100,000 entries and names the whole build long) would
// spare only the rare second file's mkdir, which finds the folder there.
// A folder that failed is remembered with its error.
func (w *rootWriter) mkdirAll(dir string, parent bool) error {
	if dir == "." {
		return nil
	}
	w.mu.Lock()
	d := w.dirs[dir]
	if d == nil {
		d = &mkdir{}
		w.dirs[dir] = d
	}
	d.parent = d.parent || parent
	w.mu.Unlock()
	d.once.Do(func() {
		if d.err = w.mkdirAll(path.Dir(dir), true); d.err == nil {
			d.err = w.dir.mkdir(dir)
		}
	})
	if d.err == nil && !parent {
		w.mu.Lock()
		if !d.parent && w.dirs[dir] == d {
			delete(w.dirs, dir)
		}
		w.mu.Unlock()
	}
	return d.err
}

func (w *rootWriter) Close() error { return w.dir.close() }

// written returns the files written, sorted.
func (w *rootWriter) written() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := strings.Split(string(w.files), "\x00")
	out = out[:len(out)-1] // after the last NUL
	sort.Strings(out)
	return out
}

// MemWriter keeps the site in memory, for serve and for tests.
type MemWriter struct {
	mu    sync.Mutex // guards Files
	Files map[string][]byte
}

// NewMemWriter returns an empty MemWriter.
func NewMemWriter() *MemWriter { return &MemWriter{Files: map[string][]byte{}} }

func (m *MemWriter) WriteFile(name string, data []byte) error {
	c := bytes.Clone(data)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Files[name] = c
	return nil
}

// manifestName lists, in every output folder showcase wrote, the files it
// wrote there; a folder holding anything else is not ours to replace.
const manifestName = ".showcase-files"

// foreignFiles returns files in dir that the last build did not write (up
// to a few, for the message). A missing or empty dir has none.
func foreignFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) || (err == nil && len(entries) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ours := map[string]bool{manifestName: true}
	if data, err := os.ReadFile(path.Join(dir, manifestName)); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if l != "" {
				ours[l] = true
			}
		}
	}
	var foreign []string
	err = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !ours[p] {
			foreign = append(foreign, p)
			if len(foreign) >= 3 {
				return fs.SkipAll
			}
		}
		return nil
	})
	return foreign, err
}

// asyncWriter hands files to a few goroutines that write them, so that
// rendering (bound by the cores) goes on while writes wait on the disk: on
// this project's machines, eight writers finish a site's files in about
// two thirds of the time two do (BenchmarkStages/write, measured).
type asyncWriter struct {
	w    Writer
	jobs chan asyncJob
	wg   sync.WaitGroup
	mu   sync.Mutex // guards err
	err  error
}

type asyncJob struct {
	name  string
	data  *[]byte // from copies, returned there once written, unless owned
	owned bool    // data is the caller's, given up (see WriteFileOwned)
}

// copies recycles the asyncWriter's copies of files: a 10,000-story build
// copies 170 MB of pages, which as fresh slices were garbage to collect.
// (A Writer keeps no data after its call, so a copy is free again then.)
// A copy larger than maxPooledCopy is not recycled: it would serve page
// after page at its size, and stay live as long as writes go on (at
// 100,000 stories the 42 MB stats.json, written beside the stories'
// pages, kept about 60 MB live through the rest of the build).
var copies = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledCopy = 1 << 20 // more than any page of the built-in theme

func newAsyncWriter(w Writer, writers int) *asyncWriter {
	a := &asyncWriter{w: w, jobs: make(chan asyncJob, 4*writers)}
	for range writers {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			for j := range a.jobs {
				err := a.w.WriteFile(j.name, *j.data)
				if !j.owned && cap(*j.data) <= maxPooledCopy {
					copies.Put(j.data)
				}
				if err != nil {
					a.mu.Lock()
					if a.err == nil {
						a.err = err
					}
					a.mu.Unlock()
				}
			}
		}()
	}
	return a
}

// WriteFile queues a copy of data (the caller reuses its buffer); an
// error of an earlier write is returned at once.
func (a *asyncWriter) WriteFile(name string, data []byte) error {
	if err := a.failed(); err != nil {
		return err
	}
	c := copies.Get().(*[]byte)
	*c = append((*c)[:0], data...)
	a.jobs <- asyncJob{name: name, data: c}
	return nil
}

// WriteFileOwned queues data itself: the caller never changes it again.
// The large files a build makes once (the search index's shards,
// stats.json: over 150 MB at 100,000 stories) are then not held twice
// until written.
func (a *asyncWriter) WriteFileOwned(name string, data []byte) error {
	if err := a.failed(); err != nil {
		return err
	}
	a.jobs <- asyncJob{name: name, data: &data, owned: true}
	return nil
}

// failed returns the error of an earlier write, if any.
func (a *asyncWriter) failed() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err
}

// Close waits for every queued write and returns the first error.
func (a *asyncWriter) Close() error {
	close(a.jobs)
	a.wg.Wait()
	return a.err
}
