package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/build"
	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/diag"
)

// Exit statuses, as SPEC.md fixes them.
const (
	exitOK    = 0
	exitError = 1 // content, template or build errors
	exitUsage = 2
)

// errSilent is an error already reported to the user: exit 1, print nothing.
var errSilent = errors.New("silent")

// usageError is a mistake in the command line: exit 2 with a hint.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

type flagSet = flag.FlagSet

// command is one subcommand: its help, its flags (nil: none but -h) and
// what it does with the parsed flags and positional arguments.
type command struct {
	name    string
	summary string
	usage   string
	help    string
	flags   func() *flagSet
	run     func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error
}

// str and boolean read a parsed flag's value.
func str(fs *flagSet, name string) string { return fs.Lookup(name).Value.String() }
func boolean(fs *flagSet, name string) bool {
	return fs.Lookup(name).Value.(flag.Getter).Get().(bool)
}

func commands() []*command {
	return []*command{
		buildCommand(),
		serveCommand(),
		checkCommand(),
		newCommand(),
		initCommand(),
		importCommand(),
		templateCommand(),
		deployCommand(),
		versionCommand(),
	}
}

const mainUsage = `showcase builds a programme's project showcase and annual report
from Markdown stories with front-matter metrics.

Usage:

	showcase <command> [flags]

Commands:
%s
Run "showcase help <command>" for a command's flags and examples.
`

func printMainUsage(w io.Writer) {
	var b strings.Builder
	for _, c := range commands() {
		fmt.Fprintf(&b, "\t%-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, mainUsage, b.String())
}

// run dispatches a command line and maps its outcome to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printMainUsage(stderr)
		return exitUsage
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			printMainUsage(stdout)
			return exitOK
		}
		for _, c := range commands() {
			if c.name == rest[0] {
				printCommandHelp(stdout, c)
				return exitOK
			}
		}
		fmt.Fprintf(stderr, "showcase help: unknown command %q\n", rest[0])
		return exitUsage
	case "-v", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		fs, err := c.exec(ctx, rest, stdout, stderr)
		var ue *usageError
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, flag.ErrHelp):
			printCommandHelp(stdout, c)
			return exitOK
		case errors.Is(err, errSilent):
			return exitError
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "showcase %s: %s\nRun \"showcase help %s\" for usage.\n", c.name, ue.msg, c.name)
			return exitUsage
		default:
			printError(stderr, err, termLang(fs))
			return exitError
		}
	}
	fmt.Fprintf(stderr, "showcase: unknown command %q\nRun \"showcase help\" for the commands.\n", name)
	return exitUsage
}

// printError prints every problem of a build on its own line, then a count,
// in lang.
func printError(w io.Writer, err error, lang string) {
	if probs := diag.Problems(err); len(probs) > 0 {
		for _, p := range probs {
			fmt.Fprintln(w, p.Format(lang))
		}
		fmt.Fprintln(w, diag.M("errors-total", len(probs.Errors())).Format(lang))
		return
	}
	fmt.Fprintf(w, "showcase: %s\n", diag.MsgOf(err).Format(lang))
}

// envLang is SHOWCASE_LANG as en or zh-CN, or "" when unset or neither.
func envLang() string {
	l, _ := diag.ParseLang(os.Getenv("SHOWCASE_LANG"))
	return l
}

// termLang is the language of messages in the terminal: SHOWCASE_LANG
// (en or zh-CN) if set, else the language of the site in the -s folder.
func termLang(fs *flagSet) string {
	if l := envLang(); l != "" {
		return l
	}
	dir := "."
	if fs != nil {
		if f := fs.Lookup("s"); f != nil {
			dir = f.Value.String()
		}
	}
	return config.Language(os.DirFS(dir))
}

func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", c.usage, strings.TrimSpace(c.help))
	if c.flags != nil {
		fmt.Fprintln(w, "\nFlags:")
		fs := c.flags()
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
}

// exec parses the command's flags and runs it. It returns the flags, for
// the printing of its error.
func (c *command) exec(ctx context.Context, args []string, stdout, stderr io.Writer) (*flagSet, error) {
	fs := newFlagSet(c.name)
	if c.flags != nil {
		fs = c.flags()
	}
	pos, err := parse(fs, args)
	if err != nil {
		return fs, err
	}
	return fs, c.run(ctx, fs, pos, stdout, stderr)
}

