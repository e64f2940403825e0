// showcase serve: reloads this tab after each rebuild, swaps stylesheets
// after a CSS-only change, and shows build errors over the page. Injected
// only by `showcase serve`; built sites never contain it.
(function () {
  "use strict";
  var overlayId = "showcase-error-overlay";
  function hide() {
    var o = document.getElementById(overlayId);
    if (o) o.remove();
  }
  // show takes {title, message, hint} in the site's language.
  function show(e) {
    hide();
    var o = document.createElement("div");
    o.id = overlayId;
    o.setAttribute("role", "alert");
    o.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:#1b1b1b;color:#fff;" +
      "font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem;overflow:auto";
    var h = document.createElement("h2");
    h.textContent = e.title;
    h.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem;color:#ffb4a9";
    var pre = document.createElement("pre");
    pre.textContent = e.message;
    pre.style.cssText = "white-space:pre-wrap;margin:0";
    var p = document.createElement("p");
    p.textContent = e.hint;
    p.style.cssText = "font:14px/1.5 system-ui,sans-serif;color:#ddd;margin-top:1.5rem";
    // Opaque, so that the error reads clearly; the close button shows
    // the last good page under it.
    var x = document.createElement("button");
    x.type = "button";
    x.textContent = "×";
    x.setAttribute("aria-label", "close");
    x.style.cssText = "position:absolute;top:1rem;right:1.5rem;font:28px/1 system-ui,sans-serif;background:none;border:0;color:#fff;cursor:pointer";
    x.addEventListener("click", hide);
    o.appendChild(x);
    o.appendChild(h);
    o.appendChild(pre);
    o.appendChild(p);
    document.body.appendChild(o);
  }
  function swapCSS() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href);
      u.searchParams.set("showcase-reload", Date.now());
      links[i].href = u.toString();
    }
  }
  var es = new EventSource("/__showcase/events");
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("css", function () { hide(); swapCSS(); });
  es.addEventListener("builderror", function (e) { show(JSON.parse(e.data)); });
  window.__showcaseLive = es;
})();
