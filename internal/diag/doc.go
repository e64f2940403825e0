// Package diag carries positions and lists of problems found in a site's
// files, so that every error names file:line:col and a build can report all
// of them at once.
//
// It imports nothing of ours.
package diag
