// Command showcase builds a programme's project showcase and annual report
// from Markdown stories with front-matter metrics.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// SHOWCASE_CPUPROFILE=FILE writes a CPU profile of the whole command,
	// for `go tool pprof` (see README, Performance).
	if f := os.Getenv("SHOWCASE_CPUPROFILE"); f != "" {
		if out, err := os.Create(f); err == nil {
			if err := pprof.StartCPUProfile(out); err == nil {
				defer pprof.StopCPUProfile()
			}
		} else {
			fmt.Fprintln(os.Stderr, "showcase: SHOWCASE_CPUPROFILE:", err)
		}
	}
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	// SHOWCASE_MEMPROFILE=FILE writes a heap profile at the end: with
	// `go tool pprof -sample_index=alloc_space`, where a build allocates.
	if f := os.Getenv("SHOWCASE_MEMPROFILE"); f != "" {
		if err := writeHeapProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, "showcase: SHOWCASE_MEMPROFILE:", err)
		}
	}
	if code != 0 {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}

func writeHeapProfile(name string) error {
	out, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(out, 0); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
