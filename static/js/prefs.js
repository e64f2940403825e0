/* showcase: the reader's text size and contrast (大字 / 高对比).
 *
 * Loaded in the head, before the page is drawn, so that a chosen setting
 * never flashes back to the default: it puts the saved choices on <html>
 * (data-text="large", data-contrast="more"), then, once the page is
 * there, shows the two buttons of the header (hidden without JavaScript)
 * and remembers each press in localStorage. The stylesheet does the rest;
 * it also follows the system's "more contrast" setting without a press.
 */
(function () {
  'use strict';
  var root = document.documentElement;
  var prefs = { text: 'large', contrast: 'more' };
  function saved(name) {
    try {
      return localStorage.getItem('showcase-' + name) === prefs[name];
    } catch (e) {
      return false; // storage blocked: the default, every page
    }
  }
  function apply(name, on) {
    if (on) root.setAttribute('data-' + name, prefs[name]);
    else root.removeAttribute('data-' + name);
  }
  Object.keys(prefs).forEach(function (name) { apply(name, saved(name)); });

  function init() {
    var buttons = document.querySelectorAll('[data-pref]');
    Array.prototype.forEach.call(buttons, function (b) {
      var name = b.getAttribute('data-pref');
      if (!prefs[name]) return;
      b.setAttribute('aria-pressed', String(root.hasAttribute('data-' + name)));
      b.addEventListener('click', function () {
        var on = !root.hasAttribute('data-' + name);
        apply(name, on);
        b.setAttribute('aria-pressed', String(on));
        try {
          if (on) localStorage.setItem('showcase-' + name, prefs[name]);
          else localStorage.removeItem('showcase-' + name);
        } catch (e) { /* not remembered; this page still changes */ }
      });
    });
    var box = document.querySelector('.reader-prefs');
    if (box) box.hidden = false;
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
