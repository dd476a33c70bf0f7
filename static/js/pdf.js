/* PDF buttons (templates/publishing/_buttons.html and render.html): the request is sent in the
   background, then the render's status is polled and shown live until the download link
   appears, or the failure with a button to try again. Without this script the forms post as
   usual and the render's page refreshes itself. The CSP allows scripts from our origin only:
   no inline handlers, every text comes from the server (the JSON status or data- attributes). */
(function () {
  "use strict";
  if (window.qalaPdfExport) { return; }  // the buttons may appear several times on a page
  window.qalaPdfExport = true;

  var POLL_MS = 1000;
  var MAX_POLL_ERRORS = 5;

  function widgetOf(node) { return node.closest("[data-pdf-export]"); }

  function csrfToken(item) {
    var input = item.querySelector("input[name=csrfmiddlewaretoken]") ||
      widgetOf(item).querySelector("input[name=csrfmiddlewaretoken]");
    // The public edition's page is the same for every anonymous reader and carries no token:
    // the token is the CSRF cookie's (approvals.public_edition).
    var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return input ? input.value : (cookie ? decodeURIComponent(cookie[1]) : "");
  }

  function readJson(response) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (!response.ok) {
        var error = new Error(data.message || response.statusText);
        error.data = data;
        throw error;
      }
      return data;
    });
  }

  function statusBox(item) { return item.querySelector(".pdf-status"); }

  function showError(item, error) {
    var box = statusBox(item);
    item.removeAttribute("aria-busy");
    box.setAttribute("data-status", "error");
    box.textContent = (error && error.data && error.data.message) || widgetOf(item).dataset.errorText;
  }

  function show(item, data) {
    var box = statusBox(item);
    var widget = widgetOf(item);
    var generation = String(Number(item.dataset.generation || 0) + 1);
    item.dataset.generation = generation;  // an older polling loop of this item stops
    box.textContent = "";
    box.setAttribute("data-status", data.status);
    box.appendChild(document.createTextNode(data.message + " "));
    if (data.status === "ready") {
      item.removeAttribute("aria-busy");
      var link = document.createElement("a");
      link.className = "button primary pdf-download";
      link.href = data.download_url;
      link.setAttribute("download", "");
      link.textContent = widget.dataset.downloadLabel;
      box.appendChild(link);
    } else if (data.status === "failed") {
      item.removeAttribute("aria-busy");
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "pdf-retry";
      retry.textContent = widget.dataset.retryLabel;
      retry.addEventListener("click", function () { send(item, data.retry_url, new FormData()); });
      box.appendChild(retry);
    } else {
      item.setAttribute("aria-busy", "true");
      window.setTimeout(function () { poll(item, data.status_url, generation, 0); }, POLL_MS);
    }
  }

  function poll(item, url, generation, errors) {
    if (item.dataset.generation !== generation) { return; }
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(readJson)
      .then(function (data) { show(item, data); }, function (error) {
        if (error.data && error.data.code) { showError(item, error); return; }
        if (errors + 1 >= MAX_POLL_ERRORS) { showError(item, null); return; }
        // The network dropped for a moment: ask again, a little later each time.
        window.setTimeout(function () {
          poll(item, url, generation, errors + 1);
        }, POLL_MS * Math.pow(2, errors + 1));
      });
  }

  function send(item, url, body) {
    var box = statusBox(item);
    item.setAttribute("aria-busy", "true");
    box.setAttribute("data-status", "sending");
    box.textContent = widgetOf(item).dataset.sendingText;
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(item) },
    }).then(readJson).then(function (data) { show(item, data); }, function (error) {
      showError(item, error);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-pdf-request]");
    if (!form || event.defaultPrevented) { return; }
    event.preventDefault();
    send(form.closest("[data-pdf-item]"), form.action, new FormData(form));
  });

  function start() {
    // The render's own page: follow a render that is still on its way.
    document.querySelectorAll("[data-pdf-item][data-status-url]").forEach(function (item) {
      var status = statusBox(item).getAttribute("data-status");
      if (status === "pending" || status === "rendering") {
        item.setAttribute("aria-busy", "true");
        item.dataset.generation = "1";
        window.setTimeout(function () { poll(item, item.dataset.statusUrl, "1", 0); }, POLL_MS);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
