// Package sitefs opens a site's folder for reading, as an fs.FS that
// opens nothing outside the folder, through ".." or a symbolic link: the
// guarantee of os.Root, whose FS it is except for a quicker Open of
// regular files on Linux (openat2 with RESOLVE_BENEATH; see siteFS).
//
// It reads the sources; writing the output is internal/publisher's.
//
// It imports nothing of ours.
package sitefs
