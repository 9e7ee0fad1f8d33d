// Keyboard work in the review queue, and a selection counter for its bulk actions.
// Served from the project's static files (the Content-Security-Policy forbids inline scripts).
(function () {
  "use strict";

  function typing(event) {
    var el = event.target;
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function initQueue() {
    // Cards are read afresh on each key: the queue's script folds decided cards in place
    // (ingestion/queue.js), and the current card is the one marked, whoever marked it.
    function cards() {
      return Array.prototype.slice.call(document.querySelectorAll("[data-proposal]:not(.is-done)"));
    }
    var bulk = document.getElementById("bulk-form");
    var counter = document.getElementById("bulk-count");

    function updateCount() {
      if (counter) counter.textContent = document.querySelectorAll(".proposal__select:checked").length;
    }

    function currentIndex(items) {
      for (var i = 0; i < items.length; i++) if (items[i].classList.contains("is-current")) return i;
      return -1;
    }

    function mark(item) {
      document.querySelectorAll("[data-proposal].is-current").forEach(function (other) {
        other.classList.remove("is-current");
      });
      item.classList.add("is-current");
    }

    function focusItem(index, quiet) {
      var items = cards();
      if (!items.length) return;
      var item = items[Math.max(0, Math.min(items.length - 1, index))];
      mark(item);
      item.focus({ preventScroll: true });
      if (!quiet) item.scrollIntoView({ block: "nearest" });
    }

    function within(selector) {
      var items = cards();
      var current = currentIndex(items);
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
    document.addEventListener("click", function (event) {
      var item = event.target.closest && event.target.closest("[data-proposal]:not(.is-done)");
      if (item) mark(item);
    });

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "Escape" && typing(event)) { event.target.blur(); return; }
      if (typing(event)) return;
      var target;
      switch (event.key) {
        case "j": focusItem(currentIndex(cards()) + 1); break;
        case "k": focusItem(currentIndex(cards()) - 1); break;
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
    // Back from a decision without scripts: the server sent us to the next card's anchor.
    var landed = /^#proposal-\d+$/.test(location.hash) ? document.querySelector(location.hash) : null;
    if (landed && cards().indexOf(landed) >= 0) focusItem(cards().indexOf(landed), true);
    else if (!location.hash) focusItem(0, true);
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
