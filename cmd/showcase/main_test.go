package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jiangninglu/showcase/internal/bench"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"showcase": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
		// gen50mb FILE writes a 50 MB story.
		"gen50mb": func() {
			data := append([]byte("---\ntitle: huge\n---\n"), bytes.Repeat([]byte("很长的故事。\n"), 50<<20/19)...)
			if err := os.WriteFile(os.Args[1], data, 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// writehex FILE HEX writes bytes given in hexadecimal.
		"writehex": func() {
			data, err := hex.DecodeString(os.Args[2])
			if err == nil {
				err = os.WriteFile(os.Args[1], data, 0o644)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// readmeblock README HEADING OUT writes the first fenced code block
		// under HEADING (a line "### showcase.yaml", say) of README to
		// OUT, as a reader would copy it.
		"readmeblock": func() {
			data, err := os.ReadFile(os.Args[1])
			if err == nil {
				var block string
				block, err = codeBlock(string(data), os.Args[2])
				if err == nil {
					err = os.WriteFile(os.Args[3], []byte(block), 0o644)
				}
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
		// gencorpus N DIR writes a synthetic site of N stories.
		"gencorpus": func() {
			n, err := strconv.Atoi(os.Args[1])
			if err == nil {
				err = bench.Write(os.Args[2], n, 1)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
	})
}

// TestScripts runs whole-CLI scenarios from testdata/script/*.txtar: each
// archive is a small site and the commands run against it.
var update = flag.Bool("update", false, "rewrite the scripts' expected files (cmp) with the actual output")

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		UpdateScripts:       *update,
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// REPO is the repository's root, for scripts that read its
			// README.md; $LEDGERS holds the synthetic .xlsx ledgers
			// (binary, so not in txtar).
			root, err := filepath.Abs("../..")
			env.Setenv("REPO", root)
			env.Setenv("LEDGERS", filepath.Join(root, "cmd", "showcase", "testdata", "ledgers"))
			// $FIXTURES: Word files pandoc and LibreOffice wrote.
			env.Setenv("FIXTURES", filepath.Join(root, "internal", "docx", "testdata"))
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// waitfor GLOB waits (up to 30s) until a file matching GLOB
			// exists: a background command has got that far.
			"waitfor": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 1 || neg {
					ts.Fatalf("usage: waitfor GLOB")
				}
				deadline := time.Now().Add(30 * time.Second)
				for time.Now().Before(deadline) {
					if m, _ := filepath.Glob(ts.MkAbs(args[0])); len(m) > 0 {
						return
					}
					time.Sleep(5 * time.Millisecond)
				}
				ts.Fatalf("nothing matched %s within 30s", args[0])
			},
		},
	})
}

// codeBlock returns the first fenced code block (``` lines) after the line
// heading in a Markdown document.
func codeBlock(doc, heading string) (string, error) {
	_, after, ok := strings.Cut(doc, "\n"+heading+"\n")
	if !ok {
		return "", fmt.Errorf("no heading %q", heading)
	}
	_, after, ok = strings.Cut(after, "\n```")
	if !ok {
		return "", fmt.Errorf("no code block under %q", heading)
	}
	_, body, _ := strings.Cut(after, "\n") // the rest of the ```yaml line
	block, _, ok := strings.Cut(body, "\n```")
	if !ok {
		return "", fmt.Errorf("the code block under %q never closes", heading)
	}
	return block + "\n", nil
}
