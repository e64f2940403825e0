package quality

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/jiangninglu/showcase/internal/diag"
	"github.com/jiangninglu/showcase/internal/site"
	"github.com/jiangninglu/showcase/internal/stats"
)

// Check returns warnings about the site's data, sorted by place.
func Check(s *site.Site) diag.List {
	var w diag.List
	missing(s, &w)
	lookalikes(s, &w)
	outliers(s, &w)
	for _, st := range s.Stories {
		if st.Year == 0 {
			w.Warn(fieldPos(st, "year", "date"), "year", "quality-no-year")
		}
		if st.Neighborhood == "" && s.Config.HasFacet("neighborhood") {
			w.Warn(fieldPos(st, "neighborhood"), "neighborhood", "quality-no-neighborhood")
		}
	}
	// A public site in mainland China shows its ICP filing number.
	if cfg := s.Config; cfg.Language == diag.ZhCN && cfg.PublicBaseURL() && cfg.Filing.ICP == "" {
		w.Warn(cfg.Pos("baseURL"), "filing.icp", "quality-no-icp", cfg.BaseURL)
	}
	// A baseURL on a mainland provider's default bucket domain does not
	// open in a browser (deploy refuses it; check says so early).
	if d := s.Config.BucketDomain(); d != "" {
		w.Warn(s.Config.Pos("baseURL"), "baseURL", "deploy-bucket-domain", s.Config.BaseURL, d)
	}
	w.Sort()
	return w
}

// fieldPos is the line of the first of keys the story sets (`neighborhood:
// ""`), or the front matter's first line when it sets none of them.
func fieldPos(st *site.Story, keys ...string) diag.Pos {
	for _, k := range keys {
		if line := st.Lines.Line(k); line > 0 {
			return diag.Pos{File: st.File, Line: line}
		}
	}
	return diag.Pos{File: st.File, Line: max(st.FrontLine, 1)}
}

// missing: a metric that most stories of a year give (at least 3 of them,
// and more than half) but this story does not.
func missing(s *site.Site, w *diag.List) {
	years := s.Stats.Facet("year")
	if years == nil {
		return
	}
	for _, g := range years.Groups {
		if len(g.Items) < 4 {
			continue
		}
		for _, a := range g.Aggs {
			if a.Reported < 3 || a.Reported*2 <= a.Stories || a.Reported == a.Stories {
				continue
			}
			for _, st := range s.StoriesOf(g) {
				if !st.HasMetric(a.Metric) {
					w.Warn(fieldPos(st, "metrics"), "metrics."+a.Metric, "quality-missing-metric", a.Reported, a.Stories, g.Value)
				}
			}
		}
	}
}

// outliers: a value more than ten times the median of the other values of
// its year (with at least four values to compare).
func outliers(s *site.Site, w *diag.List) {
	years := s.Stats.Facet("year")
	if years == nil {
		return
	}
	for _, g := range years.Groups {
		stories := s.StoriesOf(g)
		for _, m := range s.Stats.Metrics {
			var vals []float64
			for _, st := range stories {
				if st.HasMetric(m.Key) {
					vals = append(vals, st.Metric(m.Key))
				}
			}
			if len(vals) < 5 {
				continue
			}
			for _, st := range stories {
				if !st.HasMetric(m.Key) {
					continue
				}
				v := st.Metric(m.Key)
				others := make([]float64, 0, len(vals)-1)
				skipped := false
				for _, x := range vals {
					if x == v && !skipped {
						skipped = true
						continue
					}
					others = append(others, x)
				}
				med := median(others)
				if med > 0 && v > 10*med {
					w.Warn(fieldPos(st, "metrics."+m.Key, "metrics"), "metrics."+m.Key, "quality-outlier", stats.FormatNumber(v), stats.FormatNumber(med), g.Value)
				}
			}
		}
	}
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// lookalikes: two values of one facet that differ only in spacing,
// punctuation, traditional/simplified characters or one character.
func lookalikes(s *site.Site, w *diag.List) {
	for _, f := range s.Stats.Facets {
		if f.Key == "year" {
			continue
		}
		groups := f.Groups // by story count, most first
		fold := cases.Fold()
		keys := make([]string, len(groups))
		for i, g := range groups {
			keys[i] = normalize(fold, g.Value)
		}
		for i, b := range groups {
			// b is compared with the more common spellings only, and warned
			// about once: against the most common one it resembles.
			for j, a := range groups[:i] {
				if !alike(keys[j], keys[i]) {
					continue
				}
				first := s.StoriesOf(a)[0]
				for _, st := range s.StoriesOf(b) {
					w.Warn(fieldPos(st, f.Key), f.Key, "quality-lookalike", diag.Quote(b.Value), diag.Quote(a.Value), fieldPos(first, f.Key), len(a.Items))
				}
				break
			}
		}
	}
}

// alike compares two normalized values.
func alike(na, nb string) bool {
	if na == nb {
		return true
	}
	ra, rb := []rune(na), []rune(nb)
	if len(ra) < 3 || len(rb) < 3 {
		return false
	}
	return editOne(ra, rb)
}

// editOne reports whether a and b differ by one rune left out, or by one
// Latin letter or digit replaced. One Chinese character replaced is not a
// typo but another name (北京居民区, 南京居民区).
func editOne(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i] < unicode.MaxASCII && b[i] < unicode.MaxASCII && string(a[i+1:]) == string(b[i+1:])
	}
	return string(a[i+1:]) == string(b[i:])
}

// normalize folds compatibility forms (full-width letters, compatibility
// ideographs) and case, drops spaces and punctuation, and folds common
// traditional characters of place and organisation names to simplified.
func normalize(fold cases.Caser, s string) string {
	var b strings.Builder
	for _, r := range fold.String(norm.NFKC.String(s)) {
		switch {
		case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r):
			continue
		}
		if t, ok := toSimplified[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}

var toSimplified = func() map[rune]rune {
	pairs := "區区裡里寧宁東东華华鄉乡鎮镇門门園园號号務务會会導导開开關关灣湾廣广嶺岭隊队級级組组業业辦办環环發发藝艺樂乐愛爱書书學学聯联陽阳濟济靜静蘇苏蘭兰龍龙鳳凤興兴萬万與与為为個个們们這这時时來来對对動动體体長长馬马陳陈劉刘張张楊杨黃黄趙赵吳吴鄭郑孫孙鐘钟葉叶蔣蒋衛卫車车雲云風风電电場场獎奖優优參参與与後后復复營营專专滬沪慶庆鏈链鞋鞋臉脸齡龄"
	m := map[rune]rune{}
	r := []rune(pairs)
	for i := 0; i+1 < len(r); i += 2 {
		m[r[i]] = r[i+1]
	}
	return m
}()
