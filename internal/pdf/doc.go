// Package pdf prints pages of a built site to PDF with headless Chromium
// (or Google Chrome) through chromedp: `showcase build --pdf` uses it for
// the annual reports. The site is served to the browser from its output
// folder by a local HTTP server for the length of the print, so that the
// page loads its styles and images as a reader's browser would; the page's
// own CSS (@page size, margins and margin boxes) lays out the paper.
//
// Three things make the PDF fit to file: the page is set in the bundled
// Noto Sans SC (fonts.go), which Chromium embeds as subset TrueType fonts;
// each element marked data-page-of="ID" is given the page the element
// with that id was printed on, read back from the PDF's named
// destinations, and the page printed again until the numbers hold
// (read.go); and the document information is set (title, author,
// subject, Creator showcase) by an incremental update that keeps every
// byte Chromium wrote.
//
// It imports no other package of showcase.
package pdf
