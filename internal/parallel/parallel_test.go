package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

func TestEveryItemOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		calls := make([]atomic.Int32, n)
		if err := Do(context.Background(), n, func(_ context.Context, i int) error {
			calls[i].Add(1)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: item %d done %d times", n, i, c)
			}
		}
	}
}

// TestBounded: never more calls at once than GOMAXPROCS.
func TestBounded(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	var now, most atomic.Int32
	err := Do(context.Background(), 60, func(_ context.Context, i int) error {
		n := now.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(time.Millisecond)
		now.Add(-1)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m := most.Load(); m > 3 || m < 1 {
		t.Fatalf("%d calls at once on 3 workers", m)
	}
}

// TestFirstErrorStops: a failed call stops the workers; each makes at
// most the one call that failed.
func TestFirstErrorStops(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	bad := errors.New("bad")
	var calls atomic.Int32
	err := Do(context.Background(), 10000, func(_ context.Context, i int) error {
		calls.Add(1)
		return bad
	})
	if !errors.Is(err, bad) {
		t.Fatalf("got %v, want %v", err, bad)
	}
	if c := calls.Load(); c < 1 || c > 4 {
		t.Fatalf("%d calls after every call failed, on 4 workers", c)
	}
}

// TestFailureCancelsOthers: the ctx a call is given is done once another
// call has failed, so that a long call can give up.
func TestFailureCancelsOthers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	bad := errors.New("bad")
	err := Do(context.Background(), 2, func(ctx context.Context, i int) error {
		if i == 0 {
			return bad
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Second):
			return errors.New("not cancelled")
		}
	})
	if !errors.Is(err, bad) {
		t.Fatalf("got %v, want %v", err, bad)
	}
}

func TestCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int32
	err := Do(ctx, 100, func(context.Context, int) error {
		calls.Add(1)
		return nil
	})
	if !errors.Is(err, context.Canceled) || calls.Load() != 0 {
		t.Fatalf("got %v after %d calls, want context.Canceled after none", err, calls.Load())
	}
}
