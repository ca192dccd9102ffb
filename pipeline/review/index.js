/* MGI index page: sort the report list by a column, filter it by text and status.
   No dependencies, no network; the page is complete without this script. */
(function () {
  "use strict";
  var table = document.getElementById("reports");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var q = document.getElementById("q");
  var status = document.getElementById("status-filter");
  var shown = document.getElementById("shown");

  function key(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell ? (cell.getAttribute("data-sort") || "") : "";
    if (!numeric) { return v.toLowerCase(); }
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }

  function sortBy(button) {
    var col = parseInt(button.getAttribute("data-col"), 10);
    var numeric = button.hasAttribute("data-num");
    var dir = button.getAttribute("data-dir") === "asc" ? "desc" : "asc";
    Array.prototype.forEach.call(table.querySelectorAll("button.sort"), function (b) {
      b.removeAttribute("data-dir");
      b.parentNode.removeAttribute("aria-sort");
    });
    button.setAttribute("data-dir", dir);
    button.parentNode.setAttribute("aria-sort", dir === "asc" ? "ascending" : "descending");
    var sign = dir === "asc" ? 1 : -1;
    rows.sort(function (a, b) {
      var ka = key(a, col, numeric), kb = key(b, col, numeric);
      return ka < kb ? -sign : ka > kb ? sign : 0;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function applyFilter() {
    var words = (q.value || "").toLowerCase().split(/\s+/).filter(Boolean);
    var st = status.value;
    var n = 0;
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      var ok = (!st || r.getAttribute("data-status") === st) &&
               words.every(function (w) { return text.indexOf(w) >= 0; });
      r.classList.toggle("hidden", !ok);
      if (ok) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " reports shown";
  }

  Array.prototype.forEach.call(table.querySelectorAll("button.sort"), function (b) {
    b.addEventListener("click", function () { sortBy(b); });
  });
  q.addEventListener("input", applyFilter);
  status.addEventListener("change", applyFilter);
  applyFilter();
}());
