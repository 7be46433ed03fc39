"""The server's process settings (serving.py) and `python wsgi.py` using them:
a deep backlog, TCP_NODELAY, a connection cap, the open-files limit raised and
the start-up heap frozen out of the garbage collector's sight."""

import ast
import gc
import re
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import socketio

import serving
from app.tokens import participant_token
from tests import builders
from tests.live_server import LiveServer

ROOT = Path(__file__).resolve().parent.parent
WAIT = 5  # seconds: the bound on every wait in this file


class RecordingSocket(socket.socket):
    """A real socket that remembers the backlog it was asked to listen with."""

    closed_by_helper = False

    def listen(self, backlog):
        self.backlog = backlog
        super().listen(backlog)

    def close(self):
        self.closed_by_helper = True
        super().close()


@pytest.fixture
def listener():
    sock = serving.open_listener(
        "127.0.0.1", 0, backlog=1536, socket_class=RecordingSocket
    )
    yield sock
    sock.close()


@pytest.fixture
def nofile():
    """The open-files limits as they were, put back after the test."""
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    if before[1] == resource.RLIM_INFINITY:
        pytest.skip("these checks need a finite hard limit, as Linux hosts have")
    yield before
    resource.setrlimit(resource.RLIMIT_NOFILE, before)


@pytest.fixture
def collector():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def _option(sock, level, name):
    return sock.getsockopt(level, name)


def test_listener_reuses_addresses_disables_nagle_and_asks_for_the_backlog(listener):
    """The listening socket has SO_REUSEADDR and TCP_NODELAY, and listen() is
    called with the backlog asked for."""
    assert _option(listener, socket.SOL_SOCKET, socket.SO_REUSEADDR)
    assert _option(listener, socket.IPPROTO_TCP, socket.TCP_NODELAY)
    assert listener.backlog == 1536
    assert _option(listener, socket.SOL_SOCKET, socket.SO_ACCEPTCONN)


@pytest.mark.skipif(sys.platform != "linux", reason="Linux copies TCP_NODELAY")
def test_accepted_connections_inherit_tcp_nodelay(listener):
    """A connection accepted on the listener has Nagle's algorithm off too,
    which is why the server need not set it per connection."""
    with socket.create_connection(listener.getsockname(), timeout=WAIT):
        accepted, _ = listener.accept()
        with accepted:
            assert _option(accepted, socket.IPPROTO_TCP, socket.TCP_NODELAY)


def test_listener_closes_its_socket_when_the_port_is_taken(listener):
    """A port already listened on is an error, and no socket is left open."""
    made = []

    class Tracked(RecordingSocket):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(self)

    port = listener.getsockname()[1]
    with pytest.raises(OSError):
        serving.open_listener("127.0.0.1", port, socket_class=Tracked)
    assert made and made[0].closed_by_helper


def test_settings_come_from_the_environment_with_defaults():
    """HOST, PORT, BACKLOG and MAX_CONNECTIONS are read, defaulting to
    127.0.0.1:5000, a backlog of 2048 and 10,000 connections."""
    assert serving.settings_from_env({}) == ("127.0.0.1", 5000, 2048, 10_000)
    environ = {
        "HOST": "0.0.0.0",
        "PORT": "8000",
        "BACKLOG": "4096",
        "MAX_CONNECTIONS": "20000",
    }
    assert serving.settings_from_env(environ) == ("0.0.0.0", 8000, 4096, 20_000)


def test_open_files_limit_is_raised_to_the_hard_limit(nofile):
    """The soft limit goes up to the hard limit, and both are returned."""
    _, hard = nofile
    resource.setrlimit(resource.RLIMIT_NOFILE, (_lowered(hard), hard))

    assert serving.raise_open_files_limit() == (hard, hard)
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == (hard, hard)


def test_open_files_limit_stops_at_a_cap(nofile):
    """Asked for less than the hard limit, the soft limit stops there."""
    _, hard = nofile
    low = _lowered(hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (low, hard))

    assert serving.raise_open_files_limit(low + 10) == (low + 10, hard)


def test_open_files_limit_is_never_lowered(nofile):
    """A cap below the soft limit in force leaves it as it is."""
    soft, hard = nofile
    assert serving.raise_open_files_limit(soft - 1) == (soft, hard)


def test_gc_is_frozen_after_a_collection(collector):
    """freeze_gc moves the live heap into the permanent generation, and sets
    thresholds when given."""
    gc.unfreeze()
    frozen = serving.freeze_gc(thresholds=(5000, 20, 20))

    assert frozen == gc.get_freeze_count() > 0
    assert gc.get_threshold() == (5000, 20, 20)


