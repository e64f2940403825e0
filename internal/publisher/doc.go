// Package publisher writes a built site into its output folder and
// publishes it there, like Hugo's publisher: internal/build makes the
// files, publisher writes and swaps them in.
//
// It owns:
//   - the Writer a build writes its files to, and MemWriter, which keeps
//     them in memory (serve, tests);
//   - the output guard (guard.go): no output folder is, holds or lies
//     inside the site or its sources, or is a file or a symbolic link,
//     with or without --force; and a folder holding files showcase did not
//     write (.showcase-files lists those it did) is replaced only with
//     --force;
//   - the lock (lock*.go): one build at a time writes an output folder;
//   - the new folder beside the output, written through openat2 (dirfd*.go)
//     so that no name, however odd, escapes it, by a few goroutines at once
//     (output.go); and its atomic swap into place (publish.go,
//     exchange_*.go), with the cleanup of what a killed build left.
//
// A failed or killed build never leaves a half-written site: Output's
// new folder takes the output's place only when Publish is called.
//
// It imports diag only. Reading the site's sources is internal/sitefs's.
package publisher
