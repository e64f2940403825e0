package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/jiangninglu/showcase/internal/server"
)

func serveCommand() *command {
	return &command{
		name:    "serve",
		summary: "preview the site, rebuilding and reloading on every save",
		usage:   "showcase serve [-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future] [--edit|--no-edit] [--allow-host NAME]...",
		help: `Serve builds the site into memory and serves it at http://127.0.0.1:1313/
(the next free port if that one is taken). It watches showcase.yaml,
content/, layouts/, i18n/ and static/ (folders created later too); after
each save it rebuilds only what changed and the open browser tab reloads by
itself, or swaps the stylesheet after a CSS-only change. A broken edit shows
its error in the terminal and over the page; the last good site keeps being
served until the file is fixed. Serve never writes to the output folder.
Ctrl-C stops it.

On a loopback address serve also offers a story editor in the browser at
/__showcase/edit/ (every previewed page gets an Edit link): forms built
from the front-matter schema that write ordinary Markdown files under
content/. --edit offers it on any address, --no-edit never. Only pages
of this server, under this server's own name, can use it. The editor has
no login: on --bind 0.0.0.0 --edit anyone on the network who can open the
address can change stories. Whatever the bind, the browser's address must
name this machine (127.0.0.1, localhost, the --bind address, the machine's
own name and addresses, or a name given with --allow-host), which keeps
other web sites out through DNS rebinding.

Examples:

	showcase serve
	showcase serve -s mysite --drafts
	showcase serve --port 8080`,
		flags: func() *flagSet {
			fs := newFlagSet("serve")
			fs.String("s", ".", "the site's root `folder`")
			fs.String("bind", "127.0.0.1", "the `address` to listen on; anything but loopback is reachable from other machines")
			fs.Int("port", 1313, "the `port` to listen on (the next free one if it is taken)")
			fs.Bool("drafts", false, "include stories marked draft: true")
			fs.Bool("future", false, "include stories dated in the future")
			fs.Bool("edit", false, "offer the story editor even when --bind is not a loopback address")
			fs.Bool("no-edit", false, "do not offer the story editor")
			fs.Var(&hostList{}, "allow-host", "also accept this host `name` in the browser's address (a LAN or proxy name for this machine); may be repeated")
			return fs
		},
		run: func(ctx context.Context, fs *flagSet, pos []string, stdout, stderr io.Writer) error {
			if len(pos) > 0 {
				return &usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
			}
			port, err := strconv.Atoi(str(fs, "port"))
			if err != nil || port < 1 || port > 65535 {
				return &usageError{fmt.Sprintf("--port wants a number from 1 to 65535, got %q", str(fs, "port"))}
			}
			edit := server.EditAuto
			switch {
			case boolean(fs, "edit") && boolean(fs, "no-edit"):
				return &usageError{"--edit and --no-edit contradict each other; give one"}
			case boolean(fs, "edit"):
				edit = server.EditOn
			case boolean(fs, "no-edit"):
				edit = server.EditOff
			}
			if err := requireSite(str(fs, "s")); err != nil {
				return err
			}
			return server.Run(ctx, server.Options{
				Edit:       edit,
				Source:     str(fs, "s"),
				Bind:       str(fs, "bind"),
				Port:       port,
				Drafts:     boolean(fs, "drafts"),
				Future:     boolean(fs, "future"),
				Lang:       envLang(),
				Stdout:     stdout,
				Stderr:     stderr,
				AllowHosts: *fs.Lookup("allow-host").Value.(*hostList),
			})
		},
	}
}

// hostList is a flag that may be given many times, or with names separated
// by commas.
type hostList []string

func (h *hostList) String() string { return strings.Join(*h, ",") }

func (h *hostList) Set(v string) error {
	for _, n := range strings.Split(v, ",") {
		if n = strings.TrimSpace(n); n != "" {
			*h = append(*h, n)
		}
	}
	return nil
}
