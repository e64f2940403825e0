// Package ledger reads the figures of an Excel ledger (台账, .xlsx) and
// writes them into the site: `showcase import FILE.xlsx`.
//
// Read opens the workbook within fixed bounds (file size, unzipped size,
// entries, rows, columns, a cell's length) through excelize, finds each
// sheet's header row (under title rows, possibly two rows with merged
// cells), matches columns to story fields and metrics by their header
// text, and reads every cell as the office wrote it: numbers stored as
// text, full-width digits, thousands separators, 万元 for 元. Every problem
// names its cell (台账.xlsx:2020!F7).
//
// Plan matches rows to stories (slug, else title, else a unique project
// name) and lists the changes; Apply writes them with the editor's
// byte-keeping splice, after checking that the changed files still load,
// and writes nothing if anything is wrong.
//
// It imports cells, config, content, diag, editor and stats.
package ledger
