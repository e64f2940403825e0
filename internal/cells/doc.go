// Package cells reads values as editors type them into a table cell, in
// Word or Excel: figures with full-width digits, thousands separators,
// 万/亿 and units; dates in Chinese or ISO form; lists separated by 、，,;.
// Numbers are converted exactly (math/big), so 1.13 万元 is 11300, never
// 11299.999999999998.
//
// It imports diag (and golang.org/x/text/width).
package cells
