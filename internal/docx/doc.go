// Package docx reads Word documents (.docx, as Word, WPS, LibreOffice and
// pandoc write them) into a small document model, and turns that model
// into the Markdown that stories are written in. It also writes the story
// template (故事模板.docx) that project leads fill in.
//
// A .docx is a zip of XML parts. It is read with archive/zip and a
// streaming encoding/xml decoder: no Go reader of Word files that the
// module proxy serves is kept up (baliance.com/gooxml is not served,
// github.com/ubavic/godocx has no release list), and the subset stories
// use — paragraphs, runs, tables, numbering, notes, pictures — is small.
//
// Every input is bounded (Limits): the number of zip entries and the bytes
// actually inflated from each part and in all (not the sizes the zip's
// headers claim), the nesting depth and token count of each XML part.
// A document beyond a bound is refused with its numbers, before it costs
// more than the bound. A binary Word 97 or WPS file (.doc, .wps: an OLE
// compound file) is recognised by its magic bytes and refused with the
// advice to save it as .docx.
//
// Read returns the Document; Markdown renders it. Neither writes files.
//
// It imports diag and the standard library.
package docx
