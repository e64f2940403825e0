package diag

// The messages of the publish gate and of the checks for careless content
// (issue 24): kept apart from catalogue.go so that the two lists merge
// easily; the codes are as stable as the others.
var publishCatalogue = map[string]text{
	"note-prefix": {en: "note: ", zh: "提示："},

	// What is published.
	"asset-unpublished":   {en: "not published: no page shows or links to it (a Word original, a spreadsheet or notes may stay here)", zh: "不会发布：没有页面显示或链接它（Word 原稿、表格、笔记可以放在这里）"},
	"asset-script-linked": {en: "%s: %s files are not published from content/, since a browser could run script in them on the site; link to a PDF or an image instead, or set unsafe_html: true to allow", zh: "%s：content/ 里的 %s 文件不会发布，因为浏览器可能在网站上运行其中的脚本；请改为链接 PDF 或图片，或设置 unsafe_html: true"},
	"asset-svgz-linked":   {en: "%s: compressed SVG (.svgz) cannot be checked for script; publish it as .svg, or set unsafe_html: true to allow", zh: "%s：压缩的 SVG（.svgz）无法检查其中有没有脚本；请改存为 .svg，或设置 unsafe_html: true"},
	"asset-kind-linked":   {en: "%s: %s files are not published from content/; pictures, PDF, audio, video, office documents, CSV and plain text are (or set unsafe_html: true to allow)", zh: "%s：content/ 里的 %s 文件不会发布；可以发布的有图片、PDF、音频、视频、Office 文档、CSV 和纯文本（或设置 unsafe_html: true）"},
	"cover-missing":       {en: "no picture %s: it would be at %s; check the spelling, or put the picture beside the story", zh: "没有图片%s：它应该在 %s；请检查拼写，或把图片放在故事旁边"},

	// Summaries.
	"build-summary-left": {en: "%s; stories left out as drafts: %d, as dated in the future: %d (--drafts, --future include them)", zh: "%s；未发布的故事：草稿 %d 篇，日期在将来的 %d 篇（--drafts、--future 可包括它们）"},
	"check-left-out":     {en: "stories a build leaves out as drafts: %d, as dated in the future: %d", zh: "生成网站时不会发布的故事：草稿 %d 篇，日期在将来的 %d 篇"},
	"serve-left-out":     {en: "stories not shown: drafts %d (--drafts shows them), dated in the future %d (--future shows them; showcase check names them)", zh: "未显示：草稿 %d 篇（加 --drafts 可显示），日期在将来的故事 %d 篇（加 --future 可显示；showcase check 会逐篇列出）"},
	"check-unpublished":  {en: "%d files under content/ are not published (no page links to them)", enOne: "%d file under content/ is not published (no page links to it)", zh: "content/ 里有 %d 个文件不会发布（没有页面链接它们）"},

	// Careless content (check).
	"list-fullwidth-comma": {en: "%s is one item, since a list's items are split by ASCII commas only: write %s as , (or put each item on its own line after -)", zh: "%s会被当作一项，因为列表只按英文逗号“,”分项：请把%s改成英文逗号“,”（或每项单独一行，以 - 开头）"},
	"list-one-string":      {en: "%s is one item; to give several, write them in brackets with ASCII commas: %s", zh: "%s会被当作一项；如果有多项，请写在方括号里，用英文逗号分隔：%s"},
	"quality-future":       {en: "dated %s, in the future: a build leaves this story out until then; fix the date if it is a typo (build --future includes it)", zh: "日期是 %s，在将来：在那天之前生成网站时不会发布这篇故事；如果日期写错了请改正（build --future 可包括它）"},
	"quality-copy-title":   {en: "this story has the same title as %s; is it a copy? Delete one, or give each its own title", zh: "这篇故事和 %s 标题相同；是不是复制出来的？请删掉一篇，或给它们不同的标题"},
	"quality-copy-name":    {en: "the file name ends in %s, as a copy's does: if it is a copy of another story, delete it; if not, rename it", zh: "文件名以%s结尾，像是复制出来的副本：如果是别的故事的副本，请删掉它；如果不是，请改个名字"},

	// A folder without a site.
	"no-site": {en: "%s holds no site (no showcase.yaml and no content/ folder); start one with `showcase init FOLDER`, or give the site's folder with -s", zh: "%s 里没有网站（没有 showcase.yaml，也没有 content/ 文件夹）；请用 `showcase init 文件夹` 新建一个，或用 -s 指定网站所在的文件夹"},

	// Parser messages, in the site's language, with the usual cause.
	"yaml-syntax-hint": {en: "YAML: %s; %s", zh: "YAML 格式错误：%s；%s"},
	"toml-syntax-hint": {en: "TOML: %s; %s", zh: "TOML 格式错误：%s；%s"},
	"hint-colon":       {en: "this line has a full-width colon ：; write an ASCII colon and a space (key: value)", zh: "这一行用了中文冒号“：”；请改成英文冒号加一个空格（键: 值）"},
	"hint-colon-toml":  {en: "this line has a full-width colon ：; TOML joins a key to its value with = (key = \"value\")", zh: "这一行用了中文冒号“：”；TOML 用等号连接键和值（键 = \"值\"）"},
	"hint-comma":       {en: "this line has a full-width comma ，; separate items with an ASCII comma ,", zh: "这一行用了中文逗号“，”；请用英文逗号“,”分隔各项"},
	"hint-tab":         {en: "this line has a tab; use spaces", zh: "这一行有制表符（Tab）；请改用空格"},
	"hint-quote":       {en: "a quote on this line is not closed; end the text with the same quote mark it starts with", zh: "这一行的引号没有配对；文字以什么引号开头，就用同样的引号结尾"},

	// yaml.v3's commonest messages: the English is the library's own, so
	// that a message reads the same as before.
	"yaml-expected-colon": {en: "could not find expected ':'", zh: "找不到应有的冒号“:”"},
	"yaml-expected-key":   {en: "did not find expected key", zh: "找不到应有的键"},
	"yaml-mapping-values": {en: "mapping values are not allowed in this context", zh: "这里不能写“键: 值”"},
	"yaml-bad-token":      {en: "found character that cannot start any token", zh: "有一个字符不能作为值的开头"},
	"yaml-flow-end":       {en: "did not find expected ',' or ']'", zh: "方括号 [ ] 里的列表没有结束"},
	"yaml-map-end":        {en: "did not find expected ',' or '}'", zh: "花括号 { } 里的键值没有结束"},
	"yaml-unclosed-quote": {en: "found unexpected end of stream", zh: "引号里的文字没有结束"},
	"yaml-block-entries":  {en: "block sequence entries are not allowed in this context", zh: "这里不能写列表项（-）"},
	"yaml-node-content":   {en: "did not find expected node content", zh: "缺少值"},
	// BurntSushi/toml's, likewise; %s is what the parser found.
	"toml-expected-equals": {en: "expected '.' or '=', but got %s instead", zh: "键的后面应为等号“=”，实际是 %s"},
	"toml-newline":         {en: "strings cannot contain newlines", zh: "文字不能跨行"},
	"toml-array-end":       {en: "expected a comma (',') or array terminator (']'), but got %s", zh: "列表里应为英文逗号“,”或“]”，实际是 %s"},
	"toml-expected-value":  {en: "expected value but found %s instead", zh: "应为一个值（文字要加英文引号），实际是 %s"},
	"toml-item-end":        {en: "expected a top-level item to end with a newline, comment, or EOF, but got %s instead", zh: "一行只能写一个“键 = 值”，这里多了 %s"},
	"toml-table-name":      {en: "expected '.' or ']' to end table name, but got %s instead", zh: "表名应以“]”结束，实际是 %s"},
	"toml-inline-end":      {en: "expected a comma or an inline table terminator '}', but got %s instead", zh: "花括号里应为英文逗号“,”或“}”，实际是 %s"},
	"yaml-tab-indent":      {en: "found a tab character that violates indentation", zh: "缩进里有制表符（Tab）"},
}

func init() {
	for code, t := range publishCatalogue {
		catalogue[code] = t
	}
}
