// The one place the browser opens a live connection to a workshop.
import { io } from "../vendor/socket.io-client-4.8.3/socket.io.esm.min.js";

/**
 * A fresh operation id (a random UUID, version 4) for one change. Uses
 * getRandomValues: randomUUID is missing on plain-http pages off localhost.
 */
export function newOpId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
