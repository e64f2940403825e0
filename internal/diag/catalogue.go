package diag

// text is one message in each language. The format strings take the same
// arguments in the same order (a zh text may reorder them with %[n]s);
// enOne, if set, is used instead of en when the first argument is 1.
type text struct{ en, enOne, zh string }

// catalogue holds every message showcase writes to the editor, by code.
// Codes are stable: `check --format json` prints them for tools and CI.
// Field names, keys and values the editor wrote stay as written in both
// languages; in Chinese a value the editor wrote is quoted “so” (Quote).
var catalogue = map[string]text{
	// How a problem is printed.
	"warning-prefix": {en: "warning: ", zh: "警告："},
	"field-prefix":   {en: "%s: ", zh: "%s："},
	"as-is":          {en: "%v", zh: "%v"}, // a library's message, kept as the library words it

	// Counts and summaries.
	"n-errors":       {en: "%d errors", enOne: "%d error", zh: "%d 个错误"},
	"n-warnings":     {en: "%d warnings", enOne: "%d warning", zh: "%d 个警告"},
	"errors-total":   {en: "%d errors", enOne: "%d error", zh: "共 %d 个错误"},
	"check-summary":  {en: "%s, %s", zh: "共 %s，%s"},
	"build-summary":  {en: "built %d pages (%d stories, %d files) in %s -> %s", zh: "已生成 %d 个页面（%d 篇故事，%d 个文件），用时 %s -> %s"},
	"build-progress": {en: "rendering %d/%d pages", zh: "正在渲染 %d/%d 个页面"},
	"init-done":      {en: "created a new site in %[1]s; next: cd %[1]s && showcase build", zh: "已在 %[1]s 创建新网站；下一步：cd %[1]s && showcase build"},
	"serve-errors":   {en: "%d errors; still serving the last good build", enOne: "%d error; still serving the last good build", zh: "共 %d 个错误；仍在提供上一次成功生成的网站"},
	"serve-rebuilt":  {en: "rebuilt in %s (%d of %d pages rendered): %s", zh: "已重新生成，用时 %s（渲染了 %d / %d 个页面）：%s"},
	"serve-built":    {en: "built in %s", zh: "已生成，用时 %s"},
	"serve-serving":  {en: "serving %s at %s (Ctrl-C to stop)", zh: "正在预览 %s：%s（按 Ctrl-C 停止）"},
	"serve-editor":   {en: "story editor at %s", zh: "故事编辑器：%s"},
	"serve-stopped":  {en: "stopped", zh: "已停止"},
	"serve-port":     {en: "port %d is busy; using %d", zh: "端口 %d 已被占用；改用 %d"},
	"serve-exposed":  {en: "serving on %s, which other machines can reach; use --bind 127.0.0.1 to keep the preview to this machine", zh: "正在 %s 上提供预览，其他电脑也能访问；用 --bind 127.0.0.1 只让本机访问"},
	"overlay-title":  {en: "showcase: the last edit did not build", zh: "showcase：最近一次修改没能生成网站"},
	"overlay-hint":   {en: "The page below is the last good build. Fix the file and save: this message goes away by itself.", zh: "下面是上一次成功生成的页面。改正文件并保存后，这条消息会自动消失。"},
	"overlay-nosite": {en: "The site has not built yet.", zh: "网站还没有生成。"},

	// What a value is, after "got": en "got "many"", zh "实际是“很多”".
	"got-text":    {en: "%s", zh: "%s"},
	"got-literal": {en: "%s", zh: " %s"},
	"got-nothing": {en: "nothing", zh: "空值"},
	"got-list":    {en: "a list", zh: "列表"},
	"got-map":     {en: "a map", zh: "键值表"},

	// Front matter: syntax.
	"frontmatter-unclosed":      {en: "front matter never closes: the block opened with %s on line %d needs a closing %s line", zh: "前置元数据没有结束：第 %[2]d 行以 %[1]s 开始的块，需要一行 %[3]s 来结束"},
	"frontmatter-unclosed-json": {en: "front matter never closes: JSON front matter opened with { on line %d needs a line holding only } followed by a blank line", zh: "前置元数据没有结束：第 %d 行以 { 开始的 JSON 前置元数据，需要一行只有 }，其后再空一行"},
	"frontmatter-format":        {en: "unknown front-matter format %s", zh: "未知的前置元数据格式%s"},
	"frontmatter-not-map":       {en: "front matter must be a map of keys such as `title: ...`, got %s", zh: "前置元数据应为键值，如 `title: ...`，实际是%s"},
	"yaml-tab":                  {en: "a tab is used for indentation; YAML allows only spaces", zh: "缩进用了制表符（Tab）；YAML 只允许用空格缩进"},
	"yaml-syntax":               {en: "YAML: %s", zh: "YAML 格式错误：%s"},
	"yaml-too-many":             {en: "YAML expands to too many values (aliases nested too deep?)", zh: "YAML 展开后的值太多（别名嵌套太深？）"},
	"yaml-merge-key":            {en: "YAML merge keys (<<) are not supported", zh: "不支持 YAML 合并键（<<）"},
	"key-not-text":              {en: "a map key must be plain text", zh: "键必须是普通文字"},
	"key-twice":                 {en: "key %s appears twice (first on line %d)", zh: "键%s出现了两次（第一次在第 %d 行）"},
	"json-syntax":               {en: "JSON: %s", zh: "JSON 格式错误：%s"},
	"json-eof":                  {en: "unexpected end of the front matter", zh: "前置元数据意外结束"},
	"json-trailing":             {en: "JSON: unexpected text after the front matter's closing }", zh: "JSON：前置元数据结尾的 } 之后还有多余的文字"},
	"json-too-many":             {en: "JSON front matter has too many values", zh: "JSON 前置元数据的值太多"},
	"json-number-range":         {en: "JSON: number %s is out of range", zh: "JSON：数字 %s 超出范围"},
	"toml-syntax":               {en: "TOML: %s", zh: "TOML 格式错误：%s"},

	// Front matter and showcase.yaml: keys and types.
	"unknown-key-suggest": {en: "unknown key; did you mean %s?", zh: "未知的键；是不是想写 %s？"},
	"unknown-key":         {en: "unknown key; known keys are %s", zh: "未知的键；可用的键有 %s"},
	"want-text":           {en: "want text, got %s", zh: "应为文字，实际是%s"},
	"want-text-list":      {en: "want a list of text, got %s", zh: "应为文字列表，实际是%s"},
	"want-text-in-list":   {en: "want text in the list, got %s", zh: "列表里应为文字，实际是%s"},
	"want-bool":           {en: "want true or false, got %s", zh: "应为 true 或 false，实际是%s"},
	"want-whole-number":   {en: "want a whole number, got %s", zh: "应为整数，实际是%s"},
	"want-non-negative":   {en: "want a non-negative number, got %s", zh: "应为非负数，实际是%s"},
	"want-date":           {en: "want a real date such as 2021-01-18 or 2021-01-18T14:00:00+08:00, got %s", zh: "应为有效的日期，如 2021-01-18 或 2021-01-18T14:00:00+08:00，实际是%s"},
	"want-year":           {en: "want a year such as 2020, got %d", zh: "应为年份，如 2020，实际是 %d"},
	"want-image-path":     {en: "want an image path inside the site such as cover.jpg, got %s", zh: "应为网站内的图片路径，如 cover.jpg，实际是%s"},
	"want-metrics-map":    {en: "want a map of metric: number, such as `participants: 320`, got %s", zh: "应为“指标: 数字”的键值，如 `participants: 320`，实际是%s"},
	"want-map":            {en: "want a map, got %s", zh: "应为键值表，实际是%s"},

	// Stories, pages and reports.
	"title-missing":             {en: "missing: every story and page needs a title", zh: "缺少标题；每篇故事和页面都需要标题"},
	"title-empty":               {en: "must not be empty", zh: "不能为空"},
	"metric-unindented":         {en: "%s is a metric: indent it under metrics: with two spaces", zh: "%s 是一个指标：请放在 metrics: 下面，缩进两个空格"},
	"metric-undeclared-suggest": {en: "metric not declared in showcase.yaml; did you mean %s?", zh: "showcase.yaml 里没有声明这个指标；是不是想写 %s？"},
	"metric-undeclared":         {en: "metric not declared in showcase.yaml (declared: %s)", zh: "showcase.yaml 里没有声明这个指标（已声明：%s）"},
	"cover-no-alt":              {en: "the cover has no alternative text; describe the picture for readers who cannot see it", zh: "封面图没有替代文字；请为看不见图片的读者描述一下这张图"},
	"report-year-missing":       {en: "missing: a report needs the year it covers", zh: "缺少年份；年度报告需要写明它所属的年份"},
	"report-year-file":          {en: "the report of %d must be in content/reports/%d.md", zh: "%d 年的报告应放在 content/reports/%d.md"},
	"slug-invalid":              {en: "%s %s", zh: "%s%s"},
	"slug-file-name":            {en: "the file name %s cannot be a URL name: it %s; rename the file or set slug", zh: "文件名%s不能用作网址名：%s；请改文件名，或设置 slug"},
	"slug-empty":                {en: "must not be empty", zh: "不能为空"},
	"slug-not-utf8":             {en: "is not valid UTF-8", zh: "不是有效的 UTF-8 文字"},
	"slug-dotdot":               {en: "must not contain \"..\"", zh: "不能包含“..”"},
	"slug-start":                {en: "must not start with %s", zh: "不能以%s开头"},
	"slug-reserved":             {en: "is reserved for the site's own pages", zh: "已被网站自己的页面占用"},
	"slug-too-long":             {en: "is longer than 100 characters", zh: "超过了 100 个字符"},
	"slug-char":                 {en: "must not contain %s", zh: "不能包含%s"},
	"slug-control":              {en: "must not contain control characters", zh: "不能包含控制字符"},
	"slug-space":                {en: "must not contain spaces; use - instead", zh: "不能包含空格；请用 - 代替"},
	"slug-char-hint":            {en: "must not contain %s; use letters, digits, - and _", zh: "不能包含%s；请用字母、数字、- 和 _"},
	"slug-duplicate":            {en: "%s is also the URL name of %s; give one of them another slug", zh: "%s也是 %s 的网址名；请给其中一篇换一个 slug"},
	"page-url-duplicate":        {en: "/%s/ is also the URL of %s", zh: "/%s/ 也是 %s 的网址"},
	"page-url-reserved":         {en: "/%s/ is a URL the site uses for its own pages; rename the file or set another slug", zh: "/%s/ 是网站自己页面用的网址；请改文件名，或设置别的 slug"},
	"report-duplicate":          {en: "%s is also the report of %d", zh: "%s 也是 %d 年的报告"},
	"symlink-content":           {en: "symbolic link skipped: put the file itself in content/", zh: "已跳过符号链接：请把文件本身放进 content/"},
	"symlink-static":            {en: "symbolic link skipped: put the file itself in static/", zh: "已跳过符号链接：请把文件本身放进 static/"},
	"file-too-large":            {en: "file is %d MB; a content file may be at most %d MB", zh: "文件有 %d MB；内容文件最大 %d MB"},
	"file-disappeared":          {en: "file disappeared during the build", zh: "生成过程中文件不见了"},
	"file-not-utf8":             {en: "the file is not UTF-8 text; save it as UTF-8", zh: "文件不是 UTF-8 编码的文字；请另存为 UTF-8"},
	"facet-url-collision":       {en: "%s and %s (in %s) would share the URL /%s/%s/; write them the same way, or make them differ in letters or digits", zh: "%s和%s（在 %s 里）会共用网址 /%s/%s/；请写成一样的，或让它们在字母或数字上有所不同"},

	// showcase.yaml.
	"config-not-map":       {en: "want a map of settings such as `title: ...`, got %s", zh: "应为设置的键值，如 `title: ...`，实际是%s"},
	"config-base-url":      {en: "want an absolute http(s) URL such as https://example.org/, got %s", zh: "应为完整的 http(s) 网址，如 https://example.org/，实际是%s"},
	"config-language":      {en: "want zh-CN or en, got %s", zh: "应为 zh-CN 或 en，实际是%s"},
	"config-paginate":      {en: "want a number of stories per page of at least 1, got %d", zh: "每页故事数至少为 1，实际是 %d"},
	"config-broken-links":  {en: "want error or warning, got %s", zh: "应为 error 或 warning，实际是%s"},
	"config-metrics":       {en: "want a list of {key, label, unit, aggregate}, got %s", zh: "应为 {key, label, unit, aggregate} 的列表，实际是%s"},
	"config-metric":        {en: "want {key, label, unit, aggregate}, got %s", zh: "应为 {key, label, unit, aggregate}，实际是%s"},
	"config-metric-key":    {en: "want a key of ASCII letters, digits and _ starting with a letter, got %s", zh: "键应由英文字母、数字和 _ 组成，并以字母开头，实际是%s"},
	"config-aggregate":     {en: "want one of sum, max, min, avg, got %s", zh: "应为 sum、max、min、avg 之一，实际是%s"},
	"config-metric-no-key": {en: "missing: every metric needs a key", zh: "缺少键；每个指标都需要一个 key"},
	"config-metric-twice":  {en: "metric %s is declared twice (first on line %d)", zh: "指标%s声明了两次（第一次在第 %d 行）"},
	"config-images":        {en: "want a map such as {widths: [480, 960, 1600], quality: 80}, got %s", zh: "应为键值，如 {widths: [480, 960, 1600], quality: 80}，实际是%s"},
	"config-quality":       {en: "want a number from 1 to 100, got %d", zh: "应为 1 到 100 之间的数，实际是 %d"},
	"config-widths":        {en: "want a list of widths in pixels such as [480, 960, 1600], got %s", zh: "应为以像素计的宽度列表，如 [480, 960, 1600]，实际是%s"},
	"config-width":         {en: "want a width from 16 to 8192 pixels, got %d", zh: "宽度应在 16 到 8192 像素之间，实际是 %d"},
	"config-facet-suggest": {en: "unknown facet %s; did you mean %s?", zh: "未知的分类%s；是不是想写 %s？"},
	"config-facet":         {en: "unknown facet %s; facets are %s", zh: "未知的分类%s；可用的分类有 %s"},
	"stats-aggregate":      {en: "metric %s: unknown aggregate %s; want sum, max, min or avg", zh: "指标 %s：未知的汇总方式%s；应为 sum、max、min 或 avg"},
	"stats-not-finite":     {en: "story %s: metrics.%s: want a finite number, got %v", zh: "故事 %s：metrics.%s：应为有限的数，实际是 %v"},

	// Links and images in Markdown.
	"what-page":               {en: "page", zh: "页面"},
	"what-image":              {en: "image", zh: "图片"},
	"what-file":               {en: "file", zh: "文件"},
	"link-md-missing-suggest": {en: "%s links to %s, which does not exist; did you mean %s?", zh: "%s 链接到 %s，但它不存在；是不是想写 %s？"},
	"link-md-missing":         {en: "%s links to %s, which does not exist", zh: "%s 链接到 %s，但它不存在"},
	"link-missing-suggest":    {en: "%s: no %s at %s; did you mean %s?", zh: "%s：%[3]s 处没有%[2]s；是不是想写 %[4]s？"},
	"link-missing":            {en: "%s: no %s at %s; check the spelling, or whether it was renamed", zh: "%s：%[3]s 处没有%[2]s；请检查拼写，或它是否已改名"},
	"link-anchor-suggest":     {en: "%s: no heading #%s on that page; did you mean #%s?", zh: "%s：那个页面上没有标题 #%s；是不是想写 #%s？"},
	"link-anchor":             {en: "%s: no heading #%s on that page", zh: "%s：那个页面上没有标题 #%s"},
	"image-unknown-format":    {en: "unsupported image format: not a JPEG, PNG, WebP, GIF or SVG file", zh: "不支持的图片格式：不是 JPEG、PNG、WebP、GIF 或 SVG 文件"},
	"image-export-jpeg":       {en: "unsupported image format: %s; export the photo as JPEG", zh: "不支持的图片格式：%s；请把照片导出为 JPEG"},
	"image-convert":           {en: "unsupported image format: %s; convert it to JPEG or PNG", zh: "不支持的图片格式：%s；请转换为 JPEG 或 PNG"},
	"image-truncated":         {en: "corrupt image: the %s data ends early (truncated file?)", zh: "图片已损坏：%s 数据提前结束（文件不完整？）"},
	"image-corrupt":           {en: "corrupt image: %s: %s", zh: "图片已损坏：%s：%s"},
	"image-decoder-failed":    {en: "corrupt image: the decoder failed: %s", zh: "图片已损坏：解码失败：%s"},
	"image-no-pixels":         {en: "corrupt image: image has no pixels (%dx%d)", zh: "图片已损坏：图片没有像素（%dx%d）"},
	"image-too-large":         {en: "image too large: %dx%d is %.1f megapixels, above the limit of %.1f; scale it down before adding it", zh: "图片太大：%dx%d 有 %.1f 百万像素，超过了 %.1f 的上限；请先缩小再加入"},
	"image-svg-corrupt":       {en: "corrupt image: SVG: %s", zh: "图片已损坏：SVG：%s"},
	"image-svg-root":          {en: "corrupt image: SVG: the root element is <%s>, not <svg>", zh: "图片已损坏：SVG：根元素是 <%s>，不是 <svg>"},
	"photo-name-clash":        {en: "%s and this file would publish under the same names; rename one of them", zh: "%s 和这个文件会以相同的名字发布；请给其中一个改名"},

	// Templates and the theme.
	"template-parse":     {en: "%s", zh: "模板有错：%s"},
	"template-exec":      {en: "%s", zh: "执行模板时出错：%s"},
	"theme-no-baseof":    {en: "missing: the theme needs a base layout that defines \"baseof\"", zh: "缺少基础布局：主题需要一个定义了“baseof”的布局"},
	"theme-no-kind":      {en: "missing: the theme has no template for %s pages", zh: "缺少模板：主题里没有 %s 页面的模板"},
	"theme-no-words":     {en: "missing: no interface words for language %s", zh: "缺少界面文字：没有语言 %s 的界面文字"},
	"theme-no-word":      {en: "no word %s in i18n/%s.yaml", zh: "i18n/%[2]s.yaml 里没有词条%[1]s"},
	"theme-no-kind-page": {en: "no template for page kind %s", zh: "没有%s类页面的模板"},

	// Build and output folders.
	"site-folder":    {en: "site folder %s: not found or not a folder", zh: "网站文件夹 %s：不存在，或不是文件夹"},
	"output-foreign": {en: "output folder holds files showcase did not write: %s holds %s; choose another folder with -d, empty it, or pass --force to replace it", zh: "输出文件夹里有不是 showcase 写的文件：%s 里有 %s；请用 -d 换一个文件夹、清空它，或加 --force 替换它"},
	"output-is-site": {en: "output folder %s is the site folder or contains it; choose another with -d", zh: "输出文件夹 %s 就是网站文件夹或包含它；请用 -d 换一个"},

	// new and init.
	"new-slug":       {en: "slug %s %s", zh: "slug %s%s"},
	"new-exists":     {en: "%s already exists; choose another slug or edit that file", zh: "%s 已经存在；请换一个 slug，或直接编辑那个文件"},
	"init-not-empty": {en: "%s is not empty; choose a new folder", zh: "%s 不是空的；请选一个新的文件夹"},

	// Data quality (check).
	"quality-no-year":         {en: "the story has no year and no date, so it is in no year's statistics or report; add year: or date:", zh: "这篇故事没有年份也没有日期，所以不会计入任何年份的统计和报告；请加上 year: 或 date:"},
	"quality-no-neighborhood": {en: "the story names no neighbourhood, so it is in no neighbourhood's page; add neighborhood:", zh: "这篇故事没有写居民区，所以不会出现在任何居民区的页面上；请加上 neighborhood:"},
	"quality-missing-metric":  {en: "not given, though %d of the %d stories of %s give it; add it if the figure is known (leaving it out means \"not reported\")", zh: "没有填写，而 %[3]s 的 %[2]d 篇故事中有 %[1]d 篇填写了；如果知道这个数字请补上（不写表示“未报告”）"},
	"quality-outlier":         {en: "%s is more than ten times the median (%s) of the other stories of %s; check for a typo", zh: "%s 超过了 %[3]s 其他故事中位数（%[2]s）的十倍；请检查是否写错"},
	"quality-lookalike":       {en: "%s looks like %s, used by %d stories; if they are the same, write them the same way", zh: "%s看起来像%s（有 %d 篇故事这样写）；如果是同一个，请写成一样的"},
}
