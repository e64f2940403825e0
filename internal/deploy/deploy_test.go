package deploy_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/deploy"
	"github.com/jiangninglu/showcase/internal/deploy/deploytest"
	"github.com/jiangninglu/showcase/internal/diag"
)

// exampleSite copies the repository's example site into a temporary
// folder and returns it.
func exampleSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../showcase.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "showcase.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func buildSite(t *testing.T, src string) string {
	t.Helper()
	if _, err := build.Run(context.Background(), build.Options{Source: src}); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(src, "public")
}

// siteFiles reads the built site's files as deploy publishes them.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recorder notes the requests that change the bucket, in order, and can
// fail the first few PUTs with 503 Service Unavailable.
type recorder struct {
	mu       sync.Mutex
	changes  []string // "PUT key", "DELETE key"
	fail503  atomic.Int32
	failures atomic.Int32
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPut && r.fail503.Add(-1) >= 0 {
		r.failures.Add(1)
		if req.Body != nil {
			io.Copy(io.Discard, req.Body)
			req.Body.Close()
		}
		body := `<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message>busy</Message></Error>`
		return &http.Response{StatusCode: 503, Status: "503 Service Unavailable", Header: http.Header{"Content-Type": {"application/xml"}}, Body: io.NopCloser(strings.NewReader(body)), Request: req, ContentLength: int64(len(body))}, nil
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err == nil && resp.StatusCode < 300 && (req.Method == http.MethodPut || req.Method == http.MethodDelete) {
		r.mu.Lock()
		r.changes = append(r.changes, req.Method+" "+strings.TrimPrefix(req.URL.Path, "/site/"))
		r.mu.Unlock()
	}
	return resp, err
}

func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.changes
	r.changes = nil
	return c
}

// checkOrder: every asset is sent before any page, and deletions come last.
func checkOrder(t *testing.T, changes []string) {
	t.Helper()
	phase := 0 // 0 assets, 1 pages, 2 deletions
	for _, c := range changes {
		p := 0
		switch {
		case strings.HasPrefix(c, "DELETE "):
			p = 2
		case strings.HasSuffix(c, ".html"):
			p = 1
		}
		if p < phase {
			t.Fatalf("%s came after a later kind of change: %v", c, changes)
		}
		phase = p
	}
}

// checkBucket: the bucket under prefix holds exactly the site, byte for
// byte, each object with its type, caching and checksum.
func checkBucket(t *testing.T, s *deploytest.Server, prefix string, files map[string][]byte) {
	t.Helper()
	objs := s.Objects(t, "site", prefix)
	for k := range objs {
		if _, ok := files[strings.TrimPrefix(k, prefix)]; !ok {
			t.Errorf("bucket has %s, which the site does not", k)
		}
	}
	ctx := context.Background()
	for rel, data := range files {
		key := prefix + rel
		if _, ok := objs[key]; !ok {
			t.Errorf("bucket lacks %s", key)
			continue
		}
		o, err := s.Client.GetObject(ctx, "site", key, minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(o)
		if err != nil {
			t.Fatal(err)
		}
		info, err := o.Stat()
		if err != nil {
			t.Fatal(err)
		}
		o.Close()
		if !bytes.Equal(got, data) {
			t.Errorf("%s: the bucket's bytes differ from the site's", key)
		}
		if info.ContentType != deploy.ContentType(rel) {
			t.Errorf("%s: Content-Type %q, want %q", key, info.ContentType, deploy.ContentType(rel))
		}
		if cc := info.Metadata.Get("Cache-Control"); cc != deploy.CacheControl(rel) {
			t.Errorf("%s: Cache-Control %q, want %q", key, cc, deploy.CacheControl(rel))
		}
		sum := sha256.Sum256(data)
		if info.UserMetadata[deploy.MetaSHA256] != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: sha256 metadata %q", key, info.UserMetadata[deploy.MetaSHA256])
		}
	}
}

func target(s *deploytest.Server, prefix string) config.Target {
	return config.Target{Name: "local", Endpoint: s.Endpoint, Bucket: "site", Prefix: prefix, PathStyle: true}
}

var creds = deploy.Credentials{AccessKey: deploytest.AccessKey, SecretKey: deploytest.SecretKey}

func keysOf(changes []deploy.Change, op ...string) []string {
	var out []string
	for _, c := range changes {
		if slices.Contains(op, c.Op) {
			out = append(out, c.Key)
		}
	}
	slices.Sort(out)
	return out
}

