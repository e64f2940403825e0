package build

import (
	"context"

	"github.com/jiangninglu/showcase/internal/parallel"
)

// inParallel is parallel.Do.
func inParallel(ctx context.Context, n int, do func(ctx context.Context, i int) error) error {
	return parallel.Do(ctx, n, do)
}
