/* MGI review page: domain filter, act panel. No dependencies, no network. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var blocks = Array.prototype.slice.call(document.querySelectorAll("#report [data-domain]"));
  var buttons = Array.prototype.slice.call(document.querySelectorAll(".flt"));
  var reviewOnly = document.getElementById("review-only");
  var subarea = document.getElementById("subarea-filter");
  var current = "all";

  function applyFilter() {
    var onlyReview = reviewOnly && reviewOnly.checked;
    blocks.forEach(function (el) {
      if (el.classList.contains("heading")) { return; }
      var wanted = subarea ? subarea.value : "";
      var ok = (current === "all" || el.getAttribute("data-domain") === current) &&
               (!onlyReview || el.getAttribute("data-review") === "true") &&
               (!wanted || el.getAttribute("data-subarea") === wanted);
      el.classList.toggle("hidden", !ok);
    });
    hideEmptyHeadings(current === "all" && !onlyReview && !(subarea && subarea.value));
    buttons.forEach(function (b) { b.classList.toggle("on", b.getAttribute("data-domain") === current); });
    document.body.setAttribute("data-filter", current);
  }
  /* A heading stays visible when some visible block follows it before the next
     heading of the same or a higher level (walked backwards, one pass). */
  function hideEmptyHeadings(showAll) {
    var seen = [false, false, false, false, false, false, false];
    for (var i = blocks.length - 1; i >= 0; i--) {
      var el = blocks[i];
      if (!el.classList.contains("heading")) {
        if (!el.classList.contains("hidden")) { for (var k = 0; k < seen.length; k++) { seen[k] = true; } }
        continue;
      }
      var level = parseInt(el.tagName.substring(1), 10) || 2;
      el.classList.toggle("hidden", !showAll && !seen[level]);
      for (var j = level; j < seen.length; j++) { seen[j] = false; }
    }
  }
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { current = b.getAttribute("data-domain"); applyFilter(); });
  });
  if (reviewOnly) { reviewOnly.addEventListener("change", applyFilter); }
  if (subarea) { subarea.addEventListener("change", applyFilter); }

  var panel = document.getElementById("act-panel");
  function text(el, s) { el.textContent = s; return el; }
  function showAct(mark) {
    var act = data.acts[mark.getAttribute("data-act")];
    if (!act) { return; }
    document.querySelectorAll("mark.cite.active").forEach(function (m) { m.classList.remove("active"); });
    mark.classList.add("active");
    var name = [act.type, act.number ? "№ " + act.number : "", act.year ? "(" + act.year + ")" : ""]
      .filter(Boolean).join(" ");
    text(document.getElementById("act-title"), act.title || name);
    text(document.getElementById("act-meta"), name + (act.date ? " · " + act.date : "") +
      " · " + act.mentions.length + " mention(s)");
    var list = document.getElementById("act-mentions");
    list.innerHTML = "";
    act.mentions.forEach(function (m) {
      var li = document.createElement("li");
      if (m.cid === mark.id) { li.className = "here"; }
      var a = document.createElement("a");
      a.href = "#" + m.cid;
      a.textContent = "p. " + m.page + " · " + (m.domain ? "domain " + m.domain : "no domain") + " · " + m.surface;
      a.addEventListener("click", function () {
        var target = document.getElementById(m.cid);
        var blk = target && target.closest(".blk");
        if (blk) { blk.classList.remove("hidden"); blk.classList.add("flash");
                   setTimeout(function () { blk.classList.remove("flash"); }, 1500); }
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    panel.hidden = false;
  }
  document.querySelectorAll("mark.cite").forEach(function (m) {
    var act = data.acts[m.getAttribute("data-act")];
    if (act) {
      m.title = [act.title, act.type, act.number ? "№ " + act.number : "", act.year].filter(Boolean).join(" · ") +
        " — " + act.mentions.length + " mention(s)";
    }
    m.addEventListener("click", function () { showAct(m); });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter") { showAct(m); } });
  });
  panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });
  applyFilter();
})();
