// Deciding the review queue's cards in place. A card's accept and reject forms are sent
// with fetch (same origin, with the form's own CSRF token); the server answers in JSON,
// the decided card folds up and the next card takes the focus, where the reader already
// is. Without this script the forms post as usual and the server redirects back to the
// next card's anchor. The server checks the role and the input either way.
(function () {
  "use strict";

  var CARD = "[data-proposal]";

  function open(card) {
    return card && card.matches(CARD) && !card.classList.contains("is-done");
  }

  function following(card) {
    var other = card.nextElementSibling;
    while (other && !open(other)) other = other.nextElementSibling;
    if (other) return other;
    other = card.previousElementSibling;
    while (other && !open(other)) other = other.previousElementSibling;
    return other;
  }

  function focusCard(card) {
    document.querySelectorAll(CARD + ".is-current").forEach(function (c) { c.classList.remove("is-current"); });
    if (!card) return;
    card.classList.add("is-current");
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "start" });
  }

  function say(card, text, failed) {
    var status = card.querySelector(".proposal__status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("error", Boolean(failed));
    status.hidden = false;
  }

  function updateCount() {
    var counter = document.getElementById("bulk-count");
    if (counter) counter.textContent = document.querySelectorAll(".proposal__select:checked").length;
  }

  function fold(card, answer) {
    card.classList.add("is-done");
    card.classList.remove("proposal--pending");
    card.classList.add("proposal--" + answer.state);
    var state = card.querySelector(".state");
    if (state) {
      state.textContent = answer.state_label;
      state.className = "state state--" + answer.state;
    }
    ["proposal__actions", "proposal__select"].forEach(function (name) {
      var element = card.querySelector("." + name);
      if (element) element.remove();
    });
    updateCount();
    say(card, answer.message, false);
  }

  function read(response) {
    return response.json().catch(function () {
      return {
        ok: false,
        error: response.status === 403
          ? "Not allowed: deciding needs the analyst role, or the session has expired (reload the page)."
          : "The server answered " + response.status + ": nothing was changed."
      };
    }).then(function (answer) {
      if (!response.ok) answer.ok = false;
      return answer;
    });
  }

  function decide(event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-decide]")) return;
    var card = form.closest(CARD);
    if (!card || !window.fetch) return;
    event.preventDefault();
    var data = new FormData(form);
    var submitter = event.submitter;
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    // Only the buttons this request disables are enabled again (an accept that cannot be
    // accepted stays disabled).
    var buttons = Array.prototype.filter.call(card.querySelectorAll("button"), function (b) { return !b.disabled; });
    buttons.forEach(function (b) { b.disabled = true; });
    // Not form.action: the form's "action" button shadows that property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(read).then(function (answer) {
      if (answer.ok) {
        var next = following(card);
        fold(card, answer);
        focusCard(next);
      } else {
        buttons.forEach(function (b) { b.disabled = false; });
        say(card, answer.error || "Nothing was changed.", true);
      }
    }).catch(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      say(card, "The decision could not be sent: check the connection, then try again.", true);
    });
  }

  function skip(event) {
    var link = event.target.closest && event.target.closest("[data-skip]");
    if (!link) return;
    var card = link.closest(CARD);
    var next = card && following(card);
    if (!next) return;
    event.preventDefault();
    focusCard(next);
  }

  document.addEventListener("submit", decide);
  document.addEventListener("click", skip);
})();
