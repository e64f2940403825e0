package parallel

import (
	"context"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Do calls do(ctx, i) for every i in [0, n) on GOMAXPROCS workers and
// returns the first error, after which the workers stop; they stop too
// when ctx is done. The ctx do is given is done once a call has failed.
// Each worker goes through many items: a goroutine per page or per story
// would grow a fresh stack for every deep template execution, Markdown
// parse or front-matter decode (0.7 CPU-s of a 10,000-story build).
func Do(ctx context.Context, n int, do func(ctx context.Context, i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), n) {
		g.Go(func() error {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return nil
				}
				if err := gctx.Err(); err != nil {
					return err
				}
				if err := do(gctx, i); err != nil {
					return err
				}
			}
		})
	}
	return g.Wait()
}
