package editor

import (
	"bytes"
	"errors"
	gifimg "image/gif"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/images"
)

// maxScans bounds the scans of an uploaded JPEG: Go's decoder visits every
// block of the image on every scan, so a small progressive file made of
// thousands of tiny scans costs minutes. Real progressive JPEGs have about
// ten.
const maxScans = 100

// checkPhoto says whether the build will take data as a photo, or why not
// (a message in the catalogue): an upload that sniffs as an image but is
// not one (JPEG magic bytes then HTML; "GIF89a" then HTML, which reads as
// a 26684x28020 GIF) would break every build after it. It reads the
// header, checks the size the build allows, then decodes the whole image
// through the build's own image code (a GIF's first frame, which the build
// passes through). Saves run one at a time, so one photo decodes at once.
//
// TODO(issue 23): once internal/images has its bounded validator
// (images.Validate, with the scan cap and cancellation), call it here and
// drop maxScans and jpegScans.
var checkPhoto = func(data []byte) error {
	if n := jpegScans(data); n > maxScans {
		return diag.NewError("photo-scans", n, maxScans)
	}
	// One small width: the decode is the build's, the resizing cheap.
	p := images.New(images.Options{Widths: []int{16}}, "")
	if _, err := p.Process("photo", data); err != nil {
		return err
	}
	if bytes.HasPrefix(data, []byte("GIF8")) {
		if _, err := gifimg.Decode(bytes.NewReader(data)); err != nil {
			return diag.Wrap(images.ErrCorrupt, "image-corrupt", "gif", err.Error())
		}
	}
	return nil
}

// jpegScans counts the start-of-scan markers of a JPEG (0 for any other
// file). Inside entropy-coded data 0xFF is always followed by 0x00 or a
// restart marker, so every FF DA is a scan.
func jpegScans(data []byte) int {
	if !bytes.HasPrefix(data, []byte("\xff\xd8\xff")) {
		return 0
	}
	return bytes.Count(data, []byte("\xff\xda"))
}

// photoProblem is why checkPhoto refused a photo, in lang.
func photoProblem(err error, lang string) string {
	var m *diag.MsgError
	if errors.As(err, &m) {
		return m.Msg.Format(lang)
	}
	return err.Error()
}
