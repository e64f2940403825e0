package feeds

import "github.com/jiangninglu/showcase/internal/site"

// SitemapsLimit is Sitemaps with at most limit URLs in a file.
func SitemapsLimit(s *site.Site, paths []string, limit int) (map[string][]byte, error) {
	return sitemaps(baseURL(s), SitemapEntries(s, paths), limit)
}
