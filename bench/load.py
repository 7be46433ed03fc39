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


class Participant:
    """One connection: writes notes, checks its streams' order, times all."""

    def __init__(self, spec, token, group, results):
        self.spec, self.token, self.group, self.results = spec, token, group, results
        self.last_n = {}
        self.pending = {}
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
        op_id = str(uuid.uuid4())
        sent = time.monotonic()
        payload = {
            "activity": self.spec.board,
            "column": self.spec.column,
            "text": f"{sent:.6f} a note from the benchmark",
            "private": False,
        }
        message = {"action": "board.add_note", "payload": payload, "op_id": op_id}
        ack_id = self.socket.emit("act", message, ack=True)
        self.pending[ack_id] = (sent, op_id)

    def _on_ack(self, ack_id, answer):
        sent, op_id = self.pending.pop(ack_id)
        now = time.monotonic()
        if isinstance(answer, dict) and answer.get("ok"):
            self.results.ack_ms.append((now - sent) * 1000)
            self.results.acked_in_window += now <= self.stop
            self.results.acked.append((op_id, self.group))
        else:
            error = answer.get("error") if isinstance(answer, dict) else answer
            self.results.refused[str(error)] += 1

    def _on_event(self, name, data):
        if name != "event":
            return
        received = time.monotonic()
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
    while any(p.pending for p in connected) and time.monotonic() < deadline:
        await asyncio.sleep(0.2)
    await asyncio.sleep(SETTLE_SECONDS)
    results.unacked = sum(len(p.pending) for p in connected)
    results.dropped = sum(p.socket.closed for p in connected)
    for person in connected:
        person.socket.close()
    return results


def main(spec, pipe):
    """The client process's entry point (multiprocessing target)."""
    results = asyncio.run(_run(spec, pipe))
    pipe.send(("results", results))
