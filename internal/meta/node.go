package meta

import (
	"github.com/jiangninglu/showcase/internal/diag"
)

// Kind is the type of a decoded value.
type Kind uint8

const (
	Null Kind = iota
	Bool
	Int
	Float
	String
	Time // a date or date-time written without quotes (YAML, TOML)
	List
	Map
)

var kindNames = [...]string{"null", "boolean", "integer", "number", "string", "date", "list", "map"}

func (k Kind) String() string { return kindNames[k] }

// Node is one decoded value and where it was written. Lines and columns are
// 1-based and relative to the whole file, not to the front-matter block.
type Node struct {
	Kind Kind
	Str  string  // the scalar as written (for String: the value; Time: the date text)
	Num  float64 // for Int and Float
	Bool bool
	List []*Node
	Map  []Pair // in source order
	Line int
	Col  int
	// Flow is a YAML list written in brackets on one line, [a, b], whose
	// items are split on ASCII commas only (see Fields.Strings).
	Flow bool
}

// Pair is a map entry.
type Pair struct {
	Key   string
	Line  int // of the key
	Col   int
	Value *Node
}

// Get returns the value of key in a Map node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil {
		return nil
	}
	for i := range n.Map {
		if n.Map[i].Key == key {
			return n.Map[i].Value
		}
	}
	return nil
}

// Describe renders a value for an error message: strings quoted, others as
// their kind and text, so "12" (a string) and 12 (a number) read differently.
func (n *Node) Describe() diag.Msg {
	switch n.Kind {
	case String:
		s := n.Str
		if r := []rune(s); len(r) > 40 {
			s = string(r[:40]) + "…"
		}
		return diag.M("got-text", diag.Quote(s))
	case Null:
		return diag.M("got-nothing")
	case List:
		return diag.M("got-list")
	case Map:
		return diag.M("got-map")
	case Bool:
		if n.Bool {
			return diag.M("got-literal", "true")
		}
		return diag.M("got-literal", "false")
	}
	return diag.M("got-literal", n.Str)
}
