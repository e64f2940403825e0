package search_test

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/jiangninglu/showcase/internal/config"
	"github.com/jiangninglu/showcase/internal/content"
	"github.com/jiangninglu/showcase/internal/site"
)

// syntheticSite returns a site of n made-up stories, SYNTHETIC DATA for
// measuring the index: every title starts with "合成", and the text is
// words drawn (Zipf-distributed, like real text) from a vocabulary of
// random Chinese characters, about 1,200 characters a story (the example
// site's stories have 900 to 1,300), with a few Latin words and digits.
// The same n gives the same site.
func syntheticSite(n int) *site.Site {
	rng := rand.New(rand.NewPCG(1, 2))
	// 3,000 distinct characters, as many as everyday Chinese uses.
	chars := make([]rune, 3000)
	for i := range chars {
		chars[i] = rune(0x4E00 + rng.IntN(0x9FA5-0x4E00))
	}
	charZipf := rand.NewZipf(rng, 1.1, 4, uint64(len(chars)-1))
	vocab := make([]string, 20000)
	for i := range vocab {
		l := 1 + rng.IntN(3)
		var b strings.Builder
		for range l {
			b.WriteRune(chars[charZipf.Uint64()])
		}
		vocab[i] = b.String()
	}
	latin := []string{"WeChat", "app", "QR", "Wi-Fi", "DIY", "workshop", "volunteer", "salon", "2020", "2021", "571"}
	zipf := rand.NewZipf(rng, 1.07, 2, uint64(len(vocab)-1))
	text := func(chars int) string {
		var b strings.Builder
		for sentence := 0; b.Len() < chars*3; sentence++ {
			for range 4 + rng.IntN(12) {
				if rng.IntN(40) == 0 {
					b.WriteString(" " + latin[rng.IntN(len(latin))] + " ")
					continue
				}
				b.WriteString(vocab[zipf.Uint64()])
			}
			if rng.IntN(3) == 0 {
				b.WriteString("。")
			} else {
				b.WriteString("，")
			}
		}
		return b.String()
	}
	places := make([]string, 40)
	for i := range places {
		places[i] = vocab[rng.IntN(2000)] + "居民区"
	}
	leads := make([]string, 2000)
	for i := range leads {
		leads[i] = string(chars[rng.IntN(200)]) + string(chars[rng.IntN(3000)])
	}
	s := &site.Site{Config: config.Default(), Built: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	for i := range n {
		var body strings.Builder
		for range 6 {
			body.WriteString("<p>" + template.HTMLEscapeString(text(200)) + "</p>\n")
		}
		cs := &content.Story{
			Title:        fmt.Sprintf("合成%d：%s%s", i, vocab[zipf.Uint64()], vocab[zipf.Uint64()]),
			Slug:         fmt.Sprintf("synthetic-%05d", i),
			Year:         2017 + i%4,
			Date:         time.Date(2017+i%4, 1, 18, 0, 0, 0, 0, time.UTC),
			Leads:        []string{leads[rng.IntN(len(leads))]},
			Neighborhood: places[rng.IntN(len(places))],
			Project:      vocab[zipf.Uint64()] + vocab[zipf.Uint64()] + "计划",
			Tags:         []string{vocab[rng.IntN(500)], vocab[rng.IntN(500)]},
			Award:        []string{"优秀奖", "参与奖", ""}[rng.IntN(3)],
		}
		summary := text(60)
		st := site.NewStory(cs, site.Rendered{HTML: template.HTML(body.String()), Summary: summary})
		s.Stories = append(s.Stories, st)
	}
	return s
}
