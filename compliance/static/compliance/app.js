// Keyboard work in the review queue, and a selection counter for its bulk actions.
// Served from the project's static files (the Content-Security-Policy forbids inline scripts).
(function () {
  "use strict";

  function typing(event) {
    var el = event.target;
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function initQueue() {
    var items = Array.prototype.slice.call(document.querySelectorAll("[data-proposal]"));
    var bulk = document.getElementById("bulk-form");
    var counter = document.getElementById("bulk-count");
    var current = -1;

    function updateCount() {
      if (counter) counter.textContent = document.querySelectorAll(".proposal__select:checked").length;
    }

    function focusItem(index, quiet) {
      if (!items.length) return;
      current = Math.max(0, Math.min(items.length - 1, index));
      items.forEach(function (item, i) { item.classList.toggle("is-current", i === current); });
      items[current].focus({ preventScroll: true });
      if (!quiet) items[current].scrollIntoView({ block: "nearest" });
    }

    function within(selector) {
      return current >= 0 ? items[current].querySelector(selector) : null;
    }

    document.addEventListener("change", function (event) {
      if (event.target.classList.contains("proposal__select")) updateCount();
    });
    var all = document.querySelector("[data-select-all]");
    if (all) {
      all.addEventListener("click", function () {
        var boxes = document.querySelectorAll(".proposal__select");
        var check = Array.prototype.some.call(boxes, function (b) { return !b.checked; });
        boxes.forEach(function (b) { b.checked = check; });
        updateCount();
      });
    }
    items.forEach(function (item, i) { item.addEventListener("click", function () { current = i; }); });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Escape" && typing(event)) { event.target.blur(); return; }
      if (typing(event)) return;
      var target;
      switch (event.key) {
        case "j": focusItem(current + 1); break;
        case "k": focusItem(current - 1); break;
        case "a": target = within('[data-key="a"]'); if (target) target.click(); break;
        case "e": target = within('[data-key="e"]'); if (target) target.click(); break;
        case "r": target = within('[data-key="r"]'); if (target) { target.focus(); } break;
        case "x":
          target = within(".proposal__select");
          if (target) { target.checked = !target.checked; updateCount(); }
          break;
        default: return;
      }
      event.preventDefault();
    });
    if (bulk) updateCount();
    if (items.length && !location.hash) focusItem(0, true);
  }

  function initHelp() {
    var dialog = document.createElement("div");
    dialog.className = "help-dialog";
    dialog.hidden = true;
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-label", "Keyboard shortcuts");
    dialog.innerHTML = "<h2>Keyboard shortcuts</h2><p><kbd>j</kbd>/<kbd>k</kbd> next/previous proposal · " +
      "<kbd>a</kbd> accept · <kbd>e</kbd> edit, then accept · <kbd>r</kbd> reject (type the reason, Enter) · " +
      "<kbd>x</kbd> select for a bulk action · <kbd>Esc</kbd> leave a field · <kbd>?</kbd> this help</p>";
    document.body.appendChild(dialog);
    document.addEventListener("keydown", function (event) {
      if (typing(event)) return;
      if (event.key === "?") { dialog.hidden = !dialog.hidden; event.preventDefault(); }
      else if (event.key === "Escape") { dialog.hidden = true; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initHelp();
    if (document.body.classList.contains("page-queue")) initQueue();
  });
})();
