package feeds

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"

	"github.com/jiangninglu/showcase/internal/site"
)

// Paths of the files in the output.
const (
	FeedPath    = "feed.xml"
	SitemapPath = "sitemap.xml"
	RobotsPath  = "robots.txt"
)

// links makes site-relative URLs (/stories/a/) absolute.
type links struct {
	base *url.URL // nil or without host: links stay relative to its path
}

func newLinks(s *site.Site) (links, error) { return parseLinks(baseURL(s)) }

// baseURL is the site's baseURL, "" when it has no configuration.
func baseURL(s *site.Site) string {
	if s.Config == nil {
		return ""
	}
	return s.Config.BaseURL
}

// parseLinks makes links for baseURL ("" is "/").
func parseLinks(raw string) (links, error) {
	if raw == "" {
		raw = "/"
	}
	u, err := url.Parse(raw)
	if err != nil {
		return links{}, fmt.Errorf("baseURL %q: %w", raw, err)
	}
	return links{base: u}, nil
}

// absolute reports whether links are absolute.
func (l links) absolute() bool { return l.base.Host != "" }

// url returns the link of a site-relative path, the base's path kept and
// the path percent-encoded (/neighborhoods/北京居民区/ becomes
// /neighborhoods/%E5%8C%97...).
func (l links) url(p string) string {
	u := url.URL{Scheme: l.base.Scheme, User: l.base.User, Host: l.base.Host}
	u.Path = strings.TrimSuffix(l.base.Path, "/") + "/" + strings.TrimPrefix(p, "/")
	return u.String()
}

// stories returns the site's stories that are not drafts, in site order.
func stories(s *site.Site) []*site.Story {
	var out []*site.Story
	for _, st := range s.Stories {
		if !st.Draft {
			out = append(out, st)
		}
	}
	return out
}

// header is what every XML file starts with.
func header() *bytes.Buffer {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	return &b
}
