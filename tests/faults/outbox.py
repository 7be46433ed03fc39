"""The client tests drive (tests/faults/client.py says how the layers fit):
streams kept in order, and an outbox of notes, each with its op_id, pending
until an acknowledgement (or the event carrying its op_id) settles it and sent
again, with the same op_id, after a reconnect."""

import time
import uuid
from dataclasses import dataclass, field

from tests.faults.client import RETRYABLE, Dropped
from tests.faults.streams import Streams


@dataclass
class Pending:
    """A note in the outbox."""

    op_id: str
    text: str
    sends: int = 0
    sent_on: int = -1  # the connection it was last sent on
    ack: dict | None = None
    errors: list = field(default_factory=list)


class StreamClient(Streams):
    """One participant's socket, streams, board state and outbox."""

    def __init__(
        self, url, workshop, token, board, name="client", wait=5, settle_on_event=True
    ):
        super().__init__(url, workshop, token, name=name, wait=wait)
        self.board = board
        # The app's client settles a pending change from its event or its
        # acknowledgement, whichever comes first; without this, only an
        # acknowledgement settles it, so more notes are sent again.
        self.settle_on_event = settle_on_event
        self.outbox = {}  # op_id -> Pending, in the order written
        self.settled = {}  # op_id -> Pending, once acknowledged or seen
        self._written = 0

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
