package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/deploy"
	"github.com/jiangninglu/showcase/internal/diag"
)

func deployCommand() *command {
	return &command{
		name:    "deploy",
		summary: "publish the built site to object storage (OSS, COS, OBS, S3, MinIO)",
		usage:   "showcase deploy [-s DIR] [-d DIR] [--target NAME] [--dry-run] [--no-delete] [--force] [-q]",
		help: `Deploy publishes the built output folder to a bucket named under deploy:
in showcase.yaml (the first target, or --target NAME). Only what changed is
sent: a file whose content the bucket already has is left alone. Styles,
scripts and images go first, pages last, and remote files the site no
longer has are deleted at the end (--no-delete keeps them; more than 256
deletions need --force). Credentials come from the environment only:
SHOWCASE_ACCESS_KEY_ID and SHOWCASE_SECRET_ACCESS_KEY, or AWS_ACCESS_KEY_ID
and AWS_SECRET_ACCESS_KEY. --dry-run lists the changes and changes nothing.
An interrupted deploy is finished by running it again.

Run showcase build first: deploy sends what is in the output folder.

Examples:

	showcase build && showcase deploy
	showcase deploy --target oss --dry-run
	SHOWCASE_ACCESS_KEY_ID=... SHOWCASE_SECRET_ACCESS_KEY=... showcase deploy -q`,
		flags: func() *flagSet {
			fs := newFlagSet("deploy")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("d", "", "the built output `folder` (default public/ under the site root)")
			fs.String("target", "", "the deploy target's `name` in showcase.yaml (default: the first)")
			fs.Bool("dry-run", false, "list what would be uploaded and deleted, and change nothing")
			fs.Bool("no-delete", false, "keep remote files the site no longer has")
			fs.Bool("force", false, fmt.Sprintf("delete even when more than %d remote files would go", deploy.MaxDeletions))
			fs.Bool("q", false, "print nothing but errors")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) > 0 {
				return &usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
			}
			src := str(fs, "s")
			cfg, err := config.Load(os.DirFS(src))
			if err != nil {
				return err
			}
			if d := cfg.BucketDomain(); d != "" {
				return diag.NewError("deploy-bucket-domain", cfg.BaseURL, d)
			}
			t, ok := cfg.Target(str(fs, "target"))
			if !ok {
				if len(cfg.Deploy) == 0 {
					return diag.NewError("deploy-no-target")
				}
				var names []string
				for _, t := range cfg.Deploy {
					names = append(names, t.Name)
				}
				return diag.NewError("deploy-unknown-target", diag.Quote(str(fs, "target")), diag.Words(names))
			}
			creds, err := deploy.EnvCredentials()
			if err != nil {
				return err
			}
			dir := str(fs, "d")
			if dir == "" {
				dir = filepath.Join(src, "public")
			}
			quiet, dry := boolean(fs, "q"), boolean(fs, "dry-run")
			lang := termLang(fs)
			var progress *deploy.Progress
			stop := func() {}
			if !quiet && !dry && isTerminal(stdout) {
				progress = &deploy.Progress{}
				stop = showDeployProgress(stdout, progress, lang)
			}
			res, err := deploy.Run(ctx, deploy.Options{
				Dir:         dir,
				Target:      t,
				Credentials: creds,
				DryRun:      dry,
				NoDelete:    boolean(fs, "no-delete"),
				Force:       boolean(fs, "force"),
				Progress:    progress,
			})
			stop()
			if err != nil {
				return err
			}
			if dry {
				for _, c := range res.Changes {
					m := diag.M("deploy-op-delete", c.Key)
					switch c.Op {
					case "new":
						m = diag.M("deploy-op-new", c.Key, deploy.FormatBytes(c.Size))
					case "changed":
						m = diag.M("deploy-op-changed", c.Key, deploy.FormatBytes(c.Size))
					}
					fmt.Fprintln(stdout, m.Format(lang))
				}
			}
			if !quiet || dry {
				fmt.Fprintln(stdout, res.Summary(t, dry).Format(lang))
			}
			return nil
		},
	}
}

// showDeployProgress prints "deploying: N/M files, SIZE" on one line, once
// the deploy knows what it sends, until stop is called.
func showDeployProgress(w io.Writer, p *deploy.Progress, lang string) (stop func()) {
	return progressLine(w, 0, func() string {
		if p.Total.Load() == 0 {
			return ""
		}
		return diag.M("deploy-progress", p.Done.Load(), p.Total.Load(), deploy.FormatBytes(p.Bytes.Load())).Format(lang)
	})
}
