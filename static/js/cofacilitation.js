// Co-facilitation (issue 7, item 13): facilitators' controls are
// last-writer-wins, so each console says which facilitator made the latest
// control change (the server signs those events on the facilitators' stream
// with `by`). Names are only ever set with textContent.

/** Show on `line` (its data-* attributes carry the strings) who last changed
 * a control, from the `socket`'s events. */
export function mountControlLog(line, socket) {
  const labels = JSON.parse(line.dataset.labels);
  socket.on("event", (event) => {
    if (event.stream !== "facilitators" || !event.by) return;
    const what = labels[event.action] || line.dataset.textChanged;
    const title = event.data && event.data.activity && event.data.activity.title;
    line.textContent = line.dataset.textLast
      .replace("NAME", event.by)
      .replace("WHAT", title ? `${what} (${title})` : what);
  });
}
