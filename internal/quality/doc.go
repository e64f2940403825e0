// Package quality looks for likely mistakes in data that is valid but
// suspicious, for `showcase check`: a metric most of a year's stories give
// but one leaves out, facet values that look like misspellings of each
// other, outliers, stories without a year or neighbourhood. Everything it
// reports is a warning, never an error.
//
// It is pure: it reads a *site.Site and returns a diag list. It imports
// diag, site and stats.
package quality
