package main

import (
	"context"
	"io"

	"github.com/jiangninglu/showcase/internal/diag"
)

// ledgerFlags adds the flags of importing an Excel ledger to import's.
// None yet: importing ledgers is issue 26's.
func ledgerFlags(fs *flagSet) {}

// importLedger reads figures from Excel ledgers (.xlsx) into stories.
// Not written yet: it says so, as a usage error.
func importLedger(ctx context.Context, fs *flagSet, files []string, stdout, stderr io.Writer) error {
	return &usageError{diag.M("import-xlsx-soon", files[0]).Format(termLang(fs))}
}
