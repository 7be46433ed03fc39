// The one place the browser opens a live connection to a workshop.
import { io } from "../vendor/socket.io-client-4.8.3/socket.io.esm.min.js";

/**
 * Connect to a workshop. The workshop goes in the query string (a proxy keeps
 * a workshop's sockets on one process); who we are goes in `auth` (or the
 * sign-in cookie). `status` is an element whose text says how we stand.
 */
export function connect(workshopId, auth, status) {
  const socket = io({ query: { w: workshopId }, auth });
  const say = (key, extra = "") => {
    if (status) status.textContent = `${status.dataset[key]} ${extra}`.trim();
  };
  socket.on("connect", () => say("textConnected"));
  // We disconnect on purpose only after saying why (removed, deleted, signed
  // out): keep that message rather than claim we are reconnecting.
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") say("textDisconnected");
  });
  socket.on("connect_error", (err) => {
    // A refusal from the server is final; a network error retries by itself.
    if (!socket.active) say("textRefused", err.message);
  });
  return { socket, say };
}
