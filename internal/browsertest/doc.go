// Package browsertest holds what the project's browser tests share: a
// headless Chromium started through chromedp with the flags this machine
// needs. Tests skip when Chromium is absent, unless CI is set.
//
// It imports mediatype and chromedp.
package browsertest
