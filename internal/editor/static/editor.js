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

  // 从 Word 导入: the server converts the document as `showcase import`
  // does; the form fills itself, and the pictures join the photo input,
  // so that saving writes them beside the story.
  var docx = document.getElementById("f-docx");
  if (docx) {
    var box = document.getElementById("field-docx");
    var msg = document.getElementById("msg-docx");
    docx.addEventListener("change", function () {
      if (!docx.files.length) return;
      var fd = new FormData();
      fd.append("csrf", form.elements["csrf"].value);
      fd.append("docx", docx.files[0]);
      msg.textContent = "…";
      fetch(box.dataset.url, { method: "POST", body: fd, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (v) {
          if (v.error) { msg.textContent = v.error; box.classList.add("has-msg"); return; }
          box.classList.remove("has-msg");
          Object.keys(v.values || {}).forEach(function (k) {
            var el = form.elements[k];
            if (el && el.type !== "file") el.value = v.values[k];
          });
          body.value = v.body;
          var photos = form.elements["photos"];
          if (photos && v.pictures && v.pictures.length) {
            var dt = new DataTransfer();
            v.pictures.forEach(function (p) {
              var bin = atob(p.data), bytes = new Uint8Array(bin.length);
              for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
              dt.items.add(new File([bytes], p.name, { type: p.type }));
            });
            photos.files = dt.files;
          }
          msg.textContent = (v.notes || []).join("；");
          update();
        })
        .catch(function (e) { msg.textContent = form.dataset.previewFailed + ": " + e.message; });
    });
  }
})();
