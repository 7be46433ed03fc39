"""A client process: many simulated participants, each writing at a set rate.

The parent starts several of these (multiprocessing, spawned) and drives
them through a pipe: connect everyone, report "connected", wait for "go"
with a start time, write until the stop time, drain, report the results.
Times are `time.monotonic()`, which on Linux is one clock for every process
on the machine, so a receiver can subtract the sender's send time (carried
in the note's text) from its own receipt time.
"""

import asyncio
import random
import time
import uuid
from array import array
from collections import Counter
from dataclasses import dataclass, field

from bench.wire import Closed, Socket

CONNECTS_AT_ONCE = 25
RETRY_LATER = {"busy", "rate_limited"}  # "not now" answers, sent again
RETRY_PAUSE = (1.0, 30.0)  # seconds: first and longest span, as outbox.js
DRAIN_SECONDS = 60
SETTLE_SECONDS = 3


@dataclass
class Spec:
    """What one client process does; `people` is a list of (token, group key)."""

    host: str
    port: int
    workshop: str
    board: str
    column: str
    people: list
    interval: float


@dataclass
class Results:
    delivery_ms: array = field(default_factory=lambda: array("d"))
    ack_ms: array = field(default_factory=lambda: array("d"))
    acked: list = field(default_factory=list)  # (op_id, group key)
    refused: Counter = field(default_factory=Counter)
    unacked: int = 0
    # Counted only when they happen inside the measured window, so that a
    # backlog drained afterwards does not pass for sustained throughput.
    acked_in_window: int = 0
    delivered_in_window: int = 0
    received: Counter = field(default_factory=Counter)  # op_id -> receipts
    out_of_order: int = 0
    connect_failures: list = field(default_factory=list)
    dropped: int = 0
    retried: int = 0  # "not now" answers (busy, rate limited), sent again
    books_closed: bool = False  # acknowledgements after the drain do not count
    last_receipt: float = 0.0  # time.monotonic() of the last event received


class Participant:
    """One connection: writes notes, checks its streams' order, times all."""

    def __init__(self, spec, token, group, results):
        self.spec, self.token, self.group, self.results = spec, token, group, results
        self.last_n = {}
        self.pending = {}
        self.resending = 0  # writes waiting to be sent again
        self.tries = {}  # op_id -> times turned away
        self.ok = False
        self.stop = float("inf")
        self.socket = Socket(self._on_event, self._on_ack)

    async def connect(self):
        query = f"w={self.spec.workshop}"
        await self.socket.connect(
            self.spec.host, self.spec.port, query, {"token": self.token}
        )
        self.reader = asyncio.ensure_future(self.socket.run())
        self.ok = True

    async def write_until(self, start, stop):
        """Write one note every interval, from a random phase after `start`."""
        self.stop = stop
        due = start + random.uniform(0, self.spec.interval)
        while due < stop and not self.socket.closed:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            self._write()
            due += self.spec.interval

    def _write(self):
        sent = time.monotonic()
        payload = {
            "activity": self.spec.board,
            "column": self.spec.column,
            "text": f"{sent:.6f} a note from the benchmark",
            "private": False,
        }
        message = {"action": "board.add_note", "payload": payload}
        self._send(sent, str(uuid.uuid4()), message)

    def _send(self, sent, op_id, message):
        if self.socket.closed:
            return
        ack_id = self.socket.emit("act", {**message, "op_id": op_id}, ack=True)
        self.pending[ack_id] = (sent, op_id, message)

    def _resend(self, sent, op_id, message):
        self.resending -= 1
        if not self.results.books_closed:
            self._send(sent, op_id, message)

    def _on_ack(self, ack_id, answer):
        sent, op_id, message = self.pending.pop(ack_id)
        if self.results.books_closed:
            return
        now = time.monotonic()
        error = answer.get("error") if isinstance(answer, dict) else answer
        if error in RETRY_LATER:
            # As the browser's outbox does: the same change again, after a
            # pause of its own; its latency still counts from the first send.
            self.results.retried += 1
            self.resending += 1
            tries = self.tries[op_id] = self.tries.get(op_id, 0) + 1
            first, longest = RETRY_PAUSE
            pause = min(longest, first * 2 ** (tries - 1)) * random.uniform(0.5, 1.5)
            asyncio.get_running_loop().call_later(
                pause, self._resend, sent, op_id, message
            )
            return
        if isinstance(answer, dict) and answer.get("ok"):
            self.results.ack_ms.append((now - sent) * 1000)
            self.results.acked_in_window += now <= self.stop
            self.results.acked.append((op_id, self.group))
        else:
            self.results.refused[str(error)] += 1

    def _on_event(self, name, data):
        if name != "event":
            return
        received = self.results.last_receipt = time.monotonic()
        stream, n = data["stream"], data["n"]
        # A group stream starts at 1 (the benchmark's groups are new); other
        # streams are checked from the first number this connection sees.
        previous = self.last_n.get(stream, 0 if stream.startswith("group:") else n - 1)
        if n != previous + 1:
            self.results.out_of_order += 1
        self.last_n[stream] = max(previous, n)
        note = data["data"].get("note") or {}
        text = note.get("text", "")
        if text.endswith("from the benchmark"):
            sent = float(text.split(" ", 1)[0])
            self.results.delivery_ms.append((received - sent) * 1000)
            self.results.received[data["op_id"]] += 1
            self.results.delivered_in_window += received <= self.stop


async def _connect_all(people):
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)

    async def one(person):
        async with gate:
            try:
                await person.connect()
            except (Closed, OSError, asyncio.IncompleteReadError) as error:
                person.results.connect_failures.append(repr(error))

    await asyncio.gather(*(one(person) for person in people))


async def _run(spec, pipe):
    results = Results()
    people = [Participant(spec, tok, group, results) for tok, group in spec.people]
    await _connect_all(people)
    connected = [p for p in people if p.ok]
    loop = asyncio.get_running_loop()
    pipe.send(("connected", len(connected)))
    start, stop = await loop.run_in_executor(None, pipe.recv)
    await asyncio.gather(*(p.write_until(start, stop) for p in connected))
    deadline = time.monotonic() + DRAIN_SECONDS
    while any(p.pending or p.resending for p in connected) and (
        time.monotonic() < deadline
    ):
        await asyncio.sleep(0.2)
    # The books close here: an answer arriving later is not counted as an
    # acknowledgement, so "lost" never counts a write whose deliveries were
    # still on their way. Then every client process, together, waits until
    # deliveries stop before closing its sockets.
    results.unacked = sum(len(p.pending) + p.resending for p in connected)
    results.books_closed = True
    pipe.send(("drained", None))
    await loop.run_in_executor(None, pipe.recv)
    await _quiet(results)
    results.dropped = sum(p.socket.closed for p in connected)
    for person in connected:
        person.socket.close()
    return results


async def _quiet(results):
    """Wait until nothing has arrived for SETTLE_SECONDS (DRAIN_SECONDS at most)."""
    deadline = time.monotonic() + DRAIN_SECONDS
    while time.monotonic() < deadline:
        if time.monotonic() - results.last_receipt >= SETTLE_SECONDS:
            return
        await asyncio.sleep(0.2)


def main(spec, pipe):
    """The client process's entry point (multiprocessing target)."""
    results = asyncio.run(_run(spec, pipe))
    pipe.send(("results", results))
