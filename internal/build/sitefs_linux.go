package build

import (
	"io/fs"
	"math"
	"os"

	"golang.org/x/sys/unix"
)

// siteFS is the site folder: os.Root's fs.FS, with ReadFile and
// ReadFileLimit (which content.Load uses) reading a file in four system
// calls (openat2, fstat, read, close). Through os.Root a story two folders down took
// fifteen: an open, close and two fcntl per path element, and the
// poller's registration. RESOLVE_BENEATH gives os.Root's guarantee:
// nothing outside the folder is read, through ".." or a symbolic link.
type siteFS struct {
	rootFS
	fd int
}

// rootFS is what os.Root's FS implements; siteFS keeps all of it.
type rootFS interface {
	fs.StatFS
	fs.ReadFileFS
	fs.ReadDirFS
	fs.ReadLinkFS
}

// openSiteFS returns the site folder as an fs.FS and a function to call
// when done with it.
func openSiteFS(root *os.Root, dir string) (fs.FS, func()) {
	rfs, ok := root.FS().(rootFS)
	if !ok {
		return root.FS(), func() {}
	}
	d, err := openDirFD(dir)
	if err != nil {
		return rfs, func() {}
	}
	if d.noOpen2 {
		d.close()
		return rfs, func() {}
	}
	return &siteFS{rootFS: rfs, fd: d.fd}, func() { unix.Close(d.fd) }
}

// ReadFile reads the file name whole (static files, images). Where that
// fails, os.Root reads it again, so errors read as they always have.
func (s *siteFS) ReadFile(name string) ([]byte, error) {
	data, _, err := s.ReadFileLimit(name, math.MaxInt64)
	if err != nil {
		return s.rootFS.ReadFile(name)
	}
	return data, nil
}

// ReadFileLimit reads the file name whole, or only reports its size when
// that is larger than limit.
func (s *siteFS) ReadFileLimit(name string, limit int64) (data []byte, size int64, err error) {
	if !fs.ValidPath(name) {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	how := &unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC, Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS}
	var fd int
	for {
		fd, err = unix.Openat2(s.fd, name, how)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return nil, 0, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, 0, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, 0, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	if size = st.Size; size > limit {
		return nil, size, nil
	}
	// One byte more than the size, to see the end without growing.
	data = make([]byte, 0, size+1)
	for {
		n, err := unix.Read(fd, data[len(data):cap(data)])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, 0, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return data, size, nil
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) { // the file grew
			data = append(data, 0)[:len(data)]
		}
	}
}
