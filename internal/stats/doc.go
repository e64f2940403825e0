// Package stats is the pure aggregation behind the statistics pages: it
// groups stories by facet (year, neighborhood, award, track, tags), computes
// every metric's aggregate per group, formats numbers for readers, draws bar
// charts as SVG text, and writes the /stats.csv, /stories.csv, /stats.json
// and /stats.xlsx exports and each chart's /stats/ID.csv.
//
// "Not reported" is not zero: a metric a story does not give is absent from
// its map, and every aggregate carries how many of its group's stories
// reported it. Agg.Result is rounded to 4 decimals, the figure the exports
// write, so pages and files derive their numbers from one value.
//
// Everything here is a pure function of its arguments: no I/O except writing
// to the io.Writer it is given (and excelize's temporary file for a sheet
// of more than 16 MiB), no package state. A *Stats is read-only once
// Compute returns it and is safe for concurrent use.
//
// It imports config, content (for content.URLName) and diag only.
package stats
