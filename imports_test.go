package showcase_test

import (
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/jiangninglu/showcase"

// TestDocImports keeps each internal package's doc.go honest: its "It
// imports ..." sentence must name exactly the packages of this module that
// the package's files (tests aside, every platform's) import. Packages of
// ours are named by their last path element; "root" is the module's root
// package. Words in parentheses, and every other word, are ignored.
func TestDocImports(t *testing.T) {
	dirs, err := filepath.Glob("internal/*")
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]string{"root": module}
	for _, dir := range dirs {
		ours[filepath.Base(dir)] = module + "/" + filepath.ToSlash(dir)
	}
	for _, dir := range dirs {
		d := filepath.Join(dir, "doc.go")
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(d)
			if err != nil {
				t.Fatal(err)
			}
			said, ok := docImports(string(src), ours)
			if !ok {
				t.Fatalf(`%s: no "It imports ..." sentence`, d)
			}
			got, err := moduleImports(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(said, got) {
				t.Errorf("%s says it imports %v; its files import %v", d, short(said), short(got))
			}
		})
	}
}

// short names import paths of ours as the docs do.
func short(paths []string) []string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = "root"
		if p != module {
			names[i] = path.Base(p)
		}
	}
	return names
}

var (
	importsSentence = regexp.MustCompile(`(?s)It imports (.*?)\.(\s|$)`)
	parenthesised   = regexp.MustCompile(`\([^)]*\)`)
	word            = regexp.MustCompile(`[A-Za-z0-9_]+`)
)

// docImports returns the import paths a doc comment's "It imports"
// sentence names, sorted.
func docImports(doc string, ours map[string]string) ([]string, bool) {
	var text strings.Builder
	for line := range strings.Lines(doc) {
		text.WriteString(strings.TrimPrefix(strings.TrimSpace(line), "//") + " ")
	}
	m := importsSentence.FindStringSubmatch(text.String())
	if m == nil {
		return nil, false
	}
	said := []string{}
	for _, w := range word.FindAllString(parenthesised.ReplaceAllString(m[1], ""), -1) {
		if p, ok := ours[w]; ok && !slices.Contains(said, p) {
			said = append(said, p)
		}
	}
	slices.Sort(said)
	return said, true
}

// moduleImports returns the packages of this module that the Go files in
// dir import, tests aside, sorted.
func moduleImports(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	got := []string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			return nil, err
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if (p == module || strings.HasPrefix(p, module+"/")) && !slices.Contains(got, p) {
				got = append(got, p)
			}
		}
	}
	slices.Sort(got)
	return got, nil
}

// TestReadmeLayout keeps the README's "Layout of the code" whole: it names
// each package under internal/ and cmd/, and no package that is gone.
func TestReadmeLayout(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(readme), "\n## Layout of the code\n")
	if !ok {
		t.Fatal(`README.md has no "## Layout of the code" section`)
	}
	if i := strings.Index(layout, "\n## "); i >= 0 {
		layout = layout[:i]
	}
	named := map[string]bool{}
	for line := range strings.Lines(layout) {
		if f := strings.Fields(line); len(f) > 0 && (strings.HasPrefix(f[0], "internal/") || strings.HasPrefix(f[0], "cmd/")) {
			named[f[0]] = true
		}
	}
	var dirs []string
	for _, pattern := range []string{"internal/*", "cmd/*"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, m...)
	}
	for _, dir := range dirs {
		dir = filepath.ToSlash(dir)
		if !named[dir] {
			t.Errorf("README.md's layout does not name %s", dir)
		}
		delete(named, dir)
	}
	for dir := range named {
		t.Errorf("README.md's layout names %s, which is not a package folder", dir)
	}
}
