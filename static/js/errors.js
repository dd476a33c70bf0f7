/* A form sent back with errors (or with values the plausibility check asks to confirm): a
   summary at the top of the page, each error a link to its field, and the focus moved there, so
   that a keyboard or screen-reader user learns what to fix and reaches it (WCAG 3.3.1, GOV.UK's
   error summary). Django gives each field's error list the id "<field id>_error"; an error of a
   whole row or form (a non-field error: "the plan of 2024 was missed: explain the deviation")
   links to the first field of its row or form, a plausibility warning to the field of its cell. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) { return; }
  // Values the plausibility check asks to confirm are listed too, each linking to its cell.
  var lists = main.querySelectorAll("ul.errorlist, ul[data-plausibility]");
  if (lists.length === 0) { return; }
  var onlyWarnings = main.querySelector("ul.errorlist") === null;

  // The place a link lands on: the field, or for rich text the editing area that replaced it.
  function focusable(field) {
    if (field.offsetParent !== null) { return field; }
    var column = field.closest(".lang-col, .english, .single, td");
    return (column && column.querySelector(".jodit-wysiwyg")) || field;
  }

  function nameOf(fieldId) {
    var label = document.querySelector("label[for='" + fieldId + "']");
    if (!label) { return ""; }
    return (label.querySelector(".visually-hidden") || label).textContent.trim();
  }

  var box = document.createElement("div");
  box.className = "error-summary";
  box.id = "error-summary";
  box.tabIndex = -1;
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", "error-summary-title");
  var title = document.createElement("h2");
  title.id = "error-summary-title";
  title.textContent = (onlyWarnings ? main.dataset.warningSummary : main.dataset.errorSummary) || "";
  box.appendChild(title);
  var items = document.createElement("ul");
  var FIELDS = "input:not([type=hidden]):not([type=submit]), select, textarea";
  lists.forEach(function (list) {
    var field = null;
    var ofField = /_error$/.test(list.id);
    if (ofField) {
      field = document.getElementById(list.id.slice(0, -"_error".length));
    } else {
      var owner = list.closest(list.hasAttribute("data-plausibility") ? "td" : "tr, fieldset, form");
      field = owner && owner.querySelector(FIELDS);
    }
    if (!field || !field.id) { return; }
    var fieldId = field.id;
    var name = ofField ? nameOf(fieldId) : "";
    list.querySelectorAll("li").forEach(function (error) {
      var link = document.createElement("a");
      link.href = "#" + fieldId;
      link.textContent = (name ? name + ": " : "") + error.textContent.trim();
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var details = field.closest("details");
        if (details) { details.open = true; }
        var target = focusable(field);
        target.scrollIntoView({block: "center"});
        target.focus();
      });
      var item = document.createElement("li");
      item.appendChild(link);
      items.appendChild(item);
    });
  });
  if (items.children.length === 0) { return; }
  box.appendChild(items);
  main.insertBefore(box, main.firstChild);
  box.focus();
})();
