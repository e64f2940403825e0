package render

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// foldWords replaces each call of T with one literal key, and no other
// argument, by the word it gives: once a theme is loaded its words are
// fixed, so such a call would give the same string on every page, at the
// price of a call through reflect each time. The word is still printed
// (and escaped for where it stands) as the call's result was. A key the
// words lack is left alone, to fail when executed as before. Hugo
// rewrites its templates' parse trees likewise (tplimpl's transformers).
//
// It must run before the templates first execute, when html/template
// escapes them.
func foldWords(t *template.Template, words map[string]string) {
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			foldNode(x.Tree.Root, words)
		}
	}
}

func foldNode(n parse.Node, words map[string]string) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, words)
		}
	case *parse.ActionNode:
		foldNode(n.Pipe, words)
	case *parse.IfNode:
		foldBranch(&n.BranchNode, words)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, words)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, words)
	case *parse.TemplateNode:
		foldNode(n.Pipe, words)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			foldCommand(c, words)
		}
	case *parse.ChainNode:
		foldNode(n.Node, words)
	}
}

func foldBranch(b *parse.BranchNode, words map[string]string) {
	foldNode(b.Pipe, words)
	foldNode(b.List, words)
	foldNode(b.ElseList, words)
}

// foldCommand turns the command T "key" into the string "word", and
// folds the commands within any other command's arguments.
func foldCommand(c *parse.CommandNode, words map[string]string) {
	if len(c.Args) == 2 {
		id, isID := c.Args[0].(*parse.IdentifierNode)
		key, isStr := c.Args[1].(*parse.StringNode)
		if isID && isStr && id.Ident == "T" {
			if w, ok := words[key.Text]; ok {
				key.Text, key.Quoted = w, strconv.Quote(w)
				c.Args = c.Args[1:]
				return
			}
		}
	}
	for _, a := range c.Args {
		foldNode(a, words)
	}
}
