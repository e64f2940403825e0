// Package scaffold writes new files for editors: a story from an archetype
// (`showcase new story`) and a whole starter site (`showcase init`). It
// never overwrites a file.
//
// It imports diag, config and content, and the root package for the
// built-in archetypes.
package scaffold
