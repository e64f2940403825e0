//go:build unix

package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// TestSignalHelper is the process that TestSignals signals: it works until
// its signalContext is cancelled, says so, and then keeps "working" as a
// stage that does not check the context would.
func TestSignalHelper(t *testing.T) {
	if os.Getenv("SHOWCASE_SIGNAL_HELPER") == "" {
		t.Skip("run by TestSignals")
	}
	ctx, stop := signalContext(context.Background())
	defer stop()
	fmt.Println("ready")
	<-ctx.Done()
	fmt.Println("stopping")
	for {
		time.Sleep(time.Millisecond)
	}
}

// TestSignals: the first Ctrl-C or SIGTERM cancels the command's context;
// a second one ends the process even though it has not finished.
func TestSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSignalHelper$")
			cmd.Env = append(os.Environ(), "SHOWCASE_SIGNAL_HELPER=1")
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// A guard against a hang, not a measurement.
			guard := time.AfterFunc(time.Minute, func() { cmd.Process.Kill() })
			defer guard.Stop()
			lines := bufio.NewScanner(out)
			expect := func(want string) {
				t.Helper()
				if !lines.Scan() || lines.Text() != want {
					t.Fatalf("helper said %q (%v), want %q", lines.Text(), lines.Err(), want)
				}
			}
			expect("ready")
			cmd.Process.Signal(sig)
			expect("stopping")
			cmd.Process.Signal(sig)
			err = cmd.Wait()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() || ws.Signal() != sig {
				t.Fatalf("helper ended with %v, want killed by the second %v", err, sig)
			}
		})
	}
}
