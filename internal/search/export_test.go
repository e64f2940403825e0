package search

// ShardOf exposes shardOf to the tests of package search_test, which
// compare it with search.js.
var ShardOf = shardOf

// MaxParamChars exposes maxParamChars to package search_test.
const MaxParamChars = maxParamChars
