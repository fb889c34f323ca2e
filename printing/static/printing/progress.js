// Moves the print-job progress bars in the admin while jobs run, by polling their status.
(function () {
  function activeBars() {
    return Array.from(document.querySelectorAll("[data-print-job]")).filter(function (el) {
      return el.dataset.status === "queued" || el.dataset.status === "running";
    });
  }
  function poll() {
    var bars = activeBars();
    if (!bars.length) return;
    var ids = bars.map(function (el) { return el.dataset.printJob; }).join(",");
    fetch("/admin/printing/status/?ids=" + ids, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var finished = false;
        data.jobs.forEach(function (job) {
          var el = document.querySelector('[data-print-job="' + job.pk + '"]');
          if (!el) return;
          el.querySelector("progress").value = job.progress;
          el.querySelector(".print-progress__label").textContent =
            job.status.charAt(0).toUpperCase() + job.status.slice(1) + ": " + job.stage;
          if (job.status !== el.dataset.status && (job.status === "done" || job.status === "failed")) {
            finished = true;
          }
          el.dataset.status = job.status;
        });
        // A finished job has a thumbnail and download link to show: reload once.
        if (finished) window.location.reload();
        else window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
