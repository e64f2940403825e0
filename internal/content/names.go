package content

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/meta"
)

// A slug or a facet value's URL name becomes one folder name of the
// output. File systems allow 255 bytes in a name (a Chinese character
// takes 3 in UTF-8), and the site may be built and edited on Windows, which
// reserves some names whatever their case or extension.

// maxNameBytes bounds a URL name, below the 255-byte file name limit.
const maxNameBytes = 200

// checkPathName returns why name cannot be one folder name of the output,
// or nil.
func checkPathName(name string) error {
	if len(name) > maxNameBytes {
		return diag.NewError("name-too-long", len(name), maxNameBytes)
	}
	if strings.HasSuffix(name, ".") {
		return diag.NewError("name-ends-dot")
	}
	if d := windowsDevice(name); d != "" {
		return diag.NewError("name-device", d)
	}
	return nil
}

// windowsDevice returns the device name that name is on Windows (CON,
// PRN, AUX, NUL, COM0-9, LPT0-9, in any case, with any extension), or "".
func windowsDevice(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	stem = strings.ToUpper(strings.TrimRight(stem, " "))
	switch stem {
	case "CON", "PRN", "AUX", "NUL":
		return stem
	}
	if len(stem) == 4 && (stem[:3] == "COM" || stem[:3] == "LPT") && stem[3] >= '0' && stem[3] <= '9' {
		return stem
	}
	// COM¹ and friends, which Windows reserves too.
	if r := []rune(stem); len(r) == 4 && (string(r[:3]) == "COM" || string(r[:3]) == "LPT") && strings.ContainsRune("¹²³", r[3]) {
		return stem
	}
	return ""
}

// nfc returns s in Unicode normal form C, so that one word typed on two
// systems (é as one character or as e and an accent; a CJK compatibility
// ideograph) is one value: one facet page, one statistics group, one slug.
func nfc(s string) string { return norm.NFC.String(s) }

// facetValue normalises a facet value and checks the URL name it makes;
// a problem is recorded at the value's node.
func facetValue(f meta.Fields, v *meta.Node, k, s string) string {
	s = nfc(s)
	if s == "" {
		return s
	}
	if err := checkPathName(URLName(s)); err != nil {
		f.Report(v, k, "facet-name", diag.Quote(s), diag.Quote(URLName(s)), err)
	}
	return s
}
