package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Limits bound what reading one document may cost. The zero value of a
// field means its default.
type Limits struct {
	MaxFileBytes    int64 // the .docx file itself; default 100 MB
	MaxEntries      int   // files in the zip; default 5,000
	MaxPartBytes    int64 // one XML part once inflated; default 32 MB
	MaxPictureBytes int64 // one picture; default 20 MB, as the editor's photos
	MaxTotalBytes   int64 // everything inflated; default 300 MB
	MaxDepth        int   // XML nesting; default 200
	MaxTokens       int   // XML tokens in one part; default 4,000,000
}

// Defaults for the zero Limits.
const (
	DefaultMaxFileBytes    = 100 << 20
	DefaultMaxEntries      = 5000
	DefaultMaxPartBytes    = 32 << 20
	DefaultMaxPictureBytes = 20 << 20
	DefaultMaxTotalBytes   = 300 << 20
	DefaultMaxDepth        = 200
	DefaultMaxTokens       = 4_000_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultMaxEntries
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = DefaultMaxPartBytes
	}
	if l.MaxPictureBytes <= 0 {
		l.MaxPictureBytes = DefaultMaxPictureBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultMaxTotalBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxTokens <= 0 {
		l.MaxTokens = DefaultMaxTokens
	}
	return l
}

// ErrBinary is the error for a Word 97-2003 or WPS binary file (.doc,
// .wps), which only Word or WPS can turn into .docx.
var ErrBinary = errors.New("binary Word or WPS file")

// ErrTooLarge is the error for a document beyond one of its Limits.
var ErrTooLarge = errors.New("document beyond the limits")

// oleMagic starts every OLE compound file: .doc, .wps, .xls...
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// archive is an open .docx: its zip entries by name and the bytes inflated
// so far.
type archive struct {
	name  string // the document's name, for messages
	files map[string]*zip.File
	lim   Limits
	total int64
}

func openArchive(name string, r io.ReaderAt, size int64, lim Limits) (*archive, error) {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	if bytes.Equal(head, oleMagic) {
		return nil, diag.Wrap(ErrBinary, "docx-binary", name)
	}
	if size > lim.MaxFileBytes {
		return nil, diag.Wrap(ErrTooLarge, "docx-file-too-big", name, mb(size), mb(lim.MaxFileBytes))
	}
	if !bytes.HasPrefix(head, []byte("PK")) {
		return nil, diag.NewError("docx-not-word", name)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, diag.NewError("docx-bad-zip", name, err.Error())
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, diag.Wrap(ErrTooLarge, "docx-too-many-entries", name, len(zr.File), lim.MaxEntries)
	}
	a := &archive{name: name, files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	for _, f := range zr.File {
		a.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return a, nil
}

// mb is a byte count in whole megabytes, rounded up.
func mb(n int64) int64 { return (n + 1<<20 - 1) >> 20 }

// has reports whether the archive holds the part.
func (a *archive) has(part string) bool { return a.files[part] != nil }

// open opens a part for reading, at most max bytes of it: reading more is
// an error, whatever the zip's header says the size is.
func (a *archive) open(part string, max int64) (io.ReadCloser, error) {
	f := a.files[part]
	if f == nil {
		return nil, diag.NewError("docx-missing-part", a.name, part)
	}
	if f.UncompressedSize64 > uint64(max) {
		// The header says so: refuse before inflating anything. A header
		// that lies is caught by the count of bytes read.
		return nil, diag.Wrap(ErrTooLarge, "docx-part-too-big", a.name, part, mb(max))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, diag.NewError("docx-bad-part", a.name, part, err.Error())
	}
	return &boundedReader{a: a, part: part, r: rc, max: max}, nil
}

// read reads a whole part, at most max bytes.
func (a *archive) read(part string, max int64) ([]byte, error) {
	rc, err := a.open(part, max)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var b bytes.Buffer
	if f := a.files[part]; f.UncompressedSize64 < uint64(max) {
		b.Grow(int(f.UncompressedSize64)) // a hint only; the reader enforces max
	}
	_, err = io.Copy(&b, rc)
	return b.Bytes(), err
}

// boundedReader counts the bytes actually inflated from a part, against
// the part's bound and the document's.
type boundedReader struct {
	a    *archive
	part string
	r    io.ReadCloser
	n    int64
	max  int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	b.a.total += int64(n)
	if b.n > b.max {
		return n, diag.Wrap(ErrTooLarge, "docx-part-too-big", b.a.name, b.part, mb(b.max))
	}
	if b.a.total > b.a.lim.MaxTotalBytes {
		return n, diag.Wrap(ErrTooLarge, "docx-total-too-big", b.a.name, mb(b.a.lim.MaxTotalBytes))
	}
	if err != nil && !errors.Is(err, io.EOF) {
		err = diag.NewError("docx-bad-part", b.a.name, b.part, err.Error())
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.r.Close() }

// rel is one relationship of a part.
type rel struct {
	Type, Target string
	External     bool
}

// relsOf reads the relationships of part (word/document.xml ->
// word/_rels/document.xml.rels), targets resolved to part names. A part
// without relationships has none.
func (a *archive) relsOf(part string) (map[string]rel, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	out := map[string]rel{}
	err := a.eachStart(name, func(_ *xmlReader, se startTok) error {
		if se.Name.Local != "Relationship" {
			return nil
		}
		r := rel{Type: attr(se, "Type"), Target: attr(se, "Target"), External: attr(se, "TargetMode") == "External"}
		if !r.External {
			if strings.HasPrefix(r.Target, "/") {
				r.Target = path.Clean(strings.TrimPrefix(r.Target, "/"))
			} else {
				r.Target = path.Clean(dir + r.Target)
			}
		}
		out[attr(se, "Id")] = r
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// relOfType returns the targets of the relationships whose type ends in
// "/"+kind, sorted.
func relOfType(rels map[string]rel, kind string) []string {
	var out []string
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/"+kind) && !r.External {
			out = append(out, r.Target)
		}
	}
	sort.Strings(out)
	return out
}
