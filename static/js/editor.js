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

  // Every toolbar button takes the keyboard's focus (Jodit gives them tabindex -1), including
  // those Jodit draws again later (WCAG 2.1.1).
  function focusableToolbar(container) {
    function open() {
      container.querySelectorAll(".jodit-toolbar__box button[tabindex='-1']").forEach(function (button) {
        button.tabIndex = 0;
      });
    }
    open();
    new MutationObserver(open).observe(container, {subtree: true, childList: true, attributes: true, attributeFilter: ["tabindex"]});
  }

  // The text a screen reader announces for the editing area: its textarea's label.
  function labelOf(textarea) {
    var label = textarea.id && document.querySelector("label[for='" + textarea.id + "']");
    if (!label) { return ""; }
    // A language column's label: "Vision, Kazakh" is read, the visible "KK" is not.
    var spoken = label.querySelector(".visually-hidden") || label;
    return spoken.textContent.trim();
  }

  if (window.Jodit) {
    // The interface in the page's language: Kazakh from js/jodit-kk.js (Jodit ships none).
    var pageLanguage = document.documentElement.lang;
    var uiLanguage = window.Jodit.lang[pageLanguage] ? pageLanguage : "en";
    document.querySelectorAll("textarea[data-richtext]").forEach(function (textarea) {
      var editor = window.Jodit.make(textarea, {
        language: uiLanguage,
        // The editing area is reached with Tab like any field (Jodit's default is -1).
        tabIndex: 0,
        toolbarAdaptive: false,
        buttons: ["paragraph", "bold", "italic", "|", "ul", "ol", "|", "link", "table", "|", "undo", "redo"],
        showCharsCounter: false,
        showWordsCounter: true,
        showXPathInStatusbar: false,
        // No vendor link in English in the status bar of a Kazakh or Russian page.
        hidePoweredByJodit: true,
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
      // The content's language, not the interface's, so that it is read with its own rules.
      var area = editor.editor;
      if (textarea.getAttribute("lang")) { area.setAttribute("lang", textarea.getAttribute("lang")); }
      area.setAttribute("role", "textbox");
      area.setAttribute("aria-multiline", "true");
      if (labelOf(textarea)) { area.setAttribute("aria-label", labelOf(textarea)); }
      focusableToolbar(editor.container);
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

  // On a phone the section navigation starts folded, so that the form comes first.
  var fold = document.querySelector(".sections .fold");
  if (fold && window.matchMedia("(max-width: 700px)").matches) { fold.open = false; }

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
