"""A participant's client, as the app's own client behaves (DESIGN.md, "The
one path for every change" and "Audiences, streams and order"), written with
python-socketio so tests can run many of them against a real server:

- it keeps the last number applied on each of its streams, applies events in
  number order, holds an out-of-order event back for about a second, then
  resyncs that stream from its last number (python-engineio hands each message
  to a thread of its own, so events can reach the handlers out of order);
- on every (re)connection it resyncs each stream from its last number, or
  takes a snapshot when it has none;
- it keeps an outbox: each note has an op_id; a note stays pending until an
  acknowledgement (or the event carrying its op_id) settles it, and pending
  notes are sent again with the same op_id after a reconnect. The outbox is
  the only retry path: the socket client never reconnects or buffers by
  itself, and nothing is emitted while disconnected.
"""

import threading
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import socketio

HOLD = 1.0  # seconds an out-of-order event waits before its stream is resynced
RETRYABLE = {"busy", "rate_limited"}


class Dropped(Exception):
    """The connection went away (or did not answer) during a call."""


@dataclass
class Pending:
    """A note in the outbox."""

    op_id: str
    text: str
    sends: int = 0
    sent_on: int = -1  # the connection it was last sent on
    ack: dict | None = None
    errors: list = field(default_factory=list)


class StreamClient:
    """One participant's socket, streams, board state and outbox."""

    def __init__(
        self, url, workshop, token, board, name="client", wait=5, settle_on_event=True
    ):
        self.url, self.workshop, self.token = url, workshop, token
        self.board, self.name, self.wait = board, name, wait
        # The app's client settles a pending change from its event or its
        # acknowledgement, whichever comes first; without this, only an
        # acknowledgement settles it, so more notes are sent again.
        self.settle_on_event = settle_on_event
        self.lock = threading.RLock()
        self.emitting = threading.Lock()
        self.sio = None
        self.connection = 0  # which connection this is: 1, 2, ...
        self.streams = []  # the keys the server said this client reads
        self.position = {}  # stream key -> last number applied
        self.held = defaultdict(dict)  # stream key -> {n: (event, arrived)}
        self.notes = defaultdict(dict)  # stream key -> {note id: note view}
        # stream key -> [(n, seq, op_id, how)], in the order applied
        self.applied = defaultdict(list)
        self.live = defaultdict(list)  # stream key -> numbers received live
        self.outbox = {}  # op_id -> Pending, in the order written
        self.settled = {}  # op_id -> Pending, once acknowledged or seen
        self.failures = []  # refusals no retry can fix: the test fails on any
        self.refusal = None  # why the server last refused to connect
        self.stats = Counter()
        self._written = 0

    # -- connecting ----------------------------------------------------------

    @property
    def connected(self):
        return self.sio is not None and self.sio.connected

    def connect(self):
        """Open a new connection and catch every stream up; Dropped if not."""
        self._discard()
        sio = socketio.Client(reconnection=False)
        welcomed = threading.Event()
        connection = self.connection + 1

        def on_welcome(message):
            with self.lock:
                self.streams = list(message["streams"])
            welcomed.set()

        def on_refused(data):
            # The app's refusals are {"message": ...}; Engine.IO's are text.
            self.refusal = data.get("message") if isinstance(data, dict) else data

        sio.on("welcome", on_welcome)
        sio.on("connect_error", on_refused)
        sio.on("event", lambda message: self._accept(message, "live", connection))
        try:
            sio.connect(
                f"{self.url}?w={self.workshop}",
                auth={"token": self.token},
                transports=["websocket"],
                wait_timeout=self.wait,
            )
        except socketio.exceptions.ConnectionError as error:
            self._shut(sio)
            raise Dropped(f"connect: {error}") from None
        self.sio, self.connection = sio, connection
        self.stats["connections"] += 1
        if not welcomed.wait(self.wait):
            raise Dropped("no welcome")
        for key in self.streams:
            self.resync(key)

    def connect_until(self, deadline, pause=0.1):
        """Keep trying to connect (the server may be restarting) until the
        deadline; True once connected and caught up."""
        while time.monotonic() < deadline:
            try:
                self.connect()
                return True
            except Dropped:
                self.stats["connect_attempts_failed"] += 1
                time.sleep(pause)
        return False

    def close(self):
        self._discard()

    def _discard(self):
        if self.sio is not None:
            self._shut(self.sio)
            self.sio = None

    @staticmethod
    def _shut(sio):
        try:
            sio.disconnect()
        except Exception:
            pass
        # When the server drops a connection, python-engineio's client leaves
        # its WebSocket open (a ResourceWarning, an error under pytest.ini).
        ws = getattr(sio.eio, "ws", None)
        if ws is not None:
            try:
                ws.shutdown()
            except Exception:
                pass

    # -- calls that fail fast when the connection drops ------------------------

    def call(self, event, data, timeout=None):
        """Emit with an acknowledgement and wait for it; Dropped if the
        connection goes, or nothing answers within `timeout`."""
        done, answer = threading.Event(), []
        self.send(event, data, lambda *args: (answer.append(args), done.set()))
        sio = self.sio
        deadline = time.monotonic() + (timeout or self.wait)
        while not done.wait(0.02):
            if not sio.connected or time.monotonic() > deadline:
                raise Dropped(f"{event}: no answer")
        return answer[0][0] if answer[0] else None

    def send(self, event, data, callback):
        """Emit on the current connection (only ever while connected)."""
        sio = self.sio
        if sio is None or not sio.connected:
            raise Dropped(f"{event}: not connected")
        try:
            with self.emitting:  # python-socketio's emit is not thread safe
                sio.emit(event, data, callback=callback)
        except (socketio.exceptions.SocketIOError, OSError) as error:
            raise Dropped(f"{event}: {error}") from None

    # -- streams -------------------------------------------------------------

    def resync(self, key):
        """Ask for what `key` missed since our last number (all: a snapshot)."""
        with self.lock:
            after = self.position.get(key)
        answer = self.call("resync", {"stream": key, "after": after})
        if not answer.get("ok"):
            if answer.get("error") in RETRYABLE:
                raise Dropped(f"resync refused: {answer}")
            self.failures.append(("resync", answer))
            return
        with self.lock:
            if "snapshot" in answer:
                self._take_snapshot(answer["snapshot"])
            else:
                self.stats["resync_events"] += len(answer["events"])
                for message in answer["events"]:
                    self._accept(message, "resync", self.connection)
            self.stats["resyncs"] += 1

    def catch_up(self):
        """Resync each stream whose held events have waited past HOLD."""
        now = time.monotonic()
        with self.lock:
            late = [
                key
                for key, held in self.held.items()
                if held and min(at for _e, at in held.values()) < now - HOLD
            ]
        for key in late:
            self.stats["gap_resyncs"] += 1
            self.resync(key)

    def _accept(self, message, how, connection):
        key, n = message["stream"], message["n"]
        with self.lock:
            if how == "live":
                self.live[key].append(n)
            self._settle_by_event(message.get("op_id"))
            last = self.position.get(key)
            if last is not None and n <= last:
                self.stats[f"already_applied_{how}"] += 1
                return
            if last is None or n > last + 1:
                self.held[key].setdefault(n, (message, time.monotonic()))
                return
            self._apply(message, how)
            self._drain(key)

    def _drain(self, key):
        held = self.held[key]
        for n in sorted(held):
            last = self.position[key]
            if n <= last:
                del held[n]
            elif n == last + 1:
                self._apply(held.pop(n)[0], "held")
            else:
                break

    def _apply(self, message, how):
        key, data = message["stream"], message["data"]
        notes = self.notes[key]
        if "note" in data:
            notes[data["note"]["id"]] = data["note"]
        if "note_removed" in data:
            notes.pop(data["note_removed"], None)
        if "snapshot" in data:  # an activity's reveal: its notes, afresh
            activity = data["activity"]["id"]
            for note_id in [i for i, v in notes.items() if v["activity"] == activity]:
                del notes[note_id]
            notes.update({v["id"]: v for v in data["snapshot"]["notes"]})
        self.position[key] = message["n"]
        self.applied[key].append((message["n"], message["seq"], message["op_id"], how))

    def _take_snapshot(self, snapshot):
        key = snapshot["stream"]
        if snapshot["n"] < self.position.get(key, -1):
            # Live events overtook the answer (each message has its own
            # thread): what we hold is newer. Were the server to have lost
            # events, the final comparison with its state shows it.
            self.stats["stale_snapshots"] += 1
            return
        self.notes[key] = notes_of(snapshot)
        self.position[key] = snapshot["n"]
        self.applied[key].append((snapshot["n"], None, None, "snapshot"))
        self.stats["snapshots"] += 1
        self._drain(key)

    # -- the outbox ------------------------------------------------------------

    def write(self, text=None):
        """Put a new note in the outbox (sent by `flush`)."""
        self._written += 1
        note = Pending(str(uuid.uuid4()), text or f"{self.name} note {self._written}")
        with self.lock:
            self.outbox[note.op_id] = note
        return note

    def flush(self, timeout=None):
        """Send every pending note not yet sent on this connection, then wait
        for their answers; Dropped if the connection goes meanwhile. False if
        any was refused for now (busy, rate limited) and waits to be resent."""
        with self.lock:
            due = [p for p in self.outbox.values() if p.sent_on != self.connection]
        answered = []
        for note in due:
            note.sends += 1
            if note.sends == 2:
                self.stats["retried"] += 1
            self.stats["sent"] += 1
            note.sent_on = self.connection
            self.send(
                "act",
                {
                    "action": "board.add_note",
                    "payload": {
                        "activity": self.board,
                        "column": "ideas",
                        "text": note.text,
                    },
                    "op_id": note.op_id,
                },
                self._acknowledge(note, answered),
            )
        sio, deadline = self.sio, time.monotonic() + (timeout or self.wait)
        while len(answered) < len(due):
            if not sio.connected or time.monotonic() > deadline:
                raise Dropped("act: no answer")
            time.sleep(0.01)
        return all(note.sent_on != -1 for note in due)

    def _acknowledge(self, note, answered):
        def settle(ack):
            with self.lock:
                if ack.get("ok"):
                    note.ack = ack
                    self.stats["acked"] += 1
                    self.stats["replayed"] += bool(ack.get("replayed"))
                    self._settle(note.op_id, "ack")
                elif ack.get("error") in RETRYABLE:
                    note.sent_on = -1  # send it again on this connection
                    self.stats[f"refused_{ack['error']}"] += 1
                else:
                    note.errors.append(ack)
                    self.failures.append(("act", note.text, ack))
                    self.outbox.pop(note.op_id, None)
            answered.append(note)

        return settle

    def _settle_by_event(self, op_id):
        if self.settle_on_event and op_id in self.outbox:
            self._settle(op_id, "event")

    def _settle(self, op_id, how):
        note = self.outbox.pop(op_id, None)
        if note is not None:
            self.settled[op_id] = note
            self.stats[f"settled_by_{how}"] += 1

    # -- a driver for load tests -------------------------------------------------

    def run(self, stop_writing, give_up_at, window=4, count=None, drain_for=20):
        """Write notes until `stop_writing` is set (or `count` are written),
        reconnecting whenever the server goes; then send what is pending for
        at most `drain_for` seconds more, or until `give_up_at`. True if the
        outbox emptied."""
        deadline = give_up_at
        while time.monotonic() < deadline:
            writing = not stop_writing.is_set() and (
                count is None or self._written < count
            )
            if not writing:
                if not self.outbox:
                    return True
                deadline = min(deadline, time.monotonic() + drain_for)
            if not self.connected and not self.connect_until(deadline):
                break
            try:
                self.catch_up()
                while writing and len(self.outbox) < window:
                    self.write()
                    writing = count is None or self._written < count
                if not self.flush():
                    time.sleep(0.05)  # refused for now: busy or rate limited
            except Dropped:
                self.stats["drops_seen"] += 1
                self._discard()
        return not self.outbox

    def settle_streams(self, timeout=None):
        """Resync each stream until no events are missing: the client has
        everything the server had committed when it answered."""
        deadline = time.monotonic() + (timeout or self.wait)
        while time.monotonic() < deadline:
            try:
                if not self.connected:
                    self.connect()
                before = {key: self.position.get(key) for key in self.streams}
                for key in self.streams:
                    self.resync(key)
                with self.lock:
                    if before == {k: self.position.get(k) for k in self.streams}:
                        return True
            except Dropped:
                time.sleep(0.1)
        return False


def notes_of(snapshot):
    """A snapshot's notes, keyed by note id."""
    return {
        note["id"]: note
        for activity in snapshot["activities"]
        for note in (activity.get("state") or {}).get("notes", [])
    }
