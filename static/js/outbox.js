// The outbox (DESIGN.md, "Front end"): every change gets an op_id and stays
// pending until its acknowledgement or its own event arrives. It is sent only
// while connected, and after a reconnect it is sent again with the same
// op_id (the server applies an op_id once). Socket.IO's own buffer is never
// relied on: nothing is emitted while the socket is down.
import { newOpId } from "./live.js";

// Answers that mean "not now" (too many changes from you, or a server too
// busy to queue more), never "no".
const RETRY_LATER = new Set(["rate_limited", "busy"]);

/**
 * How long to wait before sending `entry` again: about 1 s, then twice as
 * long each time it is turned away (up to 30 s), each client at a random
 * point of that span, so a crowd turned away together does not come back
 * together and a busy server gets room to catch up.
 */
function retryPause(entry) {
  entry.retries = (entry.retries || 0) + 1;
  const span = Math.min(30000, 1000 * 2 ** (entry.retries - 1));
  return span * (0.5 + Math.random());
}

export class Outbox {
  /**
   * `onChange()` runs whenever the set of pending changes changes;
   * `onRefused(entry, ack)` when the server refuses one.
   */
  constructor(socket, { onChange = () => {}, onRefused = () => {} } = {}) {
    this.socket = socket;
    this.onChange = onChange;
    this.onRefused = onRefused;
    this.pending = new Map(); // op_id -> {opId, action, payload, sentOn}
    this.done = new Set(); // op_ids finished here, so late replies are ignored
    socket.on("connect", () => this.flush());
  }

  /** Queue a change; returns its op_id. */
  send(action, payload) {
    const entry = { opId: newOpId(), action, payload, sentOn: null };
    this.pending.set(entry.opId, entry);
    this.emit(entry);
    this.onChange();
    return entry.opId;
  }

  /** Whether `opId` is one of ours (pending or finished on this page). */
  mine(opId) {
    return this.pending.has(opId) || this.done.has(opId);
  }

  /** An event arrived: if it is one of ours, it is no longer pending. */
  seen(opId) {
    if (opId && this.pending.has(opId)) this.finish(opId);
  }

  /** Send every pending change not yet sent on this connection. */
  flush() {
    for (const entry of this.pending.values()) this.emit(entry);
  }

  emit(entry) {
    const socket = this.socket;
    if (!socket.connected || entry.sentOn === socket.id) return;
    entry.sentOn = socket.id;
    const message = { action: entry.action, payload: entry.payload, op_id: entry.opId };
    socket.emit("act", message, (ack) => this.answered(entry, ack));
  }

  answered(entry, ack) {
    if (!this.pending.has(entry.opId)) return;
    if (ack && ack.ok) {
      this.finish(entry.opId);
      return;
    }
    if (ack && RETRY_LATER.has(ack.error)) {
      // Not a refusal of the change itself: send it again after a pause.
      entry.sentOn = null;
      setTimeout(() => this.emit(entry), retryPause(entry));
      return;
    }
    this.finish(entry.opId);
    this.onRefused(entry, ack || {});
  }

  finish(opId) {
    this.pending.delete(opId);
    this.done.add(opId);
    this.onChange();
  }

  /** The pending changes, oldest first. */
  list() {
    return [...this.pending.values()];
  }
}
