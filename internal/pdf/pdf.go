package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// Names are the browser commands looked for on PATH, in order.
var Names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// NoChromeError says that no browser was found to print with. Given is the
// path the user named (--chrome), if any.
type NoChromeError struct {
	Given string
	Err   error // why Given is not usable
}

func (e *NoChromeError) Error() string {
	where := "none of " + strings.Join(Names, ", ") + " is on PATH"
	if e.Given != "" {
		where = fmt.Sprintf("--chrome %s: %v", e.Given, e.Err)
	}
	return "--pdf prints the reports with Chromium or Google Chrome, and " + where +
		". Install Chromium (Debian, Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: brew install --cask chromium; Windows: download Chrome from https://www.google.com/chrome/) or name the browser with --chrome PATH"
}

// FindChrome returns the browser to print with: path when given (it must
// be an executable file), else the first of Names on PATH.
func FindChrome(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", &NoChromeError{Given: path, Err: errors.Unwrap(err)}
		}
		return p, nil
	}
	for _, n := range Names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", &NoChromeError{}
}

// Job is one page to print: its URL path on the site (with the site's base
// path, e.g. /reports/2020/) and what to do with the PDF.
type Job struct {
	Page  string
	Write func(pdf []byte) error
	// Info is the PDF's document information; an empty Title takes the
	// page's <title>. Creator is always showcase.
	Info Info
}

// Options say how to print.
type Options struct {
	Chrome   string // the browser's executable, from FindChrome
	Dir      string // the built site's output folder
	BasePath string // the site's base path, "/" or "/showcase/"
	// Timeout limits each page's load and print; 0 means one minute.
	Timeout time.Duration
}

// Print serves opts.Dir below opts.BasePath on a local address, starts one
// headless browser and prints each job's page on the paper its CSS asks
// for (preferCSSPageSize), backgrounds included. It stops at the first
// error.
func Print(ctx context.Context, opts Options, jobs []Job) error {
	if len(jobs) == 0 {
		return nil
	}
	base := "/" + strings.Trim(opts.BasePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	fs := http.FileServer(http.Dir(opts.Dir))
	mux := http.NewServeMux()
	mux.Handle(printPrefix, printHandler())
	mux.Handle("/", http.StripPrefix(strings.TrimSuffix(base, "/"), fs))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ao := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(opts.Chrome),
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
	)
	if os.Geteuid() == 0 { // Chromium refuses to run as root with its sandbox
		ao = append(ao, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, ao...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		return fmt.Errorf("start %s: %w", opts.Chrome, err)
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = time.Minute
	}
	for _, j := range jobs {
		if err := printOne(bctx, srv.URL+j.Page, timeout, j); err != nil {
			return fmt.Errorf("print %s: %w", j.Page, err)
		}
	}
	return nil
}

// maxPasses bounds the prints of one page: the contents' page numbers are
// read back from a print and written into the page, which is printed
// again until they hold (the numbers take room reserved for them, so the
// second print almost always agrees with the first).
const maxPasses = 4

func printOne(ctx context.Context, url string, timeout time.Duration, j Job) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		return err
	}
	if resp != nil && resp.Status != http.StatusOK {
		return fmt.Errorf("the page answered %d", resp.Status)
	}
	// The print font, loaded before the print (a font used only in print
	// would otherwise load too late for it); then fonts and images, so
	// that the layout printed is the final one.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(done => {
		const l = document.createElement('link');
		l.rel = 'stylesheet';
		l.href = '`+printPrefix+`print.css';
		l.onload = l.onerror = done;
		document.head.appendChild(l);
	}).then(() => Promise.all(['400', '700'].map(w => document.fonts.load(w + ' 16px "showcase print"', '中文 Aa1'))))
	.then(() => Promise.all([document.fonts.ready,
		...[...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r }))]))
	.then(() => true)`,
		chromedp.EvalAwaitPromise)); err != nil {
		return err
	}
	var buf []byte
	for pass := 1; ; pass++ {
		buf, err = chromedp.Run(ctx, chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperA4),
			chromedp.PDFPreferCSSPageSize(),
			chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(),
		))
		if err != nil {
			return err
		}
		if pass == maxPasses {
			break
		}
		dests, err := destPages(buf)
		if err != nil {
			return fmt.Errorf("read the printed pages back: %w", err)
		}
		js, err := json.Marshal(dests)
		if err != nil {
			return err
		}
		// Each element with data-page-of="ID" shows the page the element
		// with that id was printed on.
		changed, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(pages => {
			let changed = false;
			for (const el of document.querySelectorAll('[data-page-of]')) {
				const n = pages[el.getAttribute('data-page-of')];
				const s = n ? String(n) : '';
				if (el.textContent !== s) { el.textContent = s; changed = true; }
			}
			return changed;
		})(`+string(js)+`)`))
		if err != nil {
			return err
		}
		if !changed {
			break
		}
	}
	info := j.Info
	if info.Title == "" {
		if info.Title, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.title`)); err != nil {
			return err
		}
	}
	if buf, err = withInfo(buf, info); err != nil {
		return fmt.Errorf("set the document information: %w", err)
	}
	return j.Write(buf)
}
