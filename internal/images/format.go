package images

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/gen2brain/webp"

	"github.com/jiangninglu/showcase/internal/diag"
)

// Errors that Process wraps, for errors.Is.
var (
	ErrUnsupported = errors.New("unsupported image format")
	ErrTooLarge    = errors.New("image too large")
	ErrCorrupt     = errors.New("corrupt image")
)

// Error is an error about one image; Name is the name given to Process.
type Error struct {
	Name string
	Err  error
}

func (e *Error) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// format is an image format recognised by its content.
type format string

const (
	formatJPEG    format = "JPEG"
	formatPNG     format = "PNG"
	formatWebP    format = "WebP"
	formatGIF     format = "GIF"
	formatSVG     format = "SVG"
	formatHEIF    format = "HEIC/HEIF"
	formatAVIF    format = "AVIF"
	formatBMP     format = "BMP"
	formatTIFF    format = "TIFF"
	formatUnknown format = ""
)

// sniff tells the format from the first bytes, whatever the file is
// called: editors rename files, and phones save HEIC as .jpg.
func sniff(b []byte) format {
	switch {
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return formatJPEG
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return formatWebP
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return formatGIF
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "avif", "avis":
			return formatAVIF
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1":
			return formatHEIF
		}
	case bytes.HasPrefix(b, []byte("BM")) && len(b) >= 26:
		return formatBMP
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return formatTIFF
	case isSVG(b):
		return formatSVG
	}
	return formatUnknown
}

// isSVG: text starting with markup whose first element, within the first
// few kilobytes, is <svg.
func isSVG(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	return bytes.Contains(b[:min(len(b), 4096)], []byte("<svg"))
}

func sniffedType(b []byte) string {
	switch sniff(b) {
	case formatJPEG:
		return TypeJPEG
	case formatPNG:
		return TypePNG
	case formatWebP:
		return TypeWebP
	case formatGIF:
		return TypeGIF
	case formatSVG:
		return TypeSVG
	}
	return "application/octet-stream"
}

type decoder struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}

// decoders are called directly, not through image.Decode, so that only
// these formats are ever decoded whatever else a program registers.
var decoders = map[format]decoder{
	formatJPEG: {jpeg.DecodeConfig, jpeg.Decode},
	formatPNG:  {png.DecodeConfig, png.Decode},
	formatWebP: {webp.DecodeConfig, webp.Decode},
}

func unsupported(f format) error {
	switch f {
	case formatUnknown:
		return diag.Wrap(ErrUnsupported, "image-unknown-format")
	case formatHEIF, formatAVIF:
		return diag.Wrap(ErrUnsupported, "image-export-jpeg", string(f))
	}
	return diag.Wrap(ErrUnsupported, "image-convert", string(f))
}

// corrupt explains a decoder's error about data.
func corrupt(f format, data []byte, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || truncated(f, data) {
		return diag.Wrap(ErrCorrupt, "image-truncated", string(f))
	}
	return diag.Wrap(ErrCorrupt, "image-corrupt", string(f), err.Error())
}

// truncated reports whether data lacks the end its format requires. The
// decoders report a cut file in many ways ("short Huffman data", "not
// enough pixel data"); this is the one editors can act on.
func truncated(f format, data []byte) bool {
	switch f {
	case formatJPEG:
		return !bytes.HasSuffix(bytes.TrimRight(data, "\x00"), []byte{0xff, 0xd9})
	case formatPNG:
		return !bytes.HasSuffix(data, []byte("IEND\xaeB`\x82"))
	case formatWebP:
		return len(data) < 8 || int64(binary.LittleEndian.Uint32(data[4:]))+8 > int64(len(data))
	}
	return false
}
