// Headline suggestions under a search box, from /search/suggest/?q=. The search works without
// this script; it only adds links. Markup: a container with data-suggest-url around the input.
(function () {
  "use strict";

  function setUp(container) {
    var input = container.querySelector("input[type=search], input[name=q]");
    if (!input) return;
    var url = container.getAttribute("data-suggest-url");
    var list = document.createElement("ul");
    var listId = (input.id || "search") + "-suggestions";
    var timer = null;
    var latest = 0;
    var active = -1;

    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested headlines");
    list.hidden = true;
    container.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function show(suggestions) {
      list.textContent = "";
      active = -1;
      suggestions.forEach(function (item, i) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        a.href = item.url;
        a.textContent = item.title; // text, never HTML
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", String(suggestions.length > 0));
    }

    function move(step) {
      var items = list.querySelectorAll("li");
      if (!items.length) return;
      if (active >= 0) items[active].setAttribute("aria-selected", "false");
      active = (active + step + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < 2) return close();
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) show(data.suggestions || []); })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = list.querySelectorAll("a")[active].href;
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 200); });
  }

  document.querySelectorAll("[data-suggest-url]").forEach(setUp);
})();
