// An export's progress, followed without reloading (templates/exports/): each
// [data-export-job] still queued or running asks its status URL every second
// and shows what it says. Without JavaScript the "Refresh" link does the same.

const POLL_MS = 1000;
const ACTIVE = new Set(["queued", "running"]);

function part(root, name) {
  return root.querySelector(`[data-export-${name}]`);
}

function setText(element, text) {
  // Unchanged text is left alone: a live region would announce it again.
  if (element && element.textContent !== text) element.textContent = text;
}

/** Show one status reply (see app/exports/routes.py, `_status`) in `root`. */
function show(root, status) {
  setText(part(root, "status"), status.status_text);
  const progress = part(root, "progress");
  if (progress) {
    progress.value = status.progress;
    progress.textContent = `${status.progress} %`;
  }
  setText(part(root, "percent"), `${status.progress} %`);
  const running = part(root, "running");
  if (running) running.hidden = !ACTIVE.has(status.status);
  const download = part(root, "download");
  if (download) {
    download.hidden = status.status !== "done";
    const link = download.querySelector("a");
    if (link && status.download_url) link.href = status.download_url;
  }
  const error = part(root, "error");
  if (error) {
    error.hidden = status.status !== "failed";
    setText(error, status.message || "");
  }
  root.dataset.status = status.status;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/** Ask for `root`'s status every second until the job is done or failed. */
async function follow(root) {
  while (ACTIVE.has(root.dataset.status)) {
    await pause();
    let response;
    try {
      response = await fetch(root.dataset.statusUrl, {
        headers: { Accept: "application/json" },
        cache: "no-store",
      });
    } catch {
      continue; // the connection dropped for a moment: ask again
    }
    if (response.status === 404 || response.status === 403) return;
    if (response.ok) show(root, await response.json());
  }
}

for (const root of document.querySelectorAll("[data-export-job]")) {
  if (ACTIVE.has(root.dataset.status)) follow(root);
}
// This page now follows the jobs itself.
for (const refresh of document.querySelectorAll("[data-export-refresh]")) {
  refresh.hidden = true;
}
