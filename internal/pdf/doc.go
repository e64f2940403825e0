// Package pdf prints pages of a built site to PDF with headless Chromium
// (or Google Chrome) through chromedp: `showcase build --pdf` uses it for
// the annual reports. The site is served to the browser from its output
// folder by a local HTTP server for the length of the print, so that the
// page loads its styles and images as a reader's browser would; the page's
// own CSS (@page size, margins and margin boxes) lays out the paper.
//
// It imports no other package of showcase.
package pdf