// TestDeployExampleSite deploys the example site, edits a story and
// removes another, rebuilds and deploys again: only the files that
// changed move, the removed ones go, and the bucket equals the site.
func TestDeployExampleSite(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	ctx := context.Background()
	// Something of the bucket's own outside the prefix, and a leftover
	// inside it.
	for _, k := range []string{"other/keep.txt", "www/stale/index.html"} {
		if _, err := s.Client.PutObject(ctx, "site", k, strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	src := exampleSite(t)
	// A story to remove later (the example's own are linked from its
	// report).
	extra := filepath.Join(src, "content/stories/deploy-extra.md")
	if err := os.WriteFile(extra, []byte("---\ntitle: 临时的故事\ndate: 2021-03-01\nneighborhood: 测试居民区\n---\n\n这篇故事稍后删去。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := buildSite(t, src)
	first := siteFiles(t, out)
	rec := &recorder{}
	rec.fail503.Store(3) // the service is busy at first: deploy retries
	opts := deploy.Options{Dir: out, Target: target(s, "www/"), Credentials: creds, Transport: rec, Backoff: time.Millisecond, Progress: &deploy.Progress{}}

	res, err := deploy.Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Uploaded != len(first) || res.Deleted != 1 || res.Unchanged != 0 {
		t.Fatalf("first deploy: %+v, site has %d files", res, len(first))
	}
	if rec.failures.Load() != 3 {
		t.Errorf("%d requests failed, want 3 retried", rec.failures.Load())
	}
	if p := opts.Progress; p.Done.Load() != p.Total.Load() || p.Total.Load() != int64(len(first)+1) {
		t.Errorf("progress %d/%d", p.Done.Load(), p.Total.Load())
	}
	checkOrder(t, rec.take())
	checkBucket(t, s, "www/", first)
	if _, ok := s.Objects(t, "site", "other/")["other/keep.txt"]; !ok {
		t.Error("a file outside the prefix was deleted")
	}

	// Nothing changed: nothing moves.
	res, err = deploy.Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Uploaded != 0 || res.Deleted != 0 || res.Unchanged != len(first) {
		t.Fatalf("second deploy: %+v", res)
	}
	if c := rec.take(); len(c) != 0 {
		t.Fatalf("an unchanged site changed the bucket: %v", c)
	}

	// Edit one story, remove another, rebuild.
	story := filepath.Join(src, "content/stories/disdain-chain.md")
	data, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(story, append(data, []byte("\n\n编辑补记：这一段是部署测试加的。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	out = buildSite(t, src)
	second := siteFiles(t, out)
	var wantUp, wantDel []string
	for rel, data := range second {
		if old, ok := first[rel]; !ok || !bytes.Equal(old, data) {
			wantUp = append(wantUp, "www/"+rel)
		}
	}
	for rel := range first {
		if _, ok := second[rel]; !ok {
			wantDel = append(wantDel, "www/"+rel)
		}
	}
	slices.Sort(wantUp)
	slices.Sort(wantDel)
	if len(wantDel) == 0 || !slices.Contains(wantDel, "www/stories/deploy-extra/index.html") {
		t.Fatalf("removing a story removed no page: %v", wantDel)
	}

	// A dry run lists exactly that and touches nothing.
	before := s.Objects(t, "site", "")
	dry := opts
	dry.DryRun = true
	res, err = deploy.Run(ctx, dry)
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(res.Changes, "new", "changed"); !slices.Equal(got, wantUp) {
		t.Errorf("dry run would upload\n%v\nwant\n%v", got, wantUp)
	}
	if got := keysOf(res.Changes, "delete"); !slices.Equal(got, wantDel) {
		t.Errorf("dry run would delete %v, want %v", got, wantDel)
	}
	if c := rec.take(); len(c) != 0 {
		t.Fatalf("a dry run changed the bucket: %v", c)
	}
	after := s.Objects(t, "site", "")
	for k, o := range before {
		if a, ok := after[k]; !ok || a.ETag != o.ETag || !a.LastModified.Equal(o.LastModified) {
			t.Fatalf("a dry run changed %s", k)
		}
	}

	res, err = deploy.Run(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	changes := rec.take()
	checkOrder(t, changes)
	var put, del []string
	for _, c := range changes {
		m, k, _ := strings.Cut(c, " ")
		if m == http.MethodPut {
			put = append(put, k)
		} else {
			del = append(del, k)
		}
	}
	slices.Sort(put)
	slices.Sort(del)
	if !slices.Equal(put, wantUp) {
		t.Errorf("uploaded\n%v\nwant only what changed\n%v", put, wantUp)
	}
	if !slices.Equal(del, wantDel) {
		t.Errorf("deleted %v, want %v", del, wantDel)
	}
	if res.Uploaded != len(wantUp) || res.Deleted != len(wantDel) || res.Unchanged != len(second)-len(wantUp) {
		t.Errorf("result %+v", res)
	}
	checkBucket(t, s, "www/", second)
	// The objects that did not change kept their upload time: they did
	// not move.
	now := s.Objects(t, "site", "www/")
	for rel := range second {
		k := "www/" + rel
		if !slices.Contains(wantUp, k) && !now[k].LastModified.Equal(before[k].LastModified) {
			t.Errorf("%s was sent again", k)
		}
	}
}

// TestDeployComparesChecksums: an object whose ETag is not its MD5 (a
// multipart upload, as large files and some stores' encryption give) is
// compared by the SHA-256 in its metadata.
func TestDeployComparesChecksums(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	ctx := context.Background()
	out := t.TempDir()
	big := bytes.Repeat([]byte("展示"), 6<<20/6) // 6 MB
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	os.WriteFile(filepath.Join(out, "big.bin"), big, 0o644)
	os.WriteFile(filepath.Join(out, "other.bin"), big, 0o644)
	sum := sha256.Sum256(big)
	// Both sent in 5 MB parts: ETags of the form MD5-2. big.bin carries
	// our checksum, other.bin none.
	for _, k := range []string{"big.bin", "other.bin"} {
		po := minio.PutObjectOptions{PartSize: 5 << 20}
		if k == "big.bin" {
			po.UserMetadata = map[string]string{deploy.MetaSHA256: hex.EncodeToString(sum[:])}
		}
		info, err := s.Client.PutObject(ctx, "site", k, bytes.NewReader(big), -1, po)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(info.ETag, "-") {
			t.Fatalf("%s: ETag %s is not a multipart one", k, info.ETag)
		}
	}
	res, err := deploy.Run(ctx, deploy.Options{Dir: out, Target: target(s, ""), Credentials: creds})
	if err != nil {
		t.Fatal(err)
	}
	if got := keysOf(res.Changes, "new", "changed"); !slices.Equal(got, []string{"index.html", "other.bin"}) || res.Unchanged != 1 {
		t.Errorf("uploaded %v, %d unchanged; want index.html and other.bin, with big.bin unchanged", got, res.Unchanged)
	}
}

// TestDeployRefusesManyDeletions: more than 256 deletions need --force;
// --no-delete keeps them.
func TestDeployRefusesManyDeletions(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	ctx := context.Background()
	for i := range deploy.MaxDeletions + 1 {
		k := "junk/" + strconv.Itoa(i) + ".txt"
		if _, err := s.Client.PutObject(ctx, "site", k, strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	opts := deploy.Options{Dir: out, Target: target(s, ""), Credentials: creds}
	_, err := deploy.Run(ctx, opts)
	if err == nil || !strings.Contains(diag.MsgOf(err).Format(diag.En), "would delete 257 files from site/, more than 256") {
		t.Fatalf("err = %v", err)
	}
	if n := len(s.Objects(t, "site", "")); n != deploy.MaxDeletions+1 {
		t.Fatalf("a refused deploy changed the bucket: %d objects", n)
	}
	opts.NoDelete = true
	if res, err := deploy.Run(ctx, opts); err != nil || res.Deleted != 0 || res.Uploaded != 1 {
		t.Fatalf("--no-delete: %+v, %v", res, err)
	}
	opts.NoDelete, opts.Force = false, true
	if res, err := deploy.Run(ctx, opts); err != nil || res.Deleted != deploy.MaxDeletions+1 {
		t.Fatalf("--force: %+v, %v", res, err)
	}
	if objs := s.Objects(t, "site", ""); len(objs) != 1 {
		t.Fatalf("left %d objects", len(objs))
	}
}

// TestDeployErrors: wrong keys, a missing bucket, an unreachable service
// and a missing build each give one line that says what to do.
func TestDeployErrors(t *testing.T) {
	s := deploytest.Start(t)
	s.MakeBucket(t, "site")
	ctx := context.Background()
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "index.html"), []byte("<!doctype html><title>x</title>"), 0o644)
	for _, tc := range []struct {
		name    string
		mod     func(o *deploy.Options)
		code    string
		en, zh  string
		noBuild bool
	}{
		{"bad key", func(o *deploy.Options) { o.Credentials.AccessKey = "nobody" }, "deploy-bad-key", "does not know this access key", "不认识这个 AccessKey", false},
		{"bad secret", func(o *deploy.Options) { o.Credentials.SecretKey = "wrong-secret-key" }, "deploy-bad-secret", "refused the signature", "SecretKey 与 AccessKey 不匹配", false},
		{"no bucket", func(o *deploy.Options) { o.Target.Bucket = "nosuch" }, "deploy-no-bucket", "bucket nosuch does not exist on " + s.Endpoint, "上没有存储桶 nosuch", false},
		{"unreachable", func(o *deploy.Options) { o.Target.Endpoint = "127.0.0.1:1" }, "deploy-unreachable", "cannot reach 127.0.0.1:1", "无法连接 127.0.0.1:1", false},
		{"no build", func(o *deploy.Options) { o.Dir = filepath.Join(t.TempDir(), "public") }, "deploy-no-output", "run showcase build first", "请先运行 showcase build", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := deploy.Options{Dir: out, Target: target(s, ""), Credentials: creds, Attempts: 2, Backoff: time.Millisecond}
			tc.mod(&o)
			_, err := deploy.Run(ctx, o)
			var me *diag.MsgError
			if !errors.As(err, &me) || me.Msg.Code != tc.code {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
			en, zh := me.Msg.Format(diag.En), me.Msg.Format(diag.ZhCN)
			if !strings.Contains(en, tc.en) || !strings.Contains(zh, tc.zh) || strings.Contains(en, "\n") {
				t.Errorf("messages:\n%s\n%s", en, zh)
			}
		})
	}
	if n := len(s.Objects(t, "site", "")); n != 0 {
		t.Errorf("failed deploys left %d objects", n)
	}
}

func TestHeaders(t *testing.T) {
	for _, tc := range []struct{ rel, ct, cc string }{
		{"index.html", "text/html; charset=utf-8", deploy.CachePage},
		{"css/style.3f2a9c1e.css", "text/css; charset=utf-8", deploy.CacheImmutable},
		{"js/search.0123456789abcdef.js", "text/javascript; charset=utf-8", deploy.CacheImmutable},
		{"css/style.css", "text/css; charset=utf-8", deploy.CacheOther},
		{"feed.xml", "application/atom+xml; charset=utf-8", deploy.CachePage},
		{"sitemap.xml", "application/xml; charset=utf-8", deploy.CachePage},
		{"stats.json", "application/json; charset=utf-8", deploy.CachePage},
		{"stories.csv", "text/csv; charset=utf-8", deploy.CachePage},
		{"img/police-emblem.svg", "image/svg+xml; charset=utf-8", deploy.CacheOther},
		{"stories/a/cover-960.webp", "image/webp", deploy.CacheOther},
		{"reports/2020/report.pdf", "application/pdf", deploy.CacheOther},
		{"photo.20210118.jpg", "image/jpeg", deploy.CacheImmutable},
		{"photo-20210118.jpg", "image/jpeg", deploy.CacheOther},
		{"README", "application/octet-stream", deploy.CacheOther},
	} {
		if got := deploy.ContentType(tc.rel); got != tc.ct {
			t.Errorf("%s: Content-Type %q, want %q", tc.rel, got, tc.ct)
		}
		if got := deploy.CacheControl(tc.rel); got != tc.cc {
			t.Errorf("%s: Cache-Control %q, want %q", tc.rel, got, tc.cc)
		}
	}
}

func TestTransient(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{minio.ErrorResponse{Code: "SlowDown", StatusCode: 503}, true},
		{minio.ErrorResponse{Code: "InternalError", StatusCode: 500}, true},
		{minio.ErrorResponse{StatusCode: 502}, true},
		{minio.ErrorResponse{Code: "AccessDenied", StatusCode: 403}, false},
		{minio.ErrorResponse{Code: "NoSuchBucket", StatusCode: 404}, false},
		{&os.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}, false},
		{context.Canceled, false},
		{io.ErrUnexpectedEOF, true},
	} {
		if got := deploy.Transient(tc.err); got != tc.want {
			t.Errorf("Transient(%v) = %v", tc.err, got)
		}
	}
}
