//go:build unix

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/jiangninglu/showcase/internal/bench"
	"github.com/jiangninglu/showcase/internal/deploy"
	"github.com/jiangninglu/showcase/internal/deploy/deploytest"
)

// TestDeployHelper is the showcase process TestDeployKill kills: it runs
// the command line in SHOWCASE_DEPLOY_HELPER.
func TestDeployHelper(t *testing.T) {
	args := os.Getenv("SHOWCASE_DEPLOY_HELPER")
	if args == "" {
		t.Skip("run by TestDeployKill")
	}
	os.Exit(run(context.Background(), strings.Fields(args), os.Stdout, os.Stderr))
}

// deploySite writes a synthetic site of n stories with a deploy target
// on s, and builds it.
func deploySite(t *testing.T, s *deploytest.Server, n int) string {
	t.Helper()
	dir := t.TempDir()
	if err := bench.Write(dir, n, 1); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "showcase.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "\ndeploy:\n  - {name: local, endpoint: http://%s, bucket: site, path_style: true}\n", s.Endpoint)
	f.Close()
	var out bytes.Buffer
	if code := run(context.Background(), []string{"build", "-s", dir, "-q"}, &out, &out); code != 0 {
		t.Fatalf("build: %s", out.String())
	}
	return dir
}

// bucketEqualsSite: the bucket holds exactly the built site, byte for byte.
func bucketEqualsSite(t *testing.T, s *deploytest.Server, public string) {
	t.Helper()
	objs := s.Objects(t, "site", "")
	n := 0
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		n++
		rel, _ := filepath.Rel(public, p)
		key := filepath.ToSlash(rel)
		if _, ok := objs[key]; !ok {
			t.Errorf("bucket lacks %s", key)
			return nil
		}
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		o, err := s.Client.GetObject(context.Background(), "site", key, minio.GetObjectOptions{})
		if err != nil {
			return err
		}
		defer o.Close()
		got, err := io.ReadAll(o)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs", key)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(objs) != n {
		t.Errorf("bucket has %d objects, the site %d files", len(objs), n)
	}
}

func deployEnv() []string {
	return append(os.Environ(),
		"SHOWCASE_ACCESS_KEY_ID="+deploytest.AccessKey,
		"SHOWCASE_SECRET_ACCESS_KEY="+deploytest.SecretKey,
		"SHOWCASE_LANG=en",
	)
}

func setDeployEnv(t *testing.T) {
	t.Setenv("SHOWCASE_ACCESS_KEY_ID", deploytest.AccessKey)
	t.Setenv("SHOWCASE_SECRET_ACCESS_KEY", deploytest.SecretKey)
	t.Setenv("SHOWCASE_LANG", "en")
}

// TestDeployKill: a deploy killed with SIGKILL midway, then run again,
// leaves the bucket equal to the site.
func TestDeployKill(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	dir := deploySite(t, s, 800)
	public := filepath.Join(dir, "public")

	cmd := exec.Command(os.Args[0], "-test.run=^TestDeployHelper$")
	cmd.Env = append(deployEnv(), "SHOWCASE_DEPLOY_HELPER=deploy -s "+dir+" -q")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once part of the site is up.
	deadline := time.Now().Add(2 * time.Minute)
	for len(s.Objects(t, "site", "")) < 200 {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("the deploy did not get going: %s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() {
		t.Fatalf("the deploy ended before it was killed: %v %s", cmd.ProcessState, out.String())
	}
	// An upload whose body was all sent before the kill may still be
	// stored by the server after it: count once the bucket holds still.
	partial := len(s.Objects(t, "site", ""))
	for settle := time.Now().Add(10 * time.Second); time.Now().Before(settle); {
		time.Sleep(300 * time.Millisecond)
		n := len(s.Objects(t, "site", ""))
		if n == partial {
			break
		}
		partial = n
	}
	var total int
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			total++
		}
		return nil
	})
	if partial >= total {
		t.Fatalf("killed after all %d files were up: nothing was interrupted", total)
	}
	t.Logf("killed with %d of %d files up", partial, total)

	// Run again: it finishes the job, sending only what is missing.
	setDeployEnv(t)
	out.Reset()
	if code := run(context.Background(), []string{"deploy", "-s", dir}, &out, &out); code != 0 {
		t.Fatalf("rerun: %s", out.String())
	}
	want := fmt.Sprintf("uploaded %d files", total-partial)
	if !strings.Contains(out.String(), want) {
		t.Errorf("rerun said %q, want %q", out.String(), want)
	}
	bucketEqualsSite(t, s, public)
}

// TestDeployCommand: the command's dry run, summary and second run.
func TestDeployCommand(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	dir := deploySite(t, s, 20)
	setDeployEnv(t)
	ctx := context.Background()
	var out bytes.Buffer
	if code := run(ctx, []string{"deploy", "-s", dir, "--dry-run"}, &out, &out); code != 0 {
		t.Fatalf("dry run: %s", out.String())
	}
	if !strings.Contains(out.String(), "new      index.html (") || !strings.Contains(out.String(), "dry run, nothing changed in site/: would upload") {
		t.Errorf("dry run said:\n%s", out.String())
	}
	if n := len(s.Objects(t, "site", "")); n != 0 {
		t.Fatalf("dry run uploaded %d files", n)
	}
	out.Reset()
	if code := run(ctx, []string{"deploy", "-s", dir}, &out, &out); code != 0 || !strings.HasPrefix(out.String(), "deployed to site/: uploaded ") || strings.Count(out.String(), "\n") != 1 {
		t.Fatalf("deploy said %q", out.String())
	}
	bucketEqualsSite(t, s, filepath.Join(dir, "public"))
	out.Reset()
	if code := run(ctx, []string{"deploy", "-s", dir, "--target", "local"}, &out, &out); code != 0 || !strings.Contains(out.String(), "uploaded 0 files (0 B), deleted 0, unchanged ") {
		t.Fatalf("second deploy said %q", out.String())
	}
	out.Reset()
	t.Setenv("SHOWCASE_SECRET_ACCESS_KEY", "not-the-secret")
	if code := run(ctx, []string{"deploy", "-s", dir}, &out, &out); code != 1 || strings.Count(out.String(), "\n") != 1 || !strings.Contains(out.String(), "refused the signature") {
		t.Fatalf("wrong secret: exit %d, %q", code, out.String())
	}
}

// TestDeployProgressLine: on a terminal, deploy shows how far it is on
// one line, and clears it when done.
func TestDeployProgressLine(t *testing.T) {
	var p deploy.Progress
	p.Total.Store(10)
	p.Done.Store(3)
	p.Bytes.Store(12_300)
	var buf syncBuffer
	stop := showDeployProgress(&buf, &p, "en")
	time.Sleep(500 * time.Millisecond)
	stop()
	got := buf.String()
	if !strings.Contains(got, "\r\033[Kdeploying: 3/10 files, 12.3 KB") || !strings.HasSuffix(got, "\r\033[K") {
		t.Errorf("progress wrote %q", got)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