def test_startup_line_warns_when_open_files_are_below_max_connections():
    """A soft limit under max connections is called out: eventlet's server
    stops on EMFILE instead of waiting for a descriptor."""
    settings = serving.ServerSettings("127.0.0.1", 5000, 2048, 10_000)
    short = serving.startup_line("X", settings, (1024, 1024), 1)
    enough = serving.startup_line("X", settings, (65536, 65536), 1)

    assert "warning" in short
    assert "warning" not in enough
    assert "max connections 10000, open files 65536 of 65536" in enough


def test_serving_imports_nothing_but_the_standard_library():
    """Servers import serving.py before they patch: at its top level only the
    standard library (eventlet and gevent are imported inside the functions
    that patch and serve, once called)."""
    imported = set()
    for node in ast.parse((ROOT / "serving.py").read_text()).body:
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= sys.stdlib_module_names


def _lowered(hard):
    """A soft limit below `hard` that still covers what pytest has open."""
    return 1024 if hard == resource.RLIM_INFINITY else min(1024, hard // 2)


# --- `python wsgi.py` as a real process ------------------------------------

STARTUP = re.compile(
    r"serving on http://127\.0\.0\.1:(?P<port>\d+) \(backlog (?P<backlog>\d+)"
    r"(?: \(kernel somaxconn \d+\))?, max connections (?P<max>\d+), "
    r"open files (?P<soft>\d+) of (?P<hard>\d+|unlimited), gc froze (?P<frozen>\d+)"
)


def _seed():
    team = builders.make_team()
    workshop = builders.make_workshop(team, title="Served")
    person = builders.make_participant(workshop, display_name="Ana")
    return workshop.public_id, participant_token(person)


@pytest.fixture(scope="module", params=serving.ASYNC_MODES)
def server(request):
    """`python wsgi.py` under each async mode, started with a lowered soft
    open-files limit (which it inherits), a backlog of 1536 and a cap of
    12,000 connections."""
    live = LiveServer(
        async_mode=request.param, env={"BACKLOG": "1536", "MAX_CONNECTIONS": "12000"}
    )
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        live.seeded = live.seed(_seed)
        resource.setrlimit(resource.RLIMIT_NOFILE, (_lowered(before[1]), before[1]))
        try:
            live.start()
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, before)
        live.hard_limit = before[1]
        yield live
    finally:
        live.stop()


@pytest.mark.server
def test_server_reports_its_limits_on_start(server):
    """The start-up line gives the backlog, the connection cap, the open-files
    limit (raised to the hard limit) and how much the collector froze."""
    found = STARTUP.search(server.output())

    assert found, server.output()
    assert int(found["port"]) == server.port
    assert (found["backlog"], found["max"]) == ("1536", "12000")
    assert found["soft"] == found["hard"] == str(server.hard_limit)
    assert int(found["frozen"]) > 0


@pytest.mark.server
@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_server_process_runs_with_the_raised_open_files_limit(server):
    """The running process's soft limit is its hard limit, not the one it
    inherited."""
    limits = Path(f"/proc/{server.process.pid}/limits").read_text()
    soft, hard = re.search(r"Max open files\s+(\d+)\s+(\d+)", limits).groups()

    assert soft == hard == str(server.hard_limit)


@pytest.mark.server
@pytest.mark.skipif(not shutil.which("ss"), reason="needs iproute2's ss")
def test_server_listens_with_the_backlog_asked_for(server):
    """The kernel holds the listening socket's backlog (ss's Send-Q column),
    up to its somaxconn cap."""
    listing = subprocess.run(
        ["ss", "-Hltn", f"sport = :{server.port}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=WAIT,
    ).stdout.split()
    expected = min(1536, serving.kernel_backlog_cap() or 1536)

    assert listing[0] == "LISTEN"
    assert int(listing[2]) == expected


@pytest.mark.server
def test_server_answers_http_and_a_websocket(server):
    """Through its own listening socket the server serves pages and accepts a
    participant's socket over a real websocket."""
    workshop, token = server.seeded
    assert requests.get(f"{server.url}/healthz", timeout=WAIT).json() == {"ok": True}

    client = socketio.Client(reconnection=False)
    try:
        client.connect(
            f"{server.url}?w={workshop}",
            auth={"token": token},
            transports=["websocket"],
            wait_timeout=WAIT,
        )
        assert client.connected
        assert client.transport() == "websocket"
    finally:
        client.disconnect()
