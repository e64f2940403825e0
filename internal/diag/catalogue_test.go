package diag

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// verb matches a fmt verb, with its explicit argument index if any.
var verb = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?([a-zA-Z%])`)

// sampleArgs makes one distinct argument per verb of the English text, of
// the verb's type, so that every language's text can be checked to use
// each of them.
func sampleArgs(format string) []any {
	var args []any
	next := 0
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
			i--
		}
		next = i + 1
		for len(args) <= i {
			args = append(args, nil)
		}
		switch m[2] {
		case "d":
			args[i] = 70 + i
		case "f":
			args[i] = 70.5 + float64(i)
		default:
			args[i] = fmt.Sprintf("«arg%d»", i)
		}
	}
	return args
}

// TestCatalogueComplete: every message has English and Chinese text, and
// both use every argument, with verbs that fit it.
func TestCatalogueComplete(t *testing.T) {
	for code, tx := range catalogue {
		t.Run(code, func(t *testing.T) {
			if tx.en == "" || tx.zh == "" {
				t.Fatalf("missing text: en %q, zh %q", tx.en, tx.zh)
			}
			args := sampleArgs(tx.en)
			for _, f := range []string{tx.en, tx.enOne, tx.zh} {
				if f == "" {
					continue
				}
				got := fmt.Sprintf(f, args...)
				if strings.Contains(got, "%!") {
					t.Errorf("%q with %v: %s", f, args, got)
				}
				for _, a := range args {
					if !strings.Contains(got, fmt.Sprint(a)) {
						t.Errorf("%q leaves out argument %v", f, a)
					}
				}
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		m      Msg
		en, zh string
	}{
		{M("unknown-key-suggest", "neighborhood"), "unknown key; did you mean neighborhood?", "未知的键；是不是想写 neighborhood？"},
		{M("want-non-negative", M("got-text", Quote("很多"))), `want a non-negative number, got "很多"`, "应为非负数，实际是“很多”"},
		{M("want-non-negative", M("got-literal", "-3")), "want a non-negative number, got -3", "应为非负数，实际是 -3"},
		{M("unknown-key", Words{"title", "slug"}), "unknown key; known keys are title, slug", "未知的键；可用的键有 title、slug"},
		{M("slug-char", QuoteRune('/')), "must not contain '/'", "不能包含“/”"},
		{M("errors-total", 1), "1 error", "共 1 个错误"},
		{M("errors-total", 2), "2 errors", "共 2 个错误"},
		{M("as-is", NewError("slug-empty")), "must not be empty", "不能为空"},
		{M("no-such-code", 1), "no-such-code 1", "no-such-code 1"},
	} {
		if got := tc.m.Format(En); got != tc.en {
			t.Errorf("%s en: got %q, want %q", tc.m.Code, got, tc.en)
		}
		if got := tc.m.Format(ZhCN); got != tc.zh {
			t.Errorf("%s zh-CN: got %q, want %q", tc.m.Code, got, tc.zh)
		}
	}
	p := New(Pos{File: "content/stories/a.md", Line: 4, Col: 1}, "neighbourhood", "unknown-key-suggest", "neighborhood")
	if got, want := p.Format(ZhCN), "content/stories/a.md:4:1: neighbourhood：未知的键；是不是想写 neighborhood？"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	p.Severity = Warning
	if got, want := p.Format(ZhCN), "content/stories/a.md:4:1: 警告：neighbourhood：未知的键；是不是想写 neighborhood？"; got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// codeArg says which argument of a call is a catalogue code, by the
// function's name: List.Report/Warn, Fields.Report, diag.New and
// linkcheck's reporter.report take it third; M and NewError first; Wrap
// second.
var codeArg = map[string]int{"Report": 2, "Warn": 2, "report": 2, "New": 2, "M": 0, "NewError": 0, "Wrap": 1}

// TestCatalogueCovers reads every Go file of the module and checks that
// each message code written in a call is in the catalogue, and that each
// code in the catalogue is used somewhere.
func TestCatalogueCovers(t *testing.T) {
	root := filepath.Join("..", "..")
	used := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var name string
			switch fn := call.Fun.(type) {
			case *ast.Ident:
				name = fn.Name
				if name != "report" && !strings.HasSuffix(filepath.Dir(p), "diag") {
					return true // M, New... of another package are not ours
				}
			case *ast.SelectorExpr:
				name = fn.Sel.Name
				if x, ok := fn.X.(*ast.Ident); ok && x.Name != "diag" && (name == "M" || name == "New" || name == "NewError" || name == "Wrap") {
					return true
				}
			}
			i, ok := codeArg[name]
			if !ok || len(call.Args) <= i {
				return true
			}
			lit, ok := call.Args[i].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true // passed on from a caller, checked there
			}
			code, _ := strconv.Unquote(lit.Value)
			used[code] = true
			if _, ok := catalogue[code]; !ok {
				t.Errorf("%s: message code %q is not in the catalogue", fset.Position(lit.Pos()), code)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 50 {
		t.Fatalf("found only %d codes in use: is the walk looking at the module?", len(used))
	}
	var unused []string
	for code := range catalogue {
		if !used[code] {
			unused = append(unused, code)
		}
	}
	slices.Sort(unused)
	if len(unused) > 0 {
		t.Errorf("codes in the catalogue that nothing uses: %s", strings.Join(unused, ", "))
	}
}
