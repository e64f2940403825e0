package pdf

import (
	"embed"
	"net/http"
)

// The printed report is set in Noto Sans SC (SIL Open Font License 1.1,
// fonts/OFL.txt; the woff2 files of @fontsource/noto-sans-sc 5.3.1: the
// simplified-Chinese and Latin subsets, regular and bold). Its outlines are
// TrueType, which Chromium embeds in a PDF as subset CID fonts; the Noto
// Sans CJK of Linux systems is CFF, which Chromium can only draw as Type 3
// glyph procedures (about 200 of them for a four-page report, 600 KB, not
// searchable or archivable as text). The fonts are served to the printing
// browser only: they are not part of the published site.
//
//go:embed fonts/*.woff2 fonts/OFL.txt
var fonts embed.FS

// printPrefix is the path under which the printing server serves the
// fonts and their stylesheet; no site page can have it.
const printPrefix = "/__showcase-print/"

// printCSS sets every element of the printed page in the bundled font.
// Characters the subset lacks fall back to the system's fonts.
const printCSS = `@font-face { font-family: "showcase print"; font-weight: 400; src: url(fonts/noto-sans-sc-latin-400-normal.woff2) format("woff2"); unicode-range: U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD; }
@font-face { font-family: "showcase print"; font-weight: 700; src: url(fonts/noto-sans-sc-latin-700-normal.woff2) format("woff2"); unicode-range: U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD; }
@font-face { font-family: "showcase print"; font-weight: 400; src: url(fonts/noto-sans-sc-chinese-simplified-400-normal.woff2) format("woff2"); }
@font-face { font-family: "showcase print"; font-weight: 700; src: url(fonts/noto-sans-sc-chinese-simplified-700-normal.woff2) format("woff2"); }
@media print { html, body, body *, svg text { font-family: "showcase print", sans-serif !important; } }
`

// printHandler serves the fonts and printCSS below printPrefix.
func printHandler() http.Handler {
	files := http.FileServerFS(fonts)
	return http.StripPrefix(printPrefix[:len(printPrefix)-1], http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/print.css" {
			w.Header().Set("Content-Type", "text/css; charset=utf-8")
			w.Write([]byte(printCSS))
			return
		}
		files.ServeHTTP(w, r)
	}))
}
