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
	ctx, stop := signalContext(context.Background())
	// SHOWCASE_CPUPROFILE=FILE writes a CPU profile of the whole command,
	// for `go tool pprof` (see docs/performance.md).
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

// signalContext returns a context cancelled by the first Ctrl-C or SIGTERM,
// which asks every stage of the command to stop. The signals' default
// handling is then restored, so that a second one ends the process at
// once, whatever it is doing.
func signalContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-sigs:
		case <-ctx.Done():
		}
		// Before cancelling: once the context is done, a second signal
		// must find the default handling in place.
		signal.Stop(sigs)
		cancel()
	}()
	return ctx, cancel
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
