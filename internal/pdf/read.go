package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// This file reads back the little of a PDF that printing needs, from the
// files Chromium (Skia) writes: a classic cross-reference table, plain
// dictionaries for the catalogue, the page tree and the named
// destinations. It is not a general PDF reader.

// doc is a printed PDF, indexed by its cross-reference table.
type doc struct {
	data    []byte
	offsets map[int]int // object number -> byte offset of "N 0 obj"
	trailer []byte
	xref    int // offset of the last cross-reference table
	size    int // the trailer's /Size
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	refRe       = regexp.MustCompile(`^\s*(\d+)\s+0\s+R`)
)

// maxObjects bounds the cross-reference table read.
const maxObjects = 1 << 20

func parse(data []byte) (*doc, error) {
	m := startxrefRe.FindSubmatch(data)
	if m == nil {
		return nil, errors.New("no startxref at the end of the PDF")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	d := &doc{data: data, offsets: map[int]int{}, xref: xref}
	// The last section first; an incremental update's trailer names the
	// section before it (/Prev), whose entries count where the newer
	// sections have none.
	for off, sections := xref, 0; ; sections++ {
		if sections > 64 {
			return nil, errors.New("too many cross-reference sections")
		}
		trailer, err := d.section(off)
		if err != nil {
			return nil, err
		}
		if d.trailer == nil {
			d.trailer = trailer
			if m := regexp.MustCompile(`/Size\s+(\d+)`).FindSubmatch(trailer); m != nil {
				d.size, _ = strconv.Atoi(string(m[1]))
			}
		}
		m := regexp.MustCompile(`/Prev\s+(\d+)`).FindSubmatch(trailer)
		if m == nil {
			return d, nil
		}
		off, _ = strconv.Atoi(string(m[1]))
	}
}

// section reads the cross-reference section at offset xref into d, the
// entries d has already taken precedence, and returns its trailer.
func (d *doc) section(xref int) ([]byte, error) {
	data := d.data
	if xref <= 0 || xref >= len(data) || !bytes.HasPrefix(data[xref:], []byte("xref")) {
		return nil, fmt.Errorf("no cross-reference table at offset %d (a PDF with cross-reference streams is not read here)", xref)
	}
	p := xref + len("xref")
	for {
		// A subsection: "first count", then count entries of 20 bytes.
		for p < len(data) && isSpace(data[p]) {
			p++
		}
		if bytes.HasPrefix(data[p:], []byte("trailer")) {
			break
		}
		line := p
		for p < len(data) && data[p] != '\n' && data[p] != '\r' {
			p++
		}
		var first, count int
		if _, err := fmt.Sscanf(string(data[line:p]), "%d %d", &first, &count); err != nil {
			return nil, fmt.Errorf("cross-reference subsection %q: %v", data[line:p], err)
		}
		if count < 0 || count > maxObjects || first < 0 || first > maxObjects {
			return nil, fmt.Errorf("cross-reference subsection of %d objects", count)
		}
		for p < len(data) && isSpace(data[p]) {
			p++
		}
		for i := range count {
			if p+18 > len(data) {
				return nil, errors.New("cross-reference table cut short")
			}
			entry := data[p : p+18]
			if _, seen := d.offsets[first+i]; entry[17] == 'n' && !seen {
				off, err := strconv.Atoi(string(entry[:10]))
				if err != nil {
					return nil, fmt.Errorf("cross-reference entry %q", entry)
				}
				d.offsets[first+i] = off
			}
			p += 20
		}
	}
	end := bytes.Index(data[p:], []byte("startxref"))
	if end < 0 {
		return nil, errors.New("no trailer")
	}
	return data[p : p+end], nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// object returns the body of object n: what stands between "n 0 obj" and
// "stream" or "endobj".
func (d *doc) object(n int) ([]byte, error) {
	off, ok := d.offsets[n]
	if !ok || off < 0 || off >= len(d.data) {
		return nil, fmt.Errorf("no object %d", n)
	}
	b := d.data[off:]
	head := bytes.Index(b, []byte("obj"))
	if head < 0 || head > 32 {
		return nil, fmt.Errorf("object %d: no header", n)
	}
	b = b[head+3:]
	end := bytes.Index(b, []byte("endobj"))
	if s := bytes.Index(b, []byte("stream")); s >= 0 && (end < 0 || s < end) {
		end = s
	}
	if end < 0 {
		return nil, fmt.Errorf("object %d: no end", n)
	}
	return bytes.TrimSpace(b[:end]), nil
}

// ref returns the object number of the reference that follows key in dict.
func ref(dict []byte, key string) (int, bool) {
	i := indexKey(dict, key)
	if i < 0 {
		return 0, false
	}
	m := refRe.FindSubmatch(dict[i+len(key):])
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(string(m[1]))
	return n, err == nil
}

// indexKey finds /key as a whole name in dict.
func indexKey(dict []byte, key string) int {
	for from := 0; ; {
		i := bytes.Index(dict[from:], []byte(key))
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(key)
		if end >= len(dict) || !isNameChar(dict[end]) {
			return i
		}
		from = end
	}
}

func isNameChar(c byte) bool {
	return !isSpace(c) && c != '/' && c != '[' && c != ']' && c != '<' && c != '>' && c != '(' && c != ')'
}

var kidsRe = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
var refsRe = regexp.MustCompile(`(\d+)\s+0\s+R`)

// pages returns the object numbers of the pages, in order.
func (d *doc) pages() ([]int, error) {
	root, ok := ref(d.trailer, "/Root")
	if !ok {
		return nil, errors.New("no /Root in the trailer")
	}
	cat, err := d.object(root)
	if err != nil {
		return nil, err
	}
	top, ok := ref(cat, "/Pages")
	if !ok {
		return nil, errors.New("no /Pages in the catalogue")
	}
	var out []int
	var walk func(n, depth int) error
	walk = func(n, depth int) error {
		if depth > 32 || len(out) > maxObjects {
			return errors.New("page tree too deep")
		}
		o, err := d.object(n)
		if err != nil {
			return err
		}
		m := kidsRe.FindSubmatch(o)
		if m == nil { // a page
			out = append(out, n)
			return nil
		}
		for _, k := range refsRe.FindAllSubmatch(m[1], -1) {
			kid, _ := strconv.Atoi(string(k[1]))
			if err := walk(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(top, 0)
}

var destRe = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*(\[\s*(\d+)\s+0\s+R|(\d+)\s+0\s+R)`)

// destPages returns the page (1 for the first) of each named destination
// of the catalogue's /Dests: Chromium names one for each element a link
// inside the page points to (href="#id"), the name being the id as the
// link wrote it.
func destPages(data []byte) (map[string]int, error) {
	d, err := parse(data)
	if err != nil {
		return nil, err
	}
	pages, err := d.pages()
	if err != nil {
		return nil, err
	}
	index := map[int]int{}
	for i, p := range pages {
		index[p] = i + 1
	}
	root, _ := ref(d.trailer, "/Root")
	cat, err := d.object(root)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	dn, ok := ref(cat, "/Dests")
	if !ok {
		return out, nil // no internal links
	}
	dests, err := d.object(dn)
	if err != nil {
		return nil, err
	}
	for _, m := range destRe.FindAllSubmatch(bytes.TrimPrefix(dests, []byte("<<")), -1) {
		page := 0
		if len(m[3]) > 0 {
			page, _ = strconv.Atoi(string(m[3]))
		} else { // a reference to the destination's array
			n, _ := strconv.Atoi(string(m[4]))
			arr, err := d.object(n)
			if err != nil {
				continue
			}
			if r := refsRe.FindSubmatch(arr); r != nil {
				page, _ = strconv.Atoi(string(r[1]))
			}
		}
		if p, ok := index[page]; ok {
			out[destName(m[1])] = p
		}
	}
	return out, nil
}

// destName decodes a PDF name (#xx escapes) and then the URL escapes of
// the fragment it came from.
func destName(b []byte) string {
	var raw []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				raw = append(raw, byte(v))
				i += 2
				continue
			}
		}
		raw = append(raw, b[i])
	}
	if s, err := url.PathUnescape(string(raw)); err == nil {
		return s
	}
	return string(raw)
}

// Info is the document information a PDF carries: what a file manager,
// an archive or a library catalogue shows of it.
type Info struct {
	Title, Author, Subject, Keywords string
}

// withInfo returns data with its document information replaced by info
// (Creator "showcase", Producer kept), as an incremental update: the
// bytes Chromium wrote stay as they are, and a new information
// dictionary, cross-reference section and trailer follow them.
func withInfo(data []byte, info Info) ([]byte, error) {
	d, err := parse(data)
	if err != nil {
		return nil, err
	}
	root, ok := ref(d.trailer, "/Root")
	if !ok || d.size <= 0 {
		return nil, errors.New("no /Root or /Size in the trailer")
	}
	producer := "showcase"
	if old, ok := ref(d.trailer, "/Info"); ok {
		if o, err := d.object(old); err == nil {
			if m := regexp.MustCompile(`/Producer\s*\(([^()\\]*)\)`).FindSubmatch(o); m != nil {
				producer = string(m[1]) + "; showcase"
			}
		}
	}
	n := d.size
	var b bytes.Buffer
	b.Write(data)
	if data[len(data)-1] != '\n' {
		b.WriteByte('\n')
	}
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Creator (showcase)\n/Producer %s", n, pdfString(producer))
	for _, kv := range [][2]string{{"Title", info.Title}, {"Author", info.Author}, {"Subject", info.Subject}, {"Keywords", info.Keywords}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "\n/%s %s", kv[0], pdfString(kv[1]))
		}
	}
	b.WriteString(">>\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<</Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d>>\nstartxref\n%d\n%%%%EOF\n",
		n, off, n+1, root, n, d.xref, xref)
	return b.Bytes(), nil
}

// pdfString writes s as a PDF text string: UTF-16BE with a byte-order
// mark, in hexadecimal.
func pdfString(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
