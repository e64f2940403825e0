// showcase serve's editor: a live preview of the body (with the story's
// photos and cover), rendered by the build's Markdown renderer on the
// server; the photo list (thumbnails of chosen files, the media library);
// the error summary focused after a failed save; a URL name suggested
// from the title of a new story.
(function () {
  "use strict";
  var form = document.getElementById("story-form");
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    // A summary link takes the editor to the field itself, focused.
    summary.addEventListener("click", function (e) {
      var a = e.target.closest("a[href^='#']");
      var el = a && document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
      if (!el) return;
      e.preventDefault();
      el.scrollIntoView({ block: "center" });
      el.focus();
    });
  }
  if (!form) return;
  var body = form.elements["body"];
  var out = document.getElementById("preview");
  var list = document.getElementById("photo-list");
  var rowTpl = document.getElementById("photo-row");
  var files = document.getElementById("f-photos");
  var blobs = {}; // new:NAME -> object URL
  var chosen = []; // the photos chosen so far, in order
  var timer = 0, seq = 0;

  // md writes a photo as the save will: its own paragraph, a figure when
  // it has a caption.
  function md(dest, alt, caption) {
    alt = alt.replace(/[\[\]\n]/g, "");
    if (/[ ()<>]/.test(dest)) dest = "<" + dest + ">";
    caption = caption.replace(/"/g, "”").replace(/\n/g, " ");
    return "![" + alt + "](" + dest + (caption ? ' "' + caption + '"' : "") + ")";
  }
  // shownAt is the line of text that is the image dest, or "".
  function shownAt(text, dest) {
    var re = /^[ \t]*(!\[[^\]\n]*\]\(<?([^)\s>]+)>?(?:[ \t]+"[^"\n]*")?\))[ \t]*$/gm, m;
    while ((m = re.exec(text))) if (m[2] === dest) return m[1];
    return "";
  }
  function val(row, f) {
    var el = row.querySelector('[name$=".' + f + '"]');
    return el ? el.value : "";
  }
  // where a row's picture is, for the preview.
  function previewSrc(row) {
    var src = val(row, "src"), i = src.indexOf(":");
    var kind = src.slice(0, i), ref = src.slice(i + 1);
    if (kind === "new") return blobs[src] || "";
    if (kind === "file") return ref;
    var img = row.querySelector(".thumb img");
    return img ? img.getAttribute("src") : "";
  }
  // previewBody is the body as the save would write it.
  function previewBody() {
    var text = body.value;
    var tail = [];
    if (list) {
      list.querySelectorAll("li.photo").forEach(function (row) {
        var orig = val(row, "md");
        var removed = row.querySelector('[name$=".remove"]');
        var m = md(previewSrc(row), val(row, "alt"), val(row, "caption"));
        var src = val(row, "src");
        if (orig) {
          if (removed && removed.checked) text = text.replace(orig, "");
          else text = text.replace(orig, md(orig.match(/\]\(<?([^)\s>]+)/)[1], val(row, "alt"), val(row, "caption")));
        } else if (src.indexOf("new:") === 0 && shownAt(text, src.slice(4))) {
          // A photo the body shows already (from Word): shown where it
          // is, with the row's alt text and caption, as the save writes it.
          var line = shownAt(text, src.slice(4));
          text = text.replace(line, val(row, "alt") || val(row, "caption") ? m : line.split("](" + src.slice(4)).join("](" + previewSrc(row)));
        } else {
          tail.push(m);
        }
      });
    }
    if (tail.length) text = text.replace(/\n*$/, "\n\n") + tail.join("\n\n") + "\n";
    var cover = form.elements["cover"], pick = form.querySelector('[name="cover.pick"]:checked');
    var coverSrc = cover ? cover.value : "", coverAlt = form.elements["cover_alt"] ? form.elements["cover_alt"].value : "";
    if (pick && pick.value !== "") {
      var row = list.querySelector('li.photo[data-n="' + pick.value + '"]');
      if (row) {
        coverSrc = previewSrc(row);
        coverAlt = val(row, "alt");
      }
    }
    if (coverSrc) text = md(coverSrc, coverAlt, "") + "\n\n" + text;
    return text;
  }
  function update() {
    var fd = new FormData();
    fd.append("csrf", form.elements["csrf"].value);
    fd.append("bundle", form.elements["bundle"].value);
    fd.append("body", previewBody());
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
  function later() {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  update();

  // addRow adds a photo row from the template.
  function addRow(src, thumb, name) {
    var n = Number(list.dataset.next);
    list.dataset.next = String(n + 1);
    var html = rowTpl.innerHTML.replace(/photo\.-1\./g, "photo." + n + ".").replace(/data-n="-1"/, 'data-n="' + n + '"').replace(/value="-1"/, 'value="' + n + '"');
    var box = document.createElement("ul");
    box.innerHTML = html;
    var row = box.firstElementChild;
    row.querySelector('[name$=".src"]').value = src;
    var img = document.createElement("img");
    img.src = thumb;
    img.alt = "";
    row.querySelector(".thumb").appendChild(img);
    row.querySelector(".photo-name").textContent = name;
    list.appendChild(row);
    return row;
  }
  if (list && rowTpl) {
    list.addEventListener("click", function (e) {
      if (e.target.classList.contains("drop")) {
        var row = e.target.closest("li.photo");
        var src = val(row, "src");
        row.remove();
        if (src.indexOf("new:") === 0) dropFile(src.slice(4));
        later();
      }
    });
    // Photos chosen one after another add up: the file input keeps them
    // all, each with its row.
    files.addEventListener("change", function () {
      Array.prototype.forEach.call(files.files, function (f) {
        if (chosen.some(function (c) { return c.name === f.name && c.size === f.size; })) return;
        chosen.push(f);
        var url = URL.createObjectURL(f);
        blobs["new:" + f.name] = url;
        addRow("new:" + f.name, url, f.name);
      });
      setFiles();
      later();
    });

    document.querySelectorAll("#library .pick").forEach(function (b) {
      b.addEventListener("click", function () {
        addRow(b.dataset.ref, b.dataset.thumb, b.dataset.name);
        later();
      });
    });
  }
  // Photos over the limits are named before anything is sent: a request
  // the server refuses for its size cannot bring the form back.
  form.addEventListener("submit", function (e) {
    if (!files || !form.dataset.maxPhoto) return;
    var total = 0, big = [];
    Array.prototype.forEach.call(files.files, function (f) {
      total += f.size;
      if (f.size > Number(form.dataset.maxPhoto)) big.push(f.name);
    });
    if (!big.length && total <= Number(form.dataset.maxRequest)) return;
    e.preventDefault();
    var msg = document.getElementById("msg-photos"), p = document.createElement("p");
    p.textContent = form.dataset.tooLarge + (big.length ? "（" + big.join("、") + "）" : "");
    msg.replaceChildren(p);
    msg.closest(".field").classList.add("has-msg");
    files.scrollIntoView({ block: "center" });
    files.focus();
  });
  // setFiles puts the chosen photos in the file input, for the save.
  function setFiles() {
    if (typeof DataTransfer === "undefined") return;
    var dt = new DataTransfer();
    chosen.forEach(function (f) { dt.items.add(f); });
    files.files = dt.files;
  }
  // dropFile takes one chosen photo out of the file input.
  function dropFile(name) {
    var i = chosen.findIndex(function (f) { return f.name === name; });
    if (i >= 0) chosen.splice(i, 1);
    setFiles();
  }

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
          if (files && v.pictures && v.pictures.length && typeof DataTransfer !== "undefined") {
            // The pictures become chosen photos, each with its row; the
            // body already shows them where the document had them.
            var dt = new DataTransfer();
            v.pictures.forEach(function (p) {
              var bin = atob(p.data), bytes = new Uint8Array(bin.length);
              for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
              dt.items.add(new File([bytes], p.name, { type: p.type }));
            });
            files.files = dt.files;
            files.dispatchEvent(new Event("change", { bubbles: true }));
            v.pictures.forEach(function (p) {
              var src = list && list.querySelector('[name$=".src"][value="new:' + CSS.escape(p.name) + '"]');
              var row = src && src.closest("li.photo");
              if (!row) return;
              row.querySelector('[name$=".alt"]').value = p.alt || "";
              row.querySelector('[name$=".caption"]').value = p.caption || "";
            });
          }
          msg.textContent = (v.notes || []).join("；");
          update();
        })
        .catch(function (e) { msg.textContent = form.dataset.previewFailed + ": " + e.message; });
    });
  }
})();
