package render

import (
	"html/template"
	"io"
	"strconv"
	"strings"
	"text/template/parse"
)

// Pure is a template function of a string whose result depends on that
// string alone (and the site's configuration, fixed for a theme):
// LoadTheme calls it once, when it loads the templates, where a template
// gives it a literal, as {{relURL "/css/style.css"}}.
type Pure func(string) string

// foldCalls replaces each call whose value is known when the theme loads
// by that value: T with a literal key and no other argument (a theme's
// words are fixed once it is loaded) and a Pure function of a literal.
// Such a call would give the same string on every page, at the price of
// a call through reflect each time; the string is still printed (and
// escaped for where it stands) as the call's result was. A key the words
// lack is left alone, to fail when executed as before. Hugo rewrites its
// templates' parse trees likewise (tplimpl's transformers).
//
// It must run before the templates first execute, when html/template
// escapes them.
func foldCalls(t *template.Template, words map[string]string, funcs template.FuncMap) {
	value := func(name, arg string) (string, bool) {
		if name == "T" {
			w, ok := words[arg]
			return w, ok
		}
		if f, ok := funcs[name].(Pure); ok {
			return f(arg), true
		}
		return "", false
	}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			foldNode(x.Tree.Root, value)
		}
	}
}

type valueFunc func(name, arg string) (string, bool)

func foldNode(n parse.Node, value valueFunc) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, value)
		}
	case *parse.ActionNode:
		foldNode(n.Pipe, value)
	case *parse.IfNode:
		foldBranch(&n.BranchNode, value)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, value)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, value)
	case *parse.TemplateNode:
		foldNode(n.Pipe, value)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			foldCommand(c, value)
		}
	case *parse.ChainNode:
		foldNode(n.Node, value)
	}
}

func foldBranch(b *parse.BranchNode, value valueFunc) {
	foldNode(b.Pipe, value)
	foldNode(b.List, value)
	foldNode(b.ElseList, value)
}

// foldCommand turns a command F "literal" whose value is known into the
// string, and folds the commands within any other command's arguments.
func foldCommand(c *parse.CommandNode, value valueFunc) {
	for _, a := range c.Args {
		foldNode(a, value)
	}
	if len(c.Args) != 2 {
		return
	}
	id, isID := c.Args[0].(*parse.IdentifierNode)
	arg, isStr := c.Args[1].(*parse.StringNode)
	if !isID || !isStr {
		return
	}
	if v, ok := value(id.Ident, arg.Text); ok {
		arg.Text, arg.Quoted = v, strconv.Quote(v)
		c.Args = c.Args[1:]
	}
}

// foldPrinted makes html/template escape k's templates (it does so when a
// template first executes: k runs once, with no data, and stops at the
// first field) and then replaces each action that prints a literal string
// (a folded word, say) by the text it prints. That text is what
// html/template's own escapers give: a probe template that escapes its
// one action through the same escapers prints the string, so nothing of
// the escapers' rules is written here. Actions whose escapers no probe
// has are left as they are.
func foldPrinted(k *template.Template, probes map[string]*probe) {
	k.ExecuteTemplate(io.Discard, "baseof", nil) // the error of no data is expected
	for _, x := range k.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			foldActions(x.Tree.Root, probes)
		}
	}
}

func foldActions(n parse.Node, probes map[string]*probe) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for i, c := range n.Nodes {
			if a, ok := c.(*parse.ActionNode); ok {
				if text, ok := printed(a.Pipe, probes); ok {
					n.Nodes[i] = &parse.TextNode{NodeType: parse.NodeText, Pos: a.Pos, Text: []byte(text)}
				}
				continue
			}
			foldActions(c, probes)
		}
	case *parse.IfNode:
		foldActions(n.List, probes)
		foldActions(n.ElseList, probes)
	case *parse.RangeNode:
		foldActions(n.List, probes)
		foldActions(n.ElseList, probes)
	case *parse.WithNode:
		foldActions(n.List, probes)
		foldActions(n.ElseList, probes)
	}
}

// printed returns what the pipeline "literal" | escaper... prints, if a
// probe knows its escapers.
func printed(p *parse.PipeNode, probes map[string]*probe) (string, bool) {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 || len(p.Cmds[0].Args) != 1 {
		return "", false
	}
	lit, ok := p.Cmds[0].Args[0].(*parse.StringNode)
	if !ok {
		return "", false
	}
	pr := probes[escapers(p.Cmds[1:])]
	if pr == nil {
		return "", false
	}
	var b strings.Builder
	if err := pr.t.Execute(&b, lit.Text); err != nil {
		return "", false
	}
	return strings.TrimSuffix(strings.TrimPrefix(b.String(), pr.before), pr.after), true
}

// escapers names the commands of a pipeline's tail, if each is a bare
// function name (as html/template's escapers are), joined by "|".
func escapers(cmds []*parse.CommandNode) string {
	var names []string
	for _, c := range cmds {
		if len(c.Args) != 1 {
			return ""
		}
		id, ok := c.Args[0].(*parse.IdentifierNode)
		if !ok {
			return ""
		}
		names = append(names, id.Ident)
	}
	return strings.Join(names, "|")
}

// A probe is a template that prints its data in one context: text, a
// quoted attribute, RCDATA, a URL attribute.
type probe struct {
	t             *template.Template
	before, after string // the probe's text around the data
}

// newProbes returns the probes by the escapers of their action.
func newProbes() map[string]*probe {
	out := map[string]*probe{}
	for _, around := range [][2]string{{"", ""}, {`<a title="`, `">`}, {"<title>", "</title>"}, {`<a href="`, `">`}} {
		t := template.Must(template.New("probe").Parse(around[0] + "{{.}}" + around[1]))
		if err := t.Execute(io.Discard, ""); err != nil {
			continue
		}
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*parse.ActionNode); ok {
				if chain := escapers(a.Pipe.Cmds[1:]); chain != "" {
					out[chain] = &probe{t, around[0], around[1]}
				}
			}
		}
	}
	return out
}
