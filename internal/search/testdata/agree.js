// Run by TestJSAgrees: node agree.js SEARCH_JS < input.json > output.json
//
// input:  {"queries": [...], "keys": [...], "shards": N, "files": {"index.json": "...", ...}}
// output: {"terms": [[{key, prefix}]], "shardOf": [...], "results": [[{id, matched, score}]], "marks": [[[piece, isMatch]]],
//          "whole": [bool], "passages": [[[piece, isMatch]] or null]}
'use strict';
const fs = require('fs');
const s = require(process.argv[2]);
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = {
  terms: input.queries.map((q) => s.terms(q)),
  shardOf: input.keys.map((k) => s.shardOf(k, input.shards)),
  marks: input.marks.map((m) => s.marks(m.text, s.terms(m.query))),
  whole: (input.whole || []).map((w) => s.whole(w.text, w.query)),
  passages: (input.passages || []).map((p) => s.passage(p.text, s.terms(p.query), 5, 12)),
};
const sr = s.searcher((name) => {
  if (!(name in input.files)) return Promise.reject(new Error('no file ' + name));
  return Promise.resolve(JSON.parse(input.files[name]));
});
Promise.all(input.queries.map((q) => sr.search(q))).then((results) => {
  out.results = results;
  process.stdout.write(JSON.stringify(out));
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
