/* Confirmation before an irreversible action: a submit button (or a form) carrying
   data-confirm="translated question" asks it; "Cancel" sends nothing. Loaded on every page by
   templates/base.html; the CSP allows scripts from our own origin only, so no inline handlers. */
(function () {
  "use strict";
  // Capture phase on the document: runs before any other submit handler of the page, and covers
  // forms added after load.
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var question = (submitter && submitter.getAttribute("data-confirm")) ||
      event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
