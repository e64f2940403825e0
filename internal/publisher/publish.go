package publisher

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// ErrForeign is wrapped by Begin's error when the output folder holds
// files showcase did not write and force is not set.
var ErrForeign = errors.New("output folder holds files showcase did not write")

// Output is one publication of a site into an output folder: the folder
// is checked and locked (Open), a new folder is made beside it (Begin),
// the files are written there (WriteFile, Wait), and it takes the output
// folder's place (Publish). The previous output survives any failure
// untouched. Close ends it, whether published or not.
type Output struct {
	dest, shown    string // the output folder, absolute; as the user gave it
	parent, prefix string // its parent; the prefix of the names beside it
	unlock         func()

	tmp       string       // the new folder, from Begin
	w         *rootWriter  // writes into tmp
	aw        *asyncWriter // queues writes to w, until Wait
	closed    bool         // w is closed
	published bool
}

// Open checks that dest may be replaced by a build of the site in
// siteDir (both absolute and clean; see checkDest), and takes its lock.
// shown is dest as the user gave it, for messages. A second Open of the
// same folder, while the first is not closed, fails with ErrBusy.
func Open(siteDir, dest, shown string) (*Output, error) {
	if err := checkDest(siteDir, dest, shown); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	prefix := "." + filepath.Base(dest) + ".showcase-"
	unlock, err := lockOutput(parent, prefix, shown)
	if err != nil {
		return nil, err
	}
	return &Output{dest: dest, shown: shown, parent: parent, prefix: prefix, unlock: unlock}, nil
}

// Begin refuses, unless force, an output folder that holds files showcase
// did not write (ErrForeign); removes what killed builds left beside it;
// and makes the new folder that WriteFile writes into.
func (o *Output) Begin(force bool) error {
	if !force {
		foreign, err := foreignFiles(o.dest)
		if err != nil {
			return err
		}
		if len(foreign) > 0 {
			return diag.Wrap(ErrForeign, "output-foreign", o.shown, diag.Words(foreign))
		}
	}
	cleanStale(o.parent, o.prefix, o.dest)
	tmp, err := os.MkdirTemp(o.parent, o.prefix+"new-")
	if err != nil {
		return err
	}
	o.tmp = tmp
	w, err := newRootWriter(tmp)
	if err != nil {
		return err
	}
	o.w = w
	o.aw = newAsyncWriter(w, 8)
	return nil
}

// Dir is the new folder, for reading back what was written (after Wait).
func (o *Output) Dir() string { return o.tmp }

// WriteFile writes one file into the new folder. Until Wait, files are
// written by a few goroutines while the caller goes on, and an error
// comes back from a later call or from Wait; after Wait, at once. Safe
// for concurrent use.
func (o *Output) WriteFile(name string, data []byte) error {
	if o.aw != nil {
		return o.aw.WriteFile(name, data)
	}
	return o.w.WriteFile(name, data)
}

// WriteFileOwned writes data as WriteFile does, data being the
// caller's no more: it must not change after the call, and is written
// without a copy.
func (o *Output) WriteFileOwned(name string, data []byte) error {
	if o.aw != nil {
		return o.aw.WriteFileOwned(name, data)
	}
	return o.w.WriteFile(name, data)
}

// Wait waits for every queued write and returns the first error.
func (o *Output) Wait() error {
	if o.aw == nil {
		return nil
	}
	err := o.aw.Close()
	o.aw = nil
	return err
}

// Publish writes the list of the files written (the manifest, which tells
// the next build the folder is showcase's) and puts the new folder in
// the output folder's place. Call it after Wait.
func (o *Output) Publish() error {
	manifest := strings.Join(o.w.written(), "\n") + "\n"
	if err := o.w.WriteFile(manifestName, []byte(manifest)); err != nil {
		return err
	}
	o.closed = true
	if err := o.w.Close(); err != nil {
		return err
	}
	if err := os.Chmod(o.tmp, 0o755); err != nil {
		return err
	}
	if err := swap(o.tmp, o.dest, o.prefix); err != nil {
		return err
	}
	o.published = true
	return nil
}

// Close removes the new folder unless it was published, and lets the lock
// go.
func (o *Output) Close() {
	if !o.published {
		if o.aw != nil {
			o.aw.Close()
		}
		if o.w != nil && !o.closed {
			o.w.Close()
		}
		if o.tmp != "" {
			os.RemoveAll(o.tmp)
		}
	}
	o.unlock()
}

// swap puts the new folder in place of dest. On Linux both names are
// exchanged in one atomic step, so readers never see a missing folder.
func swap(tmp, dest, prefix string) error {
	if _, err := os.Lstat(dest); os.IsNotExist(err) {
		return os.Rename(tmp, dest)
	}
	err := exchange(tmp, dest)
	if err == nil {
		return os.RemoveAll(tmp) // tmp now holds the old output
	}
	// No atomic exchange on this file system: move the old one aside first.
	old := filepath.Join(filepath.Dir(dest), prefix+"old")
	os.RemoveAll(old)
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return err
	}
	return os.RemoveAll(old)
}

// cleanStale removes folders left by a build that was killed, and puts back
// an old output that a killed non-atomic swap had moved aside.
func cleanStale(parent, prefix, dest string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(parent, e.Name())
		if e.Name() == prefix+"old" {
			if _, err := os.Lstat(dest); os.IsNotExist(err) {
				os.Rename(p, dest)
				continue
			}
		}
		os.RemoveAll(p)
	}
}
