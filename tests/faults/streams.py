"""A client's streams (tests/faults/client.py says how the layers fit): the
last number applied on each, events applied in number order, an
out-of-order event held back for HOLD seconds before its stream is resynced,
and snapshots taken when there is no number to resync from."""

import time
from collections import defaultdict

from tests.faults.client import RETRYABLE, Connection, Dropped

HOLD = 1.0  # seconds an out-of-order event waits before its stream is resynced


class Streams(Connection):
    """A connection that keeps each of its streams in order, and the board
    notes each stream has shown it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.position = {}  # stream key -> last number applied
        self.held = defaultdict(dict)  # stream key -> {n: (event, arrived)}
        self.notes = defaultdict(dict)  # stream key -> {note id: note view}
        # stream key -> [(n, seq, op_id, how)], in the order applied
        self.applied = defaultdict(list)
        self.live = defaultdict(list)  # stream key -> numbers received live
        self.failures = []  # refusals no retry can fix: the test fails on any

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

    def _settle_by_event(self, op_id):
        """An event carrying `op_id` arrived (the outbox settles its note)."""

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


def notes_of(snapshot):
    """A snapshot's notes, keyed by note id."""
    return {
        note["id"]: note
        for activity in snapshot["activities"]
        for note in (activity.get("state") or {}).get("notes", [])
    }
