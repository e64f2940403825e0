package stats

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Bar is one bar of a chart.
type Bar struct {
	Label    string
	Value    float64
	Reported bool   // false: no bar, the words "not reported"
	Text     string // the formatted value printed after the bar; "" means FormatNumber(Value)
}

// Chart geometry, in viewBox units.
const (
	chartWidth  = 640
	labelRight  = 200 // labels end here, right-aligned
	barLeft     = 208
	valueSpace  = 120 // room after the longest bar for its value
	barMax      = chartWidth - barLeft - valueSpace
	rowHeight   = 28
	barHeight   = 18
	chartPad    = 8
	fontSize    = 14
	labelWidth  = 24 // in half-width units: about 12 CJK characters
	barColour   = "#1f3a5f"
	textColour  = "#111"
	mutedColour = "#444"
	chartFonts  = `system-ui,-apple-system,'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei',sans-serif`
)

// BarChart draws a horizontal bar chart as an SVG element, at build time: no
// script, one dark solid colour, each value written as text after its bar so
// that the chart reads without colour and prints in black and white. Labels
// stand left of the bars, cut to about 12 CJK characters with "…" (the full
// label is the text's tooltip). A bar that is not reported is drawn as no bar
// and the words "未报告" or "not reported", after lang.
//
// The chart is role="img", labelled by its <title> and described by its
// <desc> (left out when desc is ""); their ids start with idPrefix, which
// must be unique on the page. All text is escaped, so the result can be put
// in a page as it is (template.HTML). It is 640 units wide and scales down:
// the page's CSS should give svg.bar-chart max-width:100%; height:auto.
func BarChart(idPrefix, title, desc string, bars []Bar, lang string) string {
	id := chartID(idPrefix)
	height := 2*chartPad + len(bars)*rowHeight
	notReported := "not reported"
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		notReported = "未报告"
	}
	top := 0.0
	for _, b := range bars {
		if b.Reported && finite(b.Value) {
			top = max(top, b.Value)
		}
	}

	var sb strings.Builder
	w := func(parts ...string) {
		for _, p := range parts {
			sb.WriteString(p)
		}
	}
	labelledBy := id + "-title"
	if desc != "" {
		labelledBy += " " + id + "-desc"
	}
	w(`<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" width="640" height="`, itoa(height),
		`" viewBox="0 0 640 `, itoa(height), `" role="img" aria-labelledby="`, escape(labelledBy),
		`" font-family="`, chartFonts, `" font-size="`, itoa(fontSize), `">`)
	w(`<title id="`, escape(id), `-title">`, escape(title), `</title>`)
	if desc != "" {
		w(`<desc id="`, escape(id), `-desc">`, escape(desc), `</desc>`)
	}
	for i, b := range bars {
		y := chartPad + i*rowHeight + (rowHeight-barHeight)/2
		baseline := itoa(y + barHeight/2 + fontSize*7/20) // optical middle of the bar
		label, cut := truncate(b.Label, labelWidth)
		w(`<g>`)
		if cut {
			w(`<title>`, escape(b.Label), `</title>`)
		}
		w(`<text x="`, itoa(labelRight), `" y="`, baseline, `" text-anchor="end" fill="`, textColour, `">`, escape(label), `</text>`)
		if !b.Reported || !finite(b.Value) {
			w(`<text x="`, itoa(barLeft), `" y="`, baseline, `" fill="`, mutedColour, `" font-style="italic">`, escape(notReported), `</text></g>`)
			continue
		}
		width := 0.0
		if top > 0 && b.Value > 0 {
			width = max(1, math.Round(b.Value/top*barMax*10)/10) // a tiny value still shows
		}
		if width > 0 {
			w(`<rect x="`, itoa(barLeft), `" y="`, itoa(y), `" width="`, strconv.FormatFloat(width, 'f', -1, 64),
				`" height="`, itoa(barHeight), `" fill="`, barColour, `"/>`)
		}
		text := b.Text
		if text == "" {
			text = FormatNumber(b.Value)
		}
		w(`<text x="`, strconv.FormatFloat(barLeft+width+6, 'f', -1, 64), `" y="`, baseline, `" fill="`, textColour, `">`, escape(text), `</text></g>`)
	}
	w(`</svg>`)
	return sb.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// escape makes s safe as XML text and in a double-quoted attribute; it also
// replaces characters XML does not allow (control characters) with U+FFFD.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // never fails on a strings.Builder
	return b.String()
}

// chartID keeps idPrefix usable as an id and in aria-labelledby's
// space-separated list: letters, digits, - and _ only.
func chartID(p string) string {
	id := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, p)
	if id == "" {
		id = "chart"
	}
	return id
}

// wide reports whether r takes two columns, as CJK characters do.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303F || // CJK punctuation
		r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 // full-width forms
}

// truncate cuts s to at most width half-width columns, ending it with "…"
// when cut.
func truncate(s string, width int) (string, bool) {
	w := 0
	for _, r := range s {
		w++
		if wide(r) {
			w++
		}
	}
	if w <= width {
		return s, false
	}
	var b strings.Builder
	w = 0
	for _, r := range s {
		rw := 1
		if wide(r) {
			rw = 2
		}
		if w+rw > width-2 { // leave room for "…"
			break
		}
		w += rw
		b.WriteRune(r)
	}
	return strings.TrimRightFunc(b.String(), unicode.IsSpace) + "…", true
}
