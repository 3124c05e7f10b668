// Search-as-you-type pickers (core/picker.py): the text field asks its endpoint for matches in the
// user's reach; choosing one puts its id in a hidden field of the picker's name. Without this
// script the typed text is sent as <name>_q and resolved on the server.
(function () {
  "use strict";
  function setup(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var input = box.querySelector("input[type=search]");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = box.dataset.pickerName;
    hidden.value = box.dataset.pickerValue || "";
    box.appendChild(hidden);
    var list = document.createElement("ul");
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.appendChild(list);
    var timer = null, asked = 0;
    function choose(item) {
      hidden.value = item.id;
      input.value = item.label;
      list.hidden = true;
      input.dispatchEvent(new Event("change", {bubbles: true}));
    }
    function show(data) {
      list.textContent = "";
      data.results.forEach(function (item) {
        var li = document.createElement("li"), button = document.createElement("button");
        button.type = "button";
        button.textContent = item.label;
        button.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the focus: no blur, no early change
        button.addEventListener("click", function () { choose(item); });
        li.appendChild(button);
        list.appendChild(li);
      });
      if (!data.results.length) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = data.empty;
        list.appendChild(none);
      }
      list.hidden = false;
    }
    function search() {
      var q = input.value.trim(), mine = ++asked;
      if (!q) { list.hidden = true; return; }
      var url = box.dataset.pickerUrl;
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(q),
            {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === asked) show(data); });
    }
    input.addEventListener("input", function () {
      hidden.value = "";  // typed text is resolved on the server unless a match is chosen
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") list.hidden = true;
      if (e.key === "Enter" && !list.hidden && list.querySelector("button")) { e.preventDefault(); list.querySelector("button").click(); }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) list.hidden = true; });
  }
  function setupAll(root) { (root || document).querySelectorAll(".picker").forEach(setup); }
  document.addEventListener("DOMContentLoaded", function () { setupAll(document); });
  document.addEventListener("htmx:load", function (e) { setupAll(e.target.parentNode || document); });
})();
