// The decision form's pickers and rows. Text boxes marked data-lookup become a type-ahead
// over the same-origin JSON endpoint they name; "Add a row" adds an item or a leg in place;
// legs move up and down. Without this script the form works as well: names are typed and the
// server resolves them, "Add a row" asks the server for one, "Order" numbers the legs.
(function () {
  "use strict";

  var count = 0;

  function lookup(input) {
    var url = input.getAttribute("data-lookup");
    var many = input.hasAttribute("data-lookup-many");
    var wrap = document.createElement("span");
    var list = document.createElement("ul");
    var results = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    count += 1;
    list.id = "lookup-list-" + count;
    list.className = "lookup__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    wrap.className = "lookup";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    wrap.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function term() {
      var value = input.value;
      return (many ? value.slice(value.lastIndexOf(";") + 1) : value).trim();
    }

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function render() {
      list.textContent = "";
      results.forEach(function (result, index) {
        var option = document.createElement("li");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", index === active ? "true" : "false");
        option.textContent = result.label;
        if (result.detail) {
          var detail = document.createElement("span");
          detail.className = "lookup__detail";
          detail.textContent = " " + result.detail;
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the box
          choose(index);
        });
        list.appendChild(option);
      });
      if (!results.length) {
        close();
        return;
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
    }

    function choose(index) {
      var result = results[index];
      if (!result) return;
      if (many) {
        var cut = input.value.lastIndexOf(";");
        input.value = (cut >= 0 ? input.value.slice(0, cut + 1) + " " : "") + result.value + "; ";
      } else {
        input.value = result.value;
      }
      close();
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function search() {
      var query = term();
      var mine = ++asked;
      if (!query) {
        results = [];
        close();
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(query), {
        credentials: "same-origin", headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (body) {
          if (mine !== asked) return;  // an older answer arriving late
          results = body.results || [];
          active = results.length ? 0 : -1;
          render();
        })
        .catch(function () { results = []; close(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        var step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + results.length) % results.length;
        render();
        event.preventDefault();
      } else if (event.key === "Enter" && active >= 0) {
        choose(active);
        event.preventDefault();
      } else if (event.key === "Escape") {
        close();
        event.preventDefault();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function rows(fieldset) {
    var prefix = fieldset.getAttribute("data-formset");
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = fieldset.querySelector("template[data-empty-row]");
    var body = fieldset.querySelector("[data-rows]");
    var add = fieldset.querySelector("[data-add-row]");
    var ordered = !!(template && template.content.querySelector("input[name$='-ORDER']"));

    function live() {
      return Array.prototype.filter.call(body.querySelectorAll("[data-row]"), function (row) {
        var removed = row.querySelector("input[name$='-DELETE']");
        return !(removed && removed.checked);
      });
    }

    function renumber() {
      if (!ordered) return;
      live().forEach(function (row, index) {
        var order = row.querySelector("input[name$='-ORDER']");
        if (order) order.value = index + 1;
      });
    }

    function mover(row) {
      if (!ordered) return;
      var cell = row.querySelector("[data-field='ORDER']");
      if (!cell) return;
      [["↑", "Move up", -1], ["↓", "Move down", 1]].forEach(function (spec) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button--small";
        button.textContent = spec[0];
        button.setAttribute("aria-label", spec[1]);
        button.addEventListener("click", function () {
          var sibling = spec[2] < 0 ? row.previousElementSibling : row.nextElementSibling;
          if (!sibling) return;
          body.insertBefore(row, spec[2] < 0 ? sibling : sibling.nextElementSibling);
          renumber();
          button.focus();
        });
        cell.appendChild(button);
      });
    }

    function enhance(row) {
      Array.prototype.forEach.call(row.querySelectorAll("input[data-lookup]"), lookup);
      var removed = row.querySelector("input[name$='-DELETE']");
      if (removed) {
        removed.addEventListener("change", function () {
          row.classList.toggle("is-removed", removed.checked);
          renumber();
        });
      }
      mover(row);
    }

    Array.prototype.forEach.call(body.querySelectorAll("[data-row]"), enhance);
    if (!add || !total || !template) return;
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10) || 0;
      body.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = index + 1;
      var row = body.lastElementChild;
      var start = row.querySelector("input[name$='-from_place']");
      if (start) {
        // A leg starts where the route so far ends.
        var ends = live().map(function (other) {
          var end = other.querySelector("input[name$='-to_place']");
          return end ? end.value.trim() : "";
        }).filter(Boolean);
        if (ends.length) start.value = ends[ends.length - 1];
      }
      enhance(row);
      renumber();
      var first = row.querySelector("input:not([type=hidden]), select");
      if (first) first.focus();
    });
  }

  function allegation(form) {
    // Typing in the picker or the new title chooses what it is for.
    [["allegation", "existing"], ["new_allegation_title", "new"]].forEach(function (pair) {
      var box = form.querySelector("[name='" + pair[0] + "']");
      var radio = form.querySelector("input[name='link'][value='" + pair[1] + "']");
      if (!box || !radio) return;
      box.addEventListener("input", function () { radio.checked = true; });
      box.addEventListener("change", function () { if (box.value.trim()) radio.checked = true; });
    });
  }

  function init() {
    var form = document.getElementById("edit-form");
    if (!form || !window.fetch) return;
    Array.prototype.forEach.call(form.querySelectorAll("[data-formset]"), rows);
    Array.prototype.forEach.call(form.querySelectorAll("input[data-lookup]"), function (input) {
      if (!input.closest("[data-row]")) lookup(input);
    });
    allegation(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
