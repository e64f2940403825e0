/* showcase: client-side search for /search/.
 *
 * No dependencies and no network beyond this site: the index (built by
 * internal/search at build time) is fetched from the URL in the page's
 * data-index attribute, the manifest first, then only the term shards and
 * story chunks a query needs.
 *
 * Text is cut into terms exactly as internal/search/tokenize.go does (its
 * test runs this file under node and compares): pairs of neighbouring
 * CJK characters (a lone one stands for itself), and lowercased words of
 * other letters and digits, a word of two or more characters also finding
 * the words it begins. Change both together.
 *
 * Index data is only ever put into the page with textContent and
 * attribute values, never as HTML.
 */
(function () {
  'use strict';

  var MAX_WORD = 32;
  var WEIGHTS = [1, 2, 4, 8]; // body, summary, facts, title
  var PAGE = 20; // results shown at a time
  var DEBOUNCE = 200; // ms after the last key stroke

  // fold maps one character to the form the index keeps: full-width
  // ASCII to ASCII, then lower case, one character for one.
  function fold(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    return String.fromCodePoint(cp).toLowerCase().codePointAt(0);
  }

  function isCJK(cp) {
    return cp === 0x3005 || cp === 0x3007 ||
      (cp >= 0x3040 && cp <= 0x30ff) ||
      (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x323af);
  }

  var wordChar = /^[\p{L}\p{N}\p{M}]$/u;

  function isWord(cp) {
    return wordChar.test(String.fromCodePoint(cp));
  }

  // runs cuts text into CJK runs and word runs of folded characters.
  function runs(text) {
    var out = [];
    var cur = { cjk: false, chars: [] };
    function flush() {
      if (cur.chars.length) out.push(cur);
      cur = { cjk: false, chars: [] };
    }
    for (var ch of String(text)) {
      var cp = fold(ch.codePointAt(0));
      if (isCJK(cp)) {
        if (!cur.cjk) {
          flush();
          cur.cjk = true;
        }
        cur.chars.push(String.fromCodePoint(cp));
      } else if (isWord(cp)) {
        if (cur.cjk) flush();
        cur.chars.push(String.fromCodePoint(cp));
      } else {
        flush();
      }
    }
    flush();
    return out;
  }

  // terms: what a query looks up, in order, without repeats.
  function terms(query) {
    var out = [];
    var seen = Object.create(null);
    function add(key, prefix) {
      if (key === '' || seen[key]) return;
      seen[key] = true;
      out.push({ key: key, prefix: prefix });
    }
    runs(query).forEach(function (r) {
      if (!r.cjk) {
        var w = r.chars.slice(0, MAX_WORD);
        add(w.join(''), w.length >= 2);
      } else if (r.chars.length === 1) {
        add(r.chars[0], false);
      } else {
        for (var i = 0; i + 1 < r.chars.length; i++) add(r.chars[i] + r.chars[i + 1], false);
      }
    });
    return out;
  }

  var encoder = new TextEncoder();

  // shardOf: FNV-1a (32 bits) of the UTF-8 of the key's first two
  // characters, modulo the number of shards.
  function shardOf(key, shards) {
    var head = Array.from(key).slice(0, 2).join('');
    var h = 0x811c9dc5;
    encoder.encode(head).forEach(function (b) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    });
    return h % shards;
  }

  // postings calls f(id, field) for each story of a term's postings:
  // numbers (id - previous id) * 4 + field, base 32, a digit from LAST
  // ending a number and one from MORE not (see internal/search/index.go).
  var LAST = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
  var MORE = 'abcdefghijklmnopqrstuvwxyz*+-.:;';
  function postings(p, f) {
    var id = 0;
    var v = 0;
    for (var i = 0; i < p.length; i++) {
      var c = p.charAt(i);
      var d = MORE.indexOf(c);
      if (d >= 0) {
        v = v * 32 + d;
        continue;
      }
      d = LAST.indexOf(c);
      if (d < 0) throw new Error('bad postings character ' + c);
      v = v * 32 + d;
      id += Math.floor(v / 4);
      f(id, v % 4);
      v = 0;
    }
  }

  // searcher answers queries; load(name) resolves to a parsed JSON file
  // of the index ("index.json", "t-0.json", ...), loaded once each.
  function searcher(load) {
    var cache = Object.create(null);
    function get(name) {
      if (!cache[name]) {
        cache[name] = load(name).catch(function (err) {
          delete cache[name]; // try again next time
          throw err;
        });
      }
      return cache[name];
    }
    var manifest = get('index.json').then(function (m) {
      if (m.v !== 1 || !(m.s >= 1) || !(m.c >= 1)) throw new Error('unknown search index format');
      return m;
    });

    // search resolves to [{id, matched, score}], best first.
    function search(query) {
      var ts = terms(query);
      if (!ts.length) return Promise.resolve([]);
      return manifest.then(function (m) {
        return Promise.all(ts.map(function (t) {
          return get('t-' + shardOf(t.key, m.s) + '.json');
        })).then(function (shards) {
          var matched = new Map();
          var score = new Map();
          ts.forEach(function (t, i) {
            var shard = shards[i];
            var found = new Map(); // story -> best field of this term
            Object.keys(shard).forEach(function (key) {
              if (key !== t.key && !(t.prefix && key.startsWith(t.key))) return;
              postings(shard[key], function (id, f) {
                if (!found.has(id) || f > found.get(id)) found.set(id, f);
              });
            });
            found.forEach(function (f, id) {
              matched.set(id, (matched.get(id) || 0) + 1);
              score.set(id, (score.get(id) || 0) + WEIGHTS[f]);
            });
          });
          // Every term (see Reader.Search in internal/search).
          var out = [];
          matched.forEach(function (n, id) {
            if (n === ts.length) out.push({ id: id, matched: n, score: score.get(id) });
          });
          out.sort(function (a, b) {
            return b.matched - a.matched || b.score - a.score || a.id - b.id;
          });
          return out;
        });
      });
    }

    // docs resolves to [[title, url, snippet], ...] for the ids.
    function docs(ids) {
      return manifest.then(function (m) {
        return Promise.all(ids.map(function (id) {
          return get('d-' + Math.floor(id / m.c) + '.json').then(function (chunk) {
            var d = chunk[id % m.c];
            if (!d) throw new Error('search index: no story ' + id);
            return d;
          });
        }));
      });
    }

    return { search: search, docs: docs, manifest: manifest };
  }

  // marks returns text cut into [piece, isMatch] pairs: where a query
  // term occurs (a word term only at the start of a word, and a whole word
  // unless it is a prefix term).
  function marks(text, ts) {
    var chars = Array.from(String(text));
    var folded = chars.map(function (c) { return String.fromCodePoint(fold(c.codePointAt(0))); });
    var wordAt = folded.map(function (c) {
      var cp = c.codePointAt(0);
      return !isCJK(cp) && isWord(cp);
    });
    var hit = chars.map(function () { return false; });
    ts.forEach(function (t) {
      var k = Array.from(t.key);
      var word = !isCJK(k[0].codePointAt(0));
      for (var i = 0; i + k.length <= folded.length; i++) {
        var j = 0;
        while (j < k.length && folded[i + j] === k[j]) j++;
        if (j < k.length) continue;
        if (word && i > 0 && wordAt[i - 1]) continue;
        if (word && !t.prefix && i + k.length < folded.length && wordAt[i + k.length]) continue;
        for (j = 0; j < k.length; j++) hit[i + j] = true;
      }
    });
    var out = [];
    chars.forEach(function (c, i) {
      if (out.length && out[out.length - 1][1] === hit[i]) out[out.length - 1][0] += c;
      else out.push([c, hit[i]]);
    });
    return out;
  }

  // whole reports whether text holds each Chinese word of the query of
  // three or more characters, as it is: the index finds the stories that
  // hold each of such a word's character pairs, and this weeds out those
  // that hold them apart (居委 and 业委会 for 居委会). Shorter words and
  // words of letters the index finds exactly.
  function whole(text, query) {
    var folded = Array.from(String(text)).map(function (c) {
      return String.fromCodePoint(fold(c.codePointAt(0)));
    }).join('');
    return runs(query).every(function (r) {
      return !r.cjk || r.chars.length < 3 || folded.indexOf(r.chars.join('')) >= 0;
    });
  }

  // passage returns the part of text around the first place a query term
  // occurs, as marks does, with an ellipsis where it is cut; null when no
  // term occurs.
  function passage(text, ts, before, length) {
    var pieces = marks(String(text).replace(/\s+/g, ' ').trim(), ts);
    var at = 0;
    var first = -1;
    var chars = [];
    pieces.forEach(function (p) {
      Array.from(p[0]).forEach(function (c) {
        if (p[1] && first < 0) first = at;
        chars.push([c, p[1]]);
        at++;
      });
    });
    if (first < 0) return null;
    var start = Math.max(0, first - before);
    var end = Math.min(chars.length, start + length);
    var out = [];
    if (start > 0) out.push(['…', false]);
    chars.slice(start, end).forEach(function (c) {
      if (out.length && out[out.length - 1][1] === c[1] && out[out.length - 1][0] !== '…') out[out.length - 1][0] += c[0];
      else out.push([c[0], c[1]]);
    });
    if (end < chars.length) out.push(['…', false]);
    return out;
  }

  var api = { fold: fold, terms: terms, shardOf: shardOf, searcher: searcher, marks: marks, whole: whole, passage: passage };

  if (typeof module === 'object' && module.exports) {
    module.exports = api; // node, for internal/search's tests
    return;
  }
  if (typeof document === 'undefined') return;

  // The page.

  function format(s, arg) {
    return String(s).replace(/%[ds]/, String(arg));
  }

  function append(parent, pieces) {
    pieces.forEach(function (p) {
      if (p[1]) {
        var m = document.createElement('mark');
        m.textContent = p[0];
        parent.appendChild(m);
      } else {
        parent.appendChild(document.createTextNode(p[0]));
      }
    });
  }

  function init() {
    var box = document.getElementById('search');
    if (!box) return;
    var form = box.querySelector('form');
    var input = box.querySelector('input[type=search]');
    var status = box.querySelector('[role=status]');
    var list = box.querySelector('.search-results');
    var more = box.querySelector('.search-more');
    var words = box.dataset;
    var indexURL = new URL(words.index, document.baseURI);
    var baseURL = new URL(words.base || '/', document.baseURI);
    var hash = '';
    box.classList.add('search-ready');

    var s = searcher(function (name) {
      var u = new URL(name, indexURL);
      if (name !== 'index.json') u.search = 'h=' + hash;
      return fetch(u.href, { cache: name === 'index.json' ? 'no-cache' : 'default', credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error(r.status + ' ' + u.href);
          return r.json();
        })
        .then(function (data) {
          if (name === 'index.json') hash = encodeURIComponent(data.h || '');
          return data;
        });
    });

    var seq = 0; // the latest query; older answers are dropped
    var current = { query: '', ts: [], hits: [], next: 0, dropped: 0 };

    function say(text) {
      status.textContent = text;
    }

    // page resolves to the text of a result's page: {all, prose}, the
    // story's whole text and its body, or null when it cannot be read (a
    // result is then kept, with its summary).
    function page(href) {
      if (href.origin !== baseURL.origin) return Promise.resolve(null);
      return fetch(href.href, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) return null;
        return r.text().then(function (html) {
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var main = doc.querySelector('main article') || doc.querySelector('main') || doc.body;
          if (!main) return null;
          var prose = main.querySelector('.prose') || main;
          return { all: main.textContent || '', prose: prose.textContent || '' };
        });
      }).catch(function () { return null; });
    }

    // show adds up to count results to the list: the next hits whose
    // pages hold the query whole, each with the passage that matched.
    function show(count) {
      var mine = seq;
      var want = count;
      function step() {
        if (mine !== seq || want <= 0 || current.next >= current.hits.length) return Promise.resolve();
        var batch = current.hits.slice(current.next, current.next + want);
        current.next += batch.length;
        return s.docs(batch.map(function (h) { return h.id; })).then(function (ds) {
          return Promise.all(ds.map(function (d) {
            return page(new URL(d[1], baseURL));
          })).then(function (pages) {
            if (mine !== seq) return;
            ds.forEach(function (d, i) {
              var text = pages[i];
              if (text && !whole(d[0] + ' ' + text.all, current.query)) {
                current.dropped++;
                return;
              }
              var li = document.createElement('li');
              li.className = 'search-result';
              var h = document.createElement('h2');
              var a = document.createElement('a');
              var href = new URL(d[1], baseURL);
              if (href.origin === baseURL.origin) a.href = href.href;
              append(a, marks(d[0], current.ts));
              h.appendChild(a);
              li.appendChild(h);
              var pieces = text && passage(text.prose, current.ts, 30, 120);
              if (!pieces && d[2]) pieces = marks(d[2], current.ts);
              if (pieces) {
                var p = document.createElement('p');
                p.className = 'search-snippet';
                append(p, pieces);
                li.appendChild(p);
              }
              list.appendChild(li);
              want--;
            });
          });
        }).then(step);
      }
      return step().then(function () {
        if (mine === seq) more.hidden = current.next >= current.hits.length;
      });
    }

    function run(query) {
      var mine = ++seq;
      query = query.trim();
      var u = new URL(location.href);
      if (query) u.searchParams.set('q', query);
      else u.searchParams.delete('q');
      if (u.href !== location.href) history.replaceState(history.state, '', u.href);
      if (!query) {
        list.textContent = '';
        more.hidden = true;
        say('');
        return Promise.resolve();
      }
      box.setAttribute('aria-busy', 'true');
      return s.search(query).then(function (hits) {
        if (mine !== seq) return;
        current = { query: query, ts: terms(query), hits: hits, next: 0, dropped: 0 };
        list.textContent = '';
        more.hidden = true;
        return show(PAGE).then(function () {
          if (mine !== seq) return;
          // The hits whose pages were read and did not hold the query
          // whole are not counted; those not read yet are.
          var n = hits.length - current.dropped;
          if (!n) say(format(words.none, query));
          else if (n === 1) say(words.foundOne);
          else say(format(words.found, n));
        });
      }).catch(function () {
        if (mine !== seq) return;
        list.textContent = '';
        more.hidden = true;
        say(words.error);
      }).then(function () {
        if (mine === seq) box.removeAttribute('aria-busy');
      });
    }

    var timer = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, DEBOUNCE);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    more.addEventListener('click', function () {
      var first = list.children.length;
      show(PAGE).then(function () {
        // Keyboard users land on the first new result.
        var next = list.children[first];
        if (next) next.querySelector('a').focus();
      });
    });

    var q = new URLSearchParams(location.search).get('q') || '';
    if (q) {
      input.value = q;
      run(q);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
