package deploy

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/jiangninglu/showcase/internal/mediatype"
	"github.com/jiangninglu/showcase/internal/parallel"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"golang.org/x/sync/errgroup"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

// MaxDeletions is how many remote files a deploy deletes without --force:
// more is more likely a wrong target or prefix than a smaller site.
const MaxDeletions = 256

// MetaSHA256 is the user metadata (x-amz-meta-showcase-sha256) that holds
// the hex SHA-256 of an object's content, written with every upload.
const MetaSHA256 = "Showcase-Sha256"

// Credentials are the keys a deploy signs its requests with.
type Credentials struct {
	AccessKey, SecretKey, SessionToken string
}

// EnvCredentials reads the keys from the environment:
// SHOWCASE_ACCESS_KEY_ID and SHOWCASE_SECRET_ACCESS_KEY, else
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
func EnvCredentials() (Credentials, error) {
	if c := (Credentials{AccessKey: os.Getenv("SHOWCASE_ACCESS_KEY_ID"), SecretKey: os.Getenv("SHOWCASE_SECRET_ACCESS_KEY"), SessionToken: os.Getenv("SHOWCASE_SESSION_TOKEN")}); c.AccessKey != "" || c.SecretKey != "" {
		if c.AccessKey == "" || c.SecretKey == "" {
			return Credentials{}, diag.NewError("deploy-half-credentials", "SHOWCASE_ACCESS_KEY_ID", "SHOWCASE_SECRET_ACCESS_KEY")
		}
		return c, nil
	}
	if c := (Credentials{AccessKey: os.Getenv("AWS_ACCESS_KEY_ID"), SecretKey: os.Getenv("AWS_SECRET_ACCESS_KEY"), SessionToken: os.Getenv("AWS_SESSION_TOKEN")}); c.AccessKey != "" || c.SecretKey != "" {
		if c.AccessKey == "" || c.SecretKey == "" {
			return Credentials{}, diag.NewError("deploy-half-credentials", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
		}
		return c, nil
	}
	return Credentials{}, diag.NewError("deploy-no-credentials")
}

// Options say what to deploy where.
type Options struct {
	Dir         string // the built site: the output folder
	Target      config.Target
	Credentials Credentials
	DryRun      bool // list the changes, change nothing
	NoDelete    bool // keep remote files the site no longer has
	Force       bool // delete more than MaxDeletions files
	// Concurrency bounds the requests in flight; 0 means 8.
	Concurrency int
	// Progress, if not nil, is updated as files are sent.
	Progress *Progress
	// Transport, if not nil, carries the requests (tests put faults in it).
	Transport http.RoundTripper
	// Backoff is the first wait before a retry, doubled each time; 0
	// means 250ms. Attempts is how many times a request is tried; 0
	// means 5.
	Backoff  time.Duration
	Attempts int
}

// Progress counts what a deploy has done so far; it is read while the
// deploy runs.
type Progress struct {
	Done, Total atomic.Int64 // changes made, changes to make
	Bytes       atomic.Int64 // bytes uploaded
}

// Change is one thing a deploy does to the bucket.
type Change struct {
	Op   string // "new", "changed" (both upload) or "delete"
	Key  string // the object's key, prefix included
	Size int64
}

// Result is what a deploy did (or, with DryRun, would do).
type Result struct {
	Changes   []Change // in the order they are made
	Uploaded  int
	Deleted   int
	Unchanged int
	Bytes     int64 // bytes uploaded
	Elapsed   time.Duration
}

// Summary is the line a deploy ends with.
func (r *Result) Summary(t config.Target, dryRun bool) diag.Msg {
	where := t.Bucket + "/" + t.Prefix
	if dryRun {
		return diag.M("deploy-dry-summary", where, r.Uploaded, FormatBytes(r.Bytes), r.Deleted, r.Unchanged)
	}
	return diag.M("deploy-summary", where, r.Uploaded, FormatBytes(r.Bytes), r.Deleted, r.Unchanged, fmt.Sprintf("%.1fs", r.Elapsed.Seconds()))
}

// local is a file of the built site.
type local struct {
	rel    string // slash-separated path in the output folder
	op     string // "new" or "changed", when it is to be uploaded
	size   int64
	md5    string // hex
	sha256 string // hex
}

// Run publishes opts.Dir to the target: uploads the files whose content
// differs from the bucket's (assets first, pages last), then deletes the
// objects the site no longer has.
func Run(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Concurrency <= 0 {
		opts.Concurrency = 8
	}
	if opts.Attempts <= 0 {
		opts.Attempts = 5
	}
	if opts.Backoff <= 0 {
		opts.Backoff = 250 * time.Millisecond
	}
	files, err := scan(ctx, opts.Dir)
	if err != nil {
		return nil, err
	}
	client, err := newClient(opts)
	if err != nil {
		return nil, err
	}
	d := &deployer{opts: opts, client: client}
	remote, err := d.list(ctx)
	if err != nil {
		return nil, err
	}
	res, uploads, deletes, err := d.plan(ctx, files, remote)
	if err != nil {
		return nil, err
	}
	if len(deletes) > MaxDeletions && !opts.Force && !opts.NoDelete {
		return nil, diag.NewError("deploy-many-deletions", len(deletes), opts.Target.Bucket+"/"+opts.Target.Prefix, MaxDeletions)
	}
	if opts.NoDelete {
		deletes = nil
	}
	// Assets first, pages last: a reader who opens a new page finds its
	// styles, scripts and images already there. Deletions come last of
	// all, when no new page links to what goes.
	slices.SortStableFunc(uploads, func(a, b local) int { return boolCmp(isPage(a.rel), isPage(b.rel)) })
	for _, f := range uploads {
		res.Changes = append(res.Changes, Change{Op: f.op, Key: d.key(f.rel), Size: f.size})
		res.Bytes += f.size
	}
	for _, k := range deletes {
		res.Changes = append(res.Changes, Change{Op: "delete", Key: k, Size: remote[k].Size})
	}
	res.Deleted = len(deletes)
	res.Uploaded = len(uploads)
	if opts.DryRun {
		res.Elapsed = time.Since(start)
		return res, nil
	}
	if p := opts.Progress; p != nil {
		p.Total.Store(int64(len(uploads) + len(deletes)))
	}
	i := slices.IndexFunc(uploads, func(f local) bool { return isPage(f.rel) })
	if i < 0 {
		i = len(uploads)
	}
	if err := d.each(ctx, len(uploads[:i]), func(ctx context.Context, n int) error { return d.upload(ctx, uploads[n]) }); err != nil {
		return nil, err
	}
	pages := uploads[i:]
	if err := d.each(ctx, len(pages), func(ctx context.Context, n int) error { return d.upload(ctx, pages[n]) }); err != nil {
		return nil, err
	}
	if err := d.each(ctx, len(deletes), func(ctx context.Context, n int) error { return d.remove(ctx, deletes[n]) }); err != nil {
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// isPage reports whether rel is an HTML page, uploaded after everything
// else.
func isPage(rel string) bool { return strings.HasSuffix(rel, ".html") }

// scan lists and hashes the built site's files. Hidden files (showcase's
// own .showcase-files) stay home.
func scan(ctx context.Context, dir string) ([]local, error) {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return nil, diag.NewError("deploy-no-output", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return nil, diag.NewError("deploy-no-output", dir)
	}
	var files []local
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files = append(files, local{rel: filepath.ToSlash(rel)})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = parallel.Do(ctx, len(files), func(_ context.Context, i int) error {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(files[i].rel)))
		if err != nil {
			return err
		}
		defer f.Close()
		m, s := md5.New(), sha256.New()
		n, err := io.Copy(io.MultiWriter(m, s), f)
		if err != nil {
			return err
		}
		files[i].size = n
		files[i].md5 = hex.EncodeToString(m.Sum(nil))
		files[i].sha256 = hex.EncodeToString(s.Sum(nil))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

func newClient(opts Options) (*minio.Client, error) {
	t := opts.Target
	lookup := minio.BucketLookupDNS
	if t.PathStyle {
		lookup = minio.BucketLookupPath
	}
	tr := opts.Transport
	if tr == nil {
		tr = http.DefaultTransport
	}
	c, err := minio.New(t.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(opts.Credentials.AccessKey, opts.Credentials.SecretKey, opts.Credentials.SessionToken),
		Secure:       t.Secure,
		Region:       t.Region,
		BucketLookup: lookup,
		Transport:    tr,
		// Run retries itself, with its own backoff, so that a retry is
		// the same whatever the library does.
		MaxRetries: 1,
	})
	if err != nil {
		return nil, diag.Wrap(err, "deploy-endpoint", t.Endpoint, err.Error())
	}
	return c, nil
}

type deployer struct {
	opts   Options
	client *minio.Client
}

func (d *deployer) key(rel string) string { return d.opts.Target.Prefix + rel }

// list returns the bucket's objects under the prefix, by key.
func (d *deployer) list(ctx context.Context) (map[string]minio.ObjectInfo, error) {
	var out map[string]minio.ObjectInfo
	err := d.retry(ctx, func(ctx context.Context) error {
		out = map[string]minio.ObjectInfo{}
		for o := range d.client.ListObjects(ctx, d.opts.Target.Bucket, minio.ListObjectsOptions{Prefix: d.opts.Target.Prefix, Recursive: true}) {
			if o.Err != nil {
				return o.Err
			}
			out[o.Key] = o
		}
		return nil
	})
	if err != nil {
		return nil, d.explain(err)
	}
	return out, nil
}

// plan compares the site with the bucket. A file is unchanged when the
// object has its size and either an ETag that is the file's MD5 (what a
// single-part upload without KMS encryption gets on S3, OSS, COS, OBS
// and MinIO) or, failing that, our SHA-256 in its metadata (read with a
// HEAD request: multipart uploads and encrypted objects have other ETags).
func (d *deployer) plan(ctx context.Context, files []local, remote map[string]minio.ObjectInfo) (*Result, []local, []string, error) {
	res := &Result{}
	var uploads []local
	var mu sync.Mutex
	var check []local
	for _, f := range files {
		o, ok := remote[d.key(f.rel)]
		switch {
		case !ok:
			f.op = "new"
			uploads = append(uploads, f)
		case o.Size != f.size:
			f.op = "changed"
			uploads = append(uploads, f)
		case strings.EqualFold(strings.Trim(o.ETag, `"`), f.md5):
			res.Unchanged++
		default:
			check = append(check, f)
		}
	}
	err := d.each(ctx, len(check), func(ctx context.Context, i int) error {
		f := check[i]
		var same bool
		err := d.retry(ctx, func(ctx context.Context) error {
			info, err := d.client.StatObject(ctx, d.opts.Target.Bucket, d.key(f.rel), minio.StatObjectOptions{})
			if err != nil {
				if minio.ToErrorResponse(err).Code == "NoSuchKey" {
					return nil // gone since the listing: upload it
				}
				return err
			}
			same = strings.EqualFold(info.UserMetadata[MetaSHA256], f.sha256)
			return nil
		})
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		if same {
			res.Unchanged++
		} else {
			f.op = "changed"
			uploads = append(uploads, f)
		}
		return nil
	}, false)
	if err != nil {
		return nil, nil, nil, err
	}
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[d.key(f.rel)] = true
	}
	var deletes []string
	for k := range remote {
		if !have[k] && !strings.HasSuffix(k, "/") { // "folder/" markers are no file of ours
			deletes = append(deletes, k)
		}
	}
	// Deepest first, pages last: what links goes after what is linked.
	slices.SortFunc(deletes, func(a, b string) int {
		if c := boolCmp(isPage(a), isPage(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	slices.SortFunc(uploads, func(a, b local) int { return strings.Compare(a.rel, b.rel) })
	return res, uploads, deletes, nil
}

// each runs fn for 0..n-1 with at most Concurrency at once, stopping at
// the first error. A final false argument leaves progress alone.
func (d *deployer) each(ctx context.Context, n int, fn func(ctx context.Context, i int) error, count ...bool) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(d.opts.Concurrency)
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := fn(gctx, i); err != nil {
				return err
			}
			if p := d.opts.Progress; p != nil && (len(count) == 0 || count[0]) {
				p.Done.Add(1)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return d.explain(err)
	}
	return ctx.Err()
}

// upload sends one file with its type, caching and checksum.
func (d *deployer) upload(ctx context.Context, f local) error {
	name := filepath.Join(d.opts.Dir, filepath.FromSlash(f.rel))
	err := d.retry(ctx, func(ctx context.Context) error {
		r, err := os.Open(name)
		if err != nil {
			return err
		}
		defer r.Close()
		_, err = d.client.PutObject(ctx, d.opts.Target.Bucket, d.key(f.rel), r, f.size, minio.PutObjectOptions{
			ContentType:    ContentType(f.rel),
			CacheControl:   CacheControl(f.rel),
			UserMetadata:   map[string]string{MetaSHA256: f.sha256},
			SendContentMd5: true, // the store checks what arrived
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", f.rel, err)
	}
	if p := d.opts.Progress; p != nil {
		p.Bytes.Add(f.size)
	}
	return nil
}

func (d *deployer) remove(ctx context.Context, key string) error {
	err := d.retry(ctx, func(ctx context.Context) error {
		return d.client.RemoveObject(ctx, d.opts.Target.Bucket, key, minio.RemoveObjectOptions{})
	})
	if err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// retry runs fn until it succeeds, fails for good, or has been tried
// Attempts times, waiting Backoff, then twice that, and so on (at most
// 8 s) between tries.
func (d *deployer) retry(ctx context.Context, fn func(ctx context.Context) error) error {
	wait := d.opts.Backoff
	for attempt := 1; ; attempt++ {
		err := fn(ctx)
		if err == nil || attempt >= d.opts.Attempts || !Transient(err) || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 8*time.Second)
	}
}

// Transient reports whether err may go away on a retry: the network, a
// timeout, or the service saying it is busy or failed inside.
func Transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	er := minio.ToErrorResponse(err)
	switch er.Code {
	case "SlowDown", "InternalError", "RequestTimeout", "ServiceUnavailable", "RequestTimeTooSkewed", "OperationAborted", "XMinioServerNotInitialized":
		return true
	}
	if er.StatusCode >= 500 || er.StatusCode == http.StatusTooManyRequests || er.StatusCode == http.StatusRequestTimeout {
		return true
	}
	if er.StatusCode != 0 || er.Code != "" {
		return false // the service answered: a retry gets the same answer
	}
	return !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission)
}

// explain turns the service's answers that mean the target or the keys
// are wrong into one line that says so.
func (d *deployer) explain(err error) error {
	var me *diag.MsgError
	if errors.As(err, &me) || errors.Is(err, context.Canceled) {
		return err
	}
	t := d.opts.Target
	er := minio.ToErrorResponse(err)
	switch er.Code {
	case "InvalidAccessKeyId":
		return diag.Wrap(err, "deploy-bad-key", t.Endpoint)
	case "SignatureDoesNotMatch":
		return diag.Wrap(err, "deploy-bad-secret", t.Endpoint)
	case "AccessDenied":
		return diag.Wrap(err, "deploy-denied", t.Bucket, t.Endpoint)
	case "NoSuchBucket":
		return diag.Wrap(err, "deploy-no-bucket", t.Bucket, t.Endpoint)
	case "":
		if er.StatusCode == 0 && Transient(err) {
			return diag.Wrap(err, "deploy-unreachable", t.Endpoint, err.Error())
		}
	}
	return diag.Wrap(err, "deploy-failed", t.Endpoint, err.Error())
}

// ContentType is the Content-Type a file is served with: the same as in
// serve (internal/mediatype).
func ContentType(rel string) string { return mediatype.Of(rel) }

// Cache lifetimes.
const (
	CacheImmutable = "public, max-age=31536000, immutable" // a name with a hash of its content
	CachePage      = "public, max-age=600"                 // pages, feeds, data: edits show within ten minutes
	CacheOther     = "public, max-age=86400"               // images, PDFs and the rest: a day
)

// CacheControl is the Cache-Control a file is served with.
func CacheControl(rel string) string {
	base := path.Base(rel)
	if Fingerprinted(base) {
		return CacheImmutable
	}
	switch strings.ToLower(path.Ext(base)) {
	case ".html", ".htm", ".xml", ".json", ".csv", ".txt", ".webmanifest":
		return CachePage
	}
	return CacheOther
}

// Fingerprinted reports whether a file name carries a hash of its content
// before its extension, as the theme publishes its CSS and JavaScript:
// style.3f2a9c1e.css.
func Fingerprinted(base string) bool {
	stem := strings.TrimSuffix(base, path.Ext(base))
	i := strings.LastIndexByte(stem, '.')
	if i < 1 {
		return false
	}
	h := stem[i+1:]
	if len(h) < 8 || len(h) > 64 {
		return false
	}
	for _, r := range h {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// FormatBytes writes n for people: 812 B, 3.4 KB, 12.0 MB.
func FormatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f KB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}
