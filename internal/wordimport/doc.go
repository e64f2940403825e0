// Package wordimport turns a Word document into a story: front matter
// from the project information table (项目信息表) at its top, the body as
// Markdown, and its pictures, ready to be written as
// content/stories/SLUG/index.md with the pictures beside it. `showcase
// import` and the editor's 从 Word 导入 share it, so both make the same
// story of the same document.
//
// Convert reads and checks everything and writes nothing; Write puts
// converted stories in place all at once, each folder built aside and
// renamed in, so a failure leaves nothing half-written (and serve clears
// a folder that an import killed midway left, as it clears the editor's).
//
// It imports diag, config, content, images, cells, docx, meta and root
// (the theme's words, for the table's labels).
package wordimport
