package sitefs

import (
	"io"
	"io/fs"
	"os"
	"path"
	"time"

	"golang.org/x/sys/unix"
)

// siteFS is the site folder: os.Root's fs.FS, except that Open opens a
// regular file in two system calls (openat2, fstat) and reads and closes
// it with plain ones. Through os.Root a story two folders down took
// fifteen calls: an open, close and two fcntl per path element, and the
// poller's registration. RESOLVE_BENEATH gives os.Root's guarantee:
// nothing outside the folder is opened, through ".." or a symbolic link.
// Folders, and anything Open cannot open itself, go to os.Root, so errors
// read as they always have.
type siteFS struct {
	rootFS
	fd int
}

// rootFS is what os.Root's FS implements, but ReadFile: fs.ReadFile on a
// siteFS goes through its Open.
type rootFS interface {
	fs.StatFS
	fs.ReadDirFS
	fs.ReadLinkFS
}

// Open returns the site folder, root opened at dir, as an fs.FS, and a
// function to call when done with it. Where openat2 is missing (Linux
// before 5.6) it is root's own fs.FS.
func Open(root *os.Root, dir string) (fs.FS, func()) {
	rfs, ok := root.FS().(rootFS)
	if !ok {
		return root.FS(), func() {}
	}
	fd, err := unix.Open(dir, unix.O_DIRECTORY|unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return root.FS(), func() {}
	}
	probe := &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH}
	pfd, err := unix.Openat2(fd, ".", probe)
	if err != nil {
		unix.Close(fd)
		return root.FS(), func() {}
	}
	unix.Close(pfd)
	return &siteFS{rootFS: rfs, fd: fd}, func() { unix.Close(fd) }
}

func (s *siteFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return s.rootFS.Open(name)
	}
	how := &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	fd, err := unix.Openat2(s.fd, name, how)
	for err == unix.EINTR {
		fd, err = unix.Openat2(s.fd, name, how)
	}
	if err != nil {
		return s.rootFS.Open(name)
	}
	f := &fdFile{fd: fd, name: name}
	if unix.Fstat(fd, &f.st) != nil || f.st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return s.rootFS.Open(name)
	}
	return f, nil
}

// fdFile is a regular file opened by siteFS.
type fdFile struct {
	fd   int
	name string
	st   unix.Stat_t
}

func (f *fdFile) Stat() (fs.FileInfo, error) { return fdInfo{f}, nil }

func (f *fdFile) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	for {
		n, err := unix.Read(f.fd, b)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (f *fdFile) Close() error {
	if err := unix.Close(f.fd); err != nil {
		return &fs.PathError{Op: "close", Path: f.name, Err: err}
	}
	return nil
}

// fdInfo is an fdFile's fs.FileInfo, from the fstat of Open.
type fdInfo struct{ f *fdFile }

func (i fdInfo) Name() string       { return path.Base(i.f.name) }
func (i fdInfo) Size() int64        { return i.f.st.Size }
func (i fdInfo) Mode() fs.FileMode  { return fs.FileMode(i.f.st.Mode & 0o777) }
func (i fdInfo) ModTime() time.Time { return time.Unix(i.f.st.Mtim.Unix()) }
func (i fdInfo) IsDir() bool        { return false }
func (i fdInfo) Sys() any           { return &i.f.st }