// newFlagSet makes a FlagSet that returns errors instead of exiting and
// prints nothing itself: run reports usage errors.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses flags, turning their errors into usage errors. Flags may come
// before or after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func buildCommand() *command {
	return &command{
		name:    "build",
		summary: "build the site into public/",
		usage:   "showcase build [-s DIR] [-d DIR] [--base-url URL] [--drafts] [--future] [--no-minify] [--force] [--pdf [--chrome PATH]] [-q]",
		help: `Build reads showcase.yaml and content/, renders every page with the
theme, and writes the site into the output folder. The new site is written
beside the output folder and swapped in only when the build succeeded: a
failed build leaves the previous output as it was. Every content error is
listed with its file:line:col; then build exits with status 1.

With --pdf, build also prints each annual report to
reports/YEAR/report.pdf (A4) with headless Chromium or Google Chrome,
found on PATH or named with --chrome; the report pages link to it.

Examples:

	showcase build
	showcase build -s mysite -d /tmp/out --base-url https://example.org/showcase/
	showcase build --drafts -q
	showcase build --pdf --chrome /usr/bin/chromium`,
		flags: func() *flagSet {
			fs := newFlagSet("build")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("d", "", "the output `folder` (default public/ under the site root)")
			fs.String("base-url", "", "the site's absolute `URL`, overriding showcase.yaml's baseURL")
			fs.Bool("drafts", false, "include stories marked draft: true")
			fs.Bool("future", false, "include stories dated in the future")
			fs.Bool("no-minify", false, "write HTML, CSS and JS as rendered, not minified")
			fs.Bool("force", false, "replace an output folder that holds files showcase did not write")
			fs.Bool("pdf", false, "also print each annual report to reports/YEAR/report.pdf with headless Chromium")
			fs.String("chrome", "", "the Chromium or Chrome `executable` for --pdf (default: found on PATH)")
			fs.Bool("q", false, "print nothing but errors")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) > 0 {
				return &usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
			}
			if str(fs, "chrome") != "" && !boolean(fs, "pdf") {
				return &usageError{"--chrome names the browser for --pdf; add --pdf"}
			}
			if err := requireSite(str(fs, "s")); err != nil {
				return err
			}
			var progress *build.Progress
			stop := func() {}
			if !boolean(fs, "q") && isTerminal(stdout) {
				progress = &build.Progress{}
				stop = showProgress(stdout, progress, termLang(fs))
			}
			limitMemory()
			res, err := build.Run(ctx, build.Options{
				Progress: progress,
				Source:   str(fs, "s"),
				Dest:     str(fs, "d"),
				BaseURL:  str(fs, "base-url"),
				Drafts:   boolean(fs, "drafts"),
				Future:   boolean(fs, "future"),
				NoMinify: boolean(fs, "no-minify"),
				Force:    boolean(fs, "force"),
				PDF:      boolean(fs, "pdf"),
				Chrome:   str(fs, "chrome"),
			})
			stop() // clear the progress line before anything else is printed
			if err != nil {
				return err
			}
			if !boolean(fs, "q") {
				lang := termLang(fs)
				for _, w := range res.Warnings {
					fmt.Fprintln(stderr, w.Format(lang))
				}
				fmt.Fprintln(stdout, res.Summary().Format(lang))
			}
			return nil
		},
	}
}

func versionCommand() *command {
	return &command{
		name:    "version",
		summary: "print the version of showcase and of Go",
		usage:   "showcase version",
		help:    "Version prints showcase's module version and the Go version it was built with.",
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) > 0 {
				return &usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
			}
			v := "(devel)"
			if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
				v = bi.Main.Version
			}
			fmt.Fprintf(stdout, "showcase %s %s %s/%s\n", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		},
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// showProgress prints "rendering N/M pages" on one line, from half a second
// into the build (a quick build shows nothing), until stop is called.
func showProgress(w io.Writer, p *build.Progress, lang string) (stop func()) {
	return progressLine(w, 500*time.Millisecond, func() string {
		return diag.M("build-progress", p.Done.Load(), p.Total.Load()).Format(lang)
	})
}

// progressLine rewrites one terminal line with line() five times a second,
// from after on (a line of "" shows nothing yet), and clears it when stop
// is called: the progress of build and of deploy.
func progressLine(w io.Writer, after time.Duration, line func() string) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		shown := false
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(w, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < after {
					continue
				}
				if l := line(); l != "" {
					shown = true
					fmt.Fprint(w, "\r\033[K"+l)
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
