package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/jiangninglu/showcase/internal/diag"
)

// importCommand reads files made elsewhere into the site: an Excel
// ledger's figures (import_xlsx.go).
func importCommand() *command {
	return &command{
		name:    "import",
		summary: "write the figures of an Excel ledger (.xlsx) into the stories",
		usage:   "showcase import [-s DIR] [--sheet NAME] [--create] [--dry-run] [--report YEAR] FILE.xlsx",
		help:    importLedgerHelp,
		flags: func() *flagSet {
			fs := newFlagSet("import")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("sheet", "", "the ledger's sheet of projects (default: the first)")
			fs.Bool("create", false, "make a draft story of each row no story matches")
			fs.Bool("dry-run", false, "print the changes, write nothing")
			fs.Int("report", 0, "the `year` whose report a sheet of 指标/数值 fills (default: the year in the sheet's name or title)")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) == 0 {
				return &usageError{"no file to import"}
			}
			switch strings.ToLower(filepath.Ext(pos[0])) {
			case ".xlsx":
				if len(pos) > 1 {
					return &usageError{"one ledger at a time"}
				}
				return importLedger(ctx, fs, pos[0], stdout, stderr)
			case ".docx":
				return diag.NewError("import-not-supported", ".docx")
			}
			return diag.NewError("import-kind", pos[0])
		},
	}
}
