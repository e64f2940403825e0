package publisher

import (
	"fmt"
	"sync"
	"testing"
)

// TestRootWriterConcurrentFolders: many goroutines writing into folders
// that do not exist yet all succeed (each waits for its folder).
func TestRootWriterConcurrentFolders(t *testing.T) {
	w, err := newRootWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 2000)
	for i := range 2000 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.WriteFile(fmt.Sprintf("images/%d/x/f%d.txt", i%7, i), []byte("x")); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
