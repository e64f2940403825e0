package feeds

// SitemapsLimit is Sitemaps with at most limit URLs in a file.
var SitemapsLimit = sitemaps
