package editor

import (
	"bytes"
	"errors"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/images"
)

// checkPhoto says whether the build will take data as a photo, or why not
// (a message in the catalogue): an upload that sniffs as an image but is
// not one (JPEG magic bytes then HTML; "GIF89a" then HTML, which reads as
// a 26684x28020 GIF) would break every build after it. images.Validate
// reads the header, checks the pixels and, for a JPEG, the scans the build
// allows, then decodes the whole image within the build's decoding budget.
var checkPhoto = func(data []byte) error {
	return images.Validate(bytes.NewReader(data), "photo")
}

// photoProblem is why checkPhoto refused a photo, in lang.
func photoProblem(err error, lang string) string {
	var m *diag.MsgError
	if errors.As(err, &m) {
		return m.Msg.Format(lang)
	}
	return err.Error()
}
