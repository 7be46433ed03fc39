"""THE fault test (DESIGN.md, Tests): a real server process is killed with
SIGKILL, again and again, while participants write; no acknowledged change is
lost, no change is applied twice, and every client converges on the server's
state.

Each client writes notes through its outbox (tests/faults/outbox.py): a note
has an op_id and stays pending until its acknowledgement says ok; pending
notes are sent again, with the same op_id, once the client has reconnected.
The server is restarted on the same database file and port after each kill,
at a random moment once clients are writing to it again (the random seed is
printed; set FAULT_SEED to replay a run's timing).
"""

import os
import random
import threading
import time
from collections import Counter

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Event, Note
from tests.faults.outbox import StreamClient
from tests.faults.server import RestartableServer, seed_board

pytestmark = pytest.mark.server

CLIENTS = 3
KILLS = 6
WAIT = 5  # seconds: the bound on each wait for the server or a client
WRITE_AFTER_LAST_START = 2.0  # seconds of writing on the last server
DRAIN = 20  # seconds each client has to empty its outbox once writing stops
BUDGET = 120  # seconds: the hard bound on the whole run (about 20-35 s)


@pytest.fixture
def server():
    live = RestartableServer()
    try:
        live.seeded = live.seed(lambda: seed_board(people=CLIENTS + 1))
        live.start()
        yield live
    finally:
        live.stop()  # kills the process group, whatever state it is in


@pytest.fixture
def clients(server):
    seeded = server.seeded
    made = [
        StreamClient(
            server.url,
            seeded.workshop,
            seeded.tokens[i],
            seeded.board,
            name=f"c{i}",
            wait=WAIT,
            # Only an acknowledgement settles a note here: a note committed
            # whose answer the kill swallowed is sent again, and must be
            # answered from the log, not applied twice.
            settle_on_event=False,
        )
        for i in range(CLIENTS)
    ]
    yield made
    for client in made:
        client.close()


def _acked(clients):
    return sum(client.stats["acked"] for client in clients)


def _kill_and_restart(server, clients, rng):
    """SIGKILL the server at random moments while clients write to it,
    restarting it each time on the same database file and port; the number
    of acknowledgements each server process gave."""
    per_run = []
    for _ in range(KILLS):
        before = _acked(clients)
        deadline = time.monotonic() + 2 * WAIT
        while _acked(clients) == before and time.monotonic() < deadline:
            time.sleep(0.01)  # until this process serves the writers
        time.sleep(rng.uniform(0.1, 1.5))
        server.kill()
        per_run.append(_acked(clients) - before)
        time.sleep(rng.uniform(0.0, 0.5))
        server.start()
    return per_run


def _write_under_kills(server, clients, rng, give_up_at):
    """Every client writes from its own thread while the server is killed;
    then each drains its outbox. Per client, whether its outbox emptied."""
    stop_writing, finished = threading.Event(), {}

    def write(client):
        finished[client.name] = client.run(stop_writing, give_up_at, drain_for=DRAIN)

    threads = [threading.Thread(target=write, args=(c,), daemon=True) for c in clients]
    for thread in threads:
        thread.start()
    try:
        per_run = _kill_and_restart(server, clients, rng)
        before = _acked(clients)
        time.sleep(WRITE_AFTER_LAST_START)
        per_run.append(_acked(clients) - before)
    finally:
        stop_writing.set()
        for thread in threads:
            thread.join(timeout=DRAIN + 2 * WAIT)
    assert not any(thread.is_alive() for thread in threads), "writers hung"
    return per_run, finished


def _server_state(server):
    """A fresh participant's snapshot of the participants stream."""
    seeded = server.seeded
    reader = StreamClient(
        server.url, seeded.workshop, seeded.tokens[CLIENTS], seeded.board, wait=WAIT
    )
    try:
        reader.connect()
        return reader.notes["participants"]
    finally:
        reader.close()


def _database(server):
    """How often each text is on a note, and each add_note op_id in the event
    log: read from the database file once the server has halted."""

    def query():
        texts = db.session.scalars(sa.select(Note.text)).all()
        ops = db.session.scalars(
            sa.select(Event.op_id).filter_by(action="board.add_note")
        ).all()
        return Counter(texts), Counter(ops)

    return server.read(query)


def _figures(server, clients, notes, texts, per_run):
    acked = [note for note in notes if note.ack]
    return {
        "kills": server.kills,
        "written": len(notes),
        "acked": len(acked),
        "acked_per_server_run": per_run,
        "retried": sum(1 for note in notes if note.sends > 1),
        "replayed": sum(1 for note in acked if note.ack.get("replayed")),
        "pending": sum(len(client.outbox) for client in clients),
        "duplicates": sum(count - 1 for count in texts.values() if count > 1),
        "lost": sum(1 for note in acked if texts[note.text] == 0),
        "stray": sum(texts.values()) - sum(texts[note.text] for note in notes),
        "reconnects": sum(client.stats["connections"] - 1 for client in clients),
        "gap_resyncs": sum(client.stats["gap_resyncs"] for client in clients),
    }


def test_killed_server_loses_no_acknowledged_change(server, clients):
    """Killed six times under load, the server keeps every acknowledged note,
    applies every note sent again exactly once, and each client's board
    equals the server's."""
    seed = int(os.environ.get("FAULT_SEED", random.randrange(1 << 30)))
    started = time.monotonic()
    for client in clients:
        client.connect()

    per_run, finished = _write_under_kills(
        server, clients, random.Random(seed), started + BUDGET
    )
    caught_up = [client.settle_streams(timeout=WAIT) for client in clients]
    server_notes = _server_state(server)
    texts, ops = _database(server)
    errors = server.output().count("Traceback")

    notes = [n for c in clients for n in (*c.settled.values(), *c.outbox.values())]
    figures = _figures(server, clients, notes, texts, per_run)
    figures.update(
        seed=seed, server_errors=errors, seconds=round(time.monotonic() - started, 1)
    )
    print("\nfault test:", figures)
    for client in clients:
        print(f"  {client.name}:", dict(client.stats))
    assert server.kills == KILLS, figures
    assert all(finished.get(c.name) for c in clients), ("outbox not drained", figures)
    assert not any(c.failures for c in clients), (
        [c.failures for c in clients],
        figures,
    )
    assert figures["pending"] == 0 and figures["lost"] == 0, figures
    assert figures["duplicates"] == 0 and figures["stray"] == 0, figures
    assert all(texts[note.text] == 1 for note in notes), ("not exactly once", figures)
    assert ops == Counter(note.op_id for note in notes), ("event log", figures)
    assert min(per_run) > 0 and figures["retried"] > 0, ("no load", figures)
    assert all(caught_up), ("clients did not catch up", figures)
    assert errors == 0, (server.output()[-3000:], figures)
    assert Counter(v["text"] for v in server_notes.values()) == texts, figures
    for client in clients:
        assert client.notes["participants"] == server_notes, (client.name, figures)
