package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/keys"
	"github.com/jiangninglu/showcase/internal/meta"
)

// maxFileSize bounds one content file; larger ones are refused, not read.
const maxFileSize = 20 << 20

// storyBuffers are buffers to read stories' files into: Load keeps
// nothing of a story's bytes (strings decoded from its front matter are
// copies, and its Markdown is read again when rendered), so the next
// story's file can be read into the same buffer. A 100,000-story site
// then allocates about 700 MB less while it loads.
var storyBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBuffer bounds a buffer kept for the next story.
const maxPooledBuffer = 1 << 20

func loadFile(fsys fs.FS, cfg *config.Config, opts Options, j job, r *result) error {
	pos := diag.Pos{File: j.file}
	var buf []byte
	if j.kind == kindStory {
		p := storyBuffers.Get().(*[]byte)
		defer func() {
			if cap(*p) <= maxPooledBuffer {
				storyBuffers.Put(p)
			}
		}()
		buf = *p
		defer func() {
			if cap(buf) > cap(*p) {
				*p = buf[:0]
			}
		}()
	}
	src, size, err := readFile(fsys, j.file, buf)
	buf = src
	if err != nil {
		// Whatever went wrong, the way below words it as it always has.
		if info, err := fs.Stat(fsys, j.file); err == nil {
			size = info.Size()
		}
		if size <= maxFileSize {
			src, err = fs.ReadFile(fsys, j.file)
		}
	}
	if size > maxFileSize {
		r.probs.Report(pos, "", "file-too-large", size>>20, maxFileSize>>20)
		return nil
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) { // deleted while we built
			r.probs.Report(pos, "", "file-disappeared")
			return nil
		}
		return fmt.Errorf("%s: %w", j.file, err)
	}
	// Normalizing first changes neither whether the file is UTF-8 nor the
	// line of its first invalid byte: it drops a byte-order mark and the
	// CR of CRLF, never a line feed.
	src = meta.Normalize(src)
	ver, ok := version(src)
	if !ok {
		line := 1 + strings.Count(string(src[:firstInvalid(src)]), "\n")
		r.probs.Report(diag.Pos{File: j.file, Line: line}, "", "file-not-utf8")
		return nil
	}
	block, err := meta.Split(src)
	if err != nil {
		r.probs.Report(pos, "", "as-is", err)
		if errors.Is(err, meta.ErrUnclosed) {
			r.probs[len(r.probs)-1].Pos.Line = 1
		}
		return nil
	}
	var root *meta.Node
	if block.Format == "" {
		root = &meta.Node{Kind: meta.Map, Line: 1, Col: 1}
	} else {
		root, err = meta.Decode(block.Format, block.Data, block.Line)
		if err != nil {
			var se *meta.SyntaxError
			if errors.As(err, &se) {
				r.probs.Report(diag.Pos{File: j.file, Line: se.Line, Col: se.Col}, "", "as-is", se.Msg)
				return nil
			}
			return err
		}
	}
	f := meta.Fields{File: j.file, Problems: &r.probs}
	if root.Kind != meta.Map {
		f.Report(root, "", "frontmatter-not-map", root.Describe())
		return nil
	}
	source := Source{File: j.file, BodyLine: block.BodyLine, FrontLine: max(root.Line, 1), Version: ver}
	if j.kind != kindStory {
		// A story's Markdown is not held: a site's stories together may
		// come to a gigabyte. It is read again (ReadBody) when rendered.
		source.Body = block.Body
	}
	switch j.kind {
	case kindStory:
		r.story = decodeStory(f, root, cfg, opts, source, j)
	case kindReport:
		r.report = decodeReport(f, root, cfg, opts, source)
	default:
		r.page = decodePage(f, root, opts, source, j.kind)
	}
	return nil
}

// readFile reads the file name unless it is larger than maxFileSize,
// returning its size then. It opens the file once, where fs.Stat and
// fs.ReadFile would each look its path up (with os.Root, a walk of every
// folder on the way). It reads into buf if buf is large enough.
func readFile(fsys fs.FS, name string, buf []byte) (data []byte, size int64, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, err
	}
	if size = info.Size(); size > maxFileSize {
		return nil, size, nil
	}
	// One byte more than the size, to see the end without growing.
	data = buf[:0]
	if int64(cap(buf)) < size+1 {
		data = make([]byte, 0, size+1)
	}
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, size, nil
		}
		if err != nil {
			return nil, 0, err
		}
		if len(data) == cap(data) { // the file grew
			data = append(data, 0)[:len(data)]
		}
	}
}

// version hashes a file's bytes (see internal/keys), and reports whether
// they are valid UTF-8.
func version(b []byte) (sum uint64, utf8Valid bool) {
	if !utf8.Valid(b) {
		return 0, false
	}
	return keys.Bytes(b), true
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
