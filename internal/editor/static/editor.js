// showcase serve's story editor: a live preview of the body, rendered by
// the build's Markdown renderer on the server, and a URL name suggested
// from the title of a new story.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  if (!form) return;
  var body = form.elements["body"];
  var out = document.getElementById("preview");
  var timer = 0, seq = 0;
  function update() {
    var fd = new FormData();
    fd.append("csrf", form.elements["csrf"].value);
    fd.append("bundle", form.elements["bundle"].value);
    fd.append("body", body.value);
    var n = ++seq;
    fetch(form.dataset.preview, { method: "POST", body: fd, credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      })
      .then(function (html) {
        if (n !== seq) return; // a newer preview is on its way
        out.innerHTML = html;
        out.dataset.rendered = String(n);
      })
      .catch(function (e) {
        if (n === seq) out.textContent = form.dataset.previewFailed + ": " + e.message;
      });
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
  update();

  var slug = form.elements["slug"], title = form.elements["title"];
  if (form.dataset.new === "true" && slug && title) {
    var auto = slug.value === "";
    slug.addEventListener("input", function () { auto = slug.value === ""; });
    title.addEventListener("input", function () {
      if (auto) slug.value = suggest(title.value);
    });
  }
  // suggest makes a URL name from a title: letters and digits of any
  // script kept, everything else one "-".
  function suggest(s) {
    return s.normalize("NFKC").toLowerCase()
      .replace(/[^\p{L}\p{N}_]+/gu, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  }
})();
