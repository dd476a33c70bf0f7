/* Strategy editor: rich-text fields (Jodit), a warning before unsaved work is left (confirmations: js/confirm.js). */
(function () {
  "use strict";
  var article = document.querySelector("[data-unsaved-warning]");
  var dirty = new Set();

  function markDirty(form) { dirty.add(form); form.classList.add("unsaved"); }

  document.querySelectorAll("form[data-guard]").forEach(function (form) {
    form.addEventListener("input", function () { markDirty(form); });
    form.addEventListener("change", function () { markDirty(form); });
    form.addEventListener("submit", function () { dirty.clear(); });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size === 0) { return undefined; }
    event.preventDefault();
    event.returnValue = article ? article.dataset.unsavedWarning : "";
    return event.returnValue;
  });

  if (window.Jodit) {
    var uiLanguage = document.documentElement.lang === "ru" ? "ru" : "en";
    document.querySelectorAll("textarea[data-richtext]").forEach(function (textarea) {
      var editor = window.Jodit.make(textarea, {
        language: uiLanguage,
        toolbarAdaptive: false,
        buttons: ["paragraph", "bold", "italic", "|", "ul", "ol", "|", "link", "table", "|", "undo", "redo"],
        showCharsCounter: false,
        showWordsCounter: true,
        showXPathInStatusbar: false,
        askBeforePasteHTML: false,
        askBeforePasteFromWord: false,
        defaultActionOnPaste: "insert_clear_html",
        height: 260,
        toolbarButtonSize: "small",
        spellcheck: true,
        lang: textarea.getAttribute("lang") || undefined,
        // Load nothing from elsewhere (the CSP allows scripts from our origin only): no
        // js-beautify or Ace editor from a CDN for the source view, which is a plain textarea.
        beautifyHTML: false,
        beautifyHTMLCDNUrlsJS: [],
        sourceEditor: "area",
        sourceEditorCDNUrlsJS: [],
        iframe: false
      });
      var initial = editor.value;
      // Copy the editor's text into the form at submission: the editor syncs its textarea only
      // after a short delay, and the last keystrokes before a quick click must not be lost.
      if (textarea.form) {
        textarea.form.addEventListener("submit", function () { textarea.value = editor.value; }, true);
      }
      editor.events.on("change", function () {
        if (editor.value !== initial) { markDirty(textarea.form); }
      });
    });
  }

  // Open the folded item a link points at (#indicators-12) so the reader lands on it.
  function openTarget() {
    if (!location.hash) { return; }
    var target = document.getElementById(location.hash.slice(1));
    var box = target && target.closest("details");
    if (box) { box.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
