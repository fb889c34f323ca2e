// Moves the mailings' progress bars in the admin while they send, by polling their status.
// Same pattern as printing/progress.js; the status URL comes from the page, not from here.
(function () {
  function label(m) {
    var text = m.status_display + ": " + m.sent + " / " + m.total + " sent";
    if (m.failed) text += ", " + m.failed + " failed";
    if (m.unknown) text += ", " + m.unknown + " unknown";
    if (m.deferred) text += ", " + m.deferred + " deferred";
    return text;
  }
  function bars() {
    return Array.from(document.querySelectorAll("[data-mailing]"));
  }
  function poll() {
    var active = bars().filter(function (el) { return el.dataset.active === "true"; });
    if (!active.length) return;
    var url = active[0].dataset.statusUrl;
    var ids = active.map(function (el) { return el.dataset.mailing; }).join(",");
    fetch(url + "?ids=" + ids, {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var reload = false;
        data.mailings.forEach(function (m) {
          bars().forEach(function (el) {
            if (el.dataset.mailing !== String(m.pk)) return;
            var bar = el.querySelector("progress");
            bar.max = Math.max(m.total, 1);
            bar.value = m.sent;
            bar.textContent = m.sent + " of " + m.total;
            el.querySelector(".mailing-progress__label").textContent = label(m);
            // A new state (started, done, paused) has buttons, times and failures to show.
            if (m.status !== el.dataset.status ||
                (el.dataset.reload && m.last_error && !document.querySelector(".mailing-error"))) {
              reload = true;
            }
            el.dataset.status = m.status;
            el.dataset.active = m.active ? "true" : "false";
          });
        });
        if (reload) window.location.reload();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
