// Package cells reads values as editors type them into a table cell, in
// Word (wordimport) or Excel (ledger): figures with full-width digits,
// thousands separators, 万/亿 and units, estimates (约100, 100+) refused;
// placeholders (无, —) as blank; labels with their unit in brackets
// (资金（万元）); dates in Chinese or ISO form; years; lists separated by
// 、，,;/. It is the one reading of a typed cell: both imports call it.
// Numbers are converted exactly (math/big), so 1.13 万元 is 11300, never
// 11299.999999999998.
//
// It imports diag (and golang.org/x/text/width and unicode/norm).
package cells
