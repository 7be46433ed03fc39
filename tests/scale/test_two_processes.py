"""Two real server processes on one PostgreSQL database and one Redis queue:
a participant connected to one process sees every note written through the
other, live, in order, none lost (DESIGN.md, "Storage and scale")."""

import tempfile
import time

import pytest

from local_services import free_port
from tests.faults.outbox import StreamClient
from tests.faults.server import FAST_CLIENTS, seed_board
from tests.live_server import LiveServer
from tests.scale.pg_app import seed

pytestmark = pytest.mark.server

NOTES = 40
WAIT = 10  # seconds: the bound on each wait for a server or a client
STREAM = "participants"


class QueuedServer(LiveServer):
    """`python wsgi.py` on a PostgreSQL database, with the Redis queue."""

    def __init__(self, database_url, redis_url):
        self.dir = tempfile.TemporaryDirectory(prefix="cg-server-")
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.async_mode = "eventlet"
        self.extra_env = {**FAST_CLIENTS, "SOCKETIO_MESSAGE_QUEUE": redis_url}
        self.process = None


@pytest.fixture
def servers(database_url, redis_server):
    """Two processes serving one seeded workshop, and what was seeded."""
    seeded = seed(database_url, lambda: seed_board(people=2))
    started = []
    try:
        for _ in range(2):
            started.append(QueuedServer(database_url, redis_server.url).start())
        yield seeded, started
    finally:
        for server in started:
            server.stop()


def _client(server, seeded, i):
    client = StreamClient(
        server.url, seeded.workshop, seeded.tokens[i], seeded.board, f"p{i}", WAIT
    )
    client.connect()
    return client


def _wait_for(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_changes_cross_processes_in_order(servers):
    """Notes written through process B reach a reader on process A live,
    with contiguous stream numbers, in order, none lost."""
    seeded, (a, b) = servers
    reader, writer = _client(a, seeded, 0), _client(b, seeded, 1)
    try:
        start = reader.position.get(STREAM, 0)
        for _ in range(NOTES):
            writer.write()
            assert writer.flush(), writer.failures
        last = start + NOTES
        assert not writer.outbox and not writer.failures
        # Live only: a resync could hide events the queue lost.
        assert _wait_for(lambda: len(reader.live[STREAM]) >= NOTES), (
            reader.live[STREAM],
            a.output(),
        )
        assert sorted(reader.live[STREAM]) == list(range(start + 1, last + 1))
        applied = [n for n, *_ in reader.applied[STREAM]]
        assert applied == list(range(applied[0], last + 1))
        texts = {note["text"] for note in reader.notes[STREAM].values()}
        assert {note.text for note in writer.settled.values()} <= texts
        assert reader.stats["gap_resyncs"] == 0 and not reader.failures
    finally:
        reader.close()
        writer.close()
