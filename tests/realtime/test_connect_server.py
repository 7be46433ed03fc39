"""Connecting to a real server process: what the test client cannot show.

Flask-SocketIO's test client bypasses Engine.IO's HTTP layer, so the Origin
check, the payload size limit and disconnects made by the server (removal,
sign-out, deletion) are checked here, with python-socketio's `Client` against
`python wsgi.py` under eventlet (DESIGN.md, Tests). One server serves the
module; each test uses its own participants or login, so order does not matter.
"""

import re
import threading
import uuid
from collections import defaultdict
from types import SimpleNamespace

import pytest
import requests
import socketio

from app.models.types import utcnow
from app.tokens import participant_token
from tests import builders
from tests.live_server import LiveServer

pytestmark = pytest.mark.server

WAIT = 5  # seconds: the bound on every wait in this file


def _seed():
    team = builders.make_team()
    facilitator = builders.make_user(team)
    workshop = builders.make_workshop(team, title="A")
    elsewhere = builders.make_workshop(team, title="B")
    doomed = builders.make_workshop(team, title="To delete")
    people = {
        "ana": builders.make_participant(workshop, display_name="Ana"),
        "gone": builders.make_participant(
            workshop, display_name="Gone", removed_at=utcnow()
        ),
        "rem": builders.make_participant(workshop, display_name="Rem"),
        "small": builders.make_participant(workshop, display_name="Small"),
        "big": builders.make_participant(workshop, display_name="Big"),
        "bo": builders.make_participant(elsewhere, display_name="Bo"),
        "dee": builders.make_participant(doomed, display_name="Dee"),
    }
    return SimpleNamespace(
        email=facilitator.email,
        workshop=workshop.public_id,
        doomed=doomed.public_id,
        ids={key: p.public_id for key, p in people.items()},
        tokens={key: participant_token(p) for key, p in people.items()},
    )


@pytest.fixture(scope="module")
def server():
    live = LiveServer()
    try:
        live.seeded = live.seed(_seed)
        live.start()
        yield live
    finally:
        live.stop()


class Probe:
    """A python-socketio client that keeps what it receives, in order."""

    def __init__(self, server, **options):
        self.server = server
        self.sio = socketio.Client(reconnection=False, **options)
        self.received = defaultdict(list)
        self.order = []
        self.refusal = None
        self.disconnected = threading.Event()
        self._arrived = threading.Condition()
        self.sio.on("connect_error", self._refused)
        self.sio.on("disconnect", self._disconnected)
        self.sio.on("*", self._event)

    def connect(self, workshop, token=None, transport="websocket", headers=None):
        self.sio.connect(
            f"{self.server.url}?w={workshop}",
            auth={"token": token} if token else None,
            transports=[transport],
            headers=headers or {},
            wait_timeout=WAIT,
        )
        return self

    def wait_for(self, event, matching=lambda payload: True):
        """The first payload of `event` that matches, or None after WAIT."""

        def found():
            return next(filter(matching, self.received[event]), None)

        with self._arrived:
            return self._arrived.wait_for(found, timeout=WAIT)

    def _refused(self, data):
        # The app's refusals are {"message": ...}; Engine.IO's are plain text.
        self.refusal = data.get("message") if isinstance(data, dict) else data

    def _disconnected(self, *_reason):
        self.order.append("disconnect")
        self.disconnected.set()

    def _event(self, event, *args):
        with self._arrived:
            self.received[event].append(args[0] if args else None)
            self.order.append(event)
            self._arrived.notify_all()


@pytest.fixture
def probe(server):
    """Make socket clients for the server; all are disconnected afterwards."""
    made = []

    def make(**options):
        made.append(Probe(server, **options))
        return made[-1]

    yield make
    for each in made:
        each.sio.disconnect()
        # When the server drops a connection, python-engineio's client leaves
        # its WebSocket open (a ResourceWarning, an error under pytest.ini).
        if getattr(each.sio.eio, "ws", None):
            each.sio.eio.ws.shutdown()


def _refused(probe, workshop, token=None, **options):
    """Try to connect; the refusal's reason (fails if it connected)."""
    with pytest.raises(socketio.exceptions.ConnectionError):
        probe.connect(workshop, token, **options)
    return probe.refusal


CSRF_FIELD = r'name="csrf_token"[^>]*value="([^"]+)"'


def _csrf(html, action=None):
    """The CSRF token of the form posting to a path ending in `action`, or of
    the page's first form (a form without an action posts to its own page)."""
    if action is None:
        return re.search(CSRF_FIELD, html)[1]
    form = re.search(
        rf'<form[^>]*action="[^"]*{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert form, f"no form posting to {action}"
    return re.search(CSRF_FIELD, form.group(1))[1]


@pytest.fixture
def sign_in(server):
    """Make browsers signed in as the seeded facilitator; closed afterwards."""
    made = []

    def browser():
        made.append(requests.Session())
        http = made[-1]
        page = http.get(f"{server.url}/auth/login", timeout=WAIT)
        response = http.post(
            f"{server.url}/auth/login",
            data={
                "email": server.seeded.email,
                "password": builders.PASSWORD,
                "csrf_token": _csrf(page.text),
            },
            allow_redirects=False,
            timeout=WAIT,
        )
        assert response.status_code == 302, response.text
        return http

    yield browser
    for http in made:
        http.close()


def _cookie(http):
    return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def _console(server, http):
    return http.get(f"{server.url}/workshops/{server.seeded.workshop}/", timeout=WAIT)


def test_valid_token_connects(server, probe):
    """A participant's token connects them to their workshop on a real server."""
    client = probe().connect(server.seeded.workshop, server.seeded.tokens["ana"])

    assert client.sio.connected


def test_tampered_token_is_refused_with_its_reason(server, probe):
    """A changed token is refused, and the client is told why."""
    token = server.seeded.tokens["ana"]
    cut = token.rindex(".") + 1  # the signature's first character
    tampered = token[:cut] + ("B" if token[cut] == "A" else "A") + token[cut + 1 :]

    reason = _refused(probe(), server.seeded.workshop, tampered)

    assert reason == "Your joining link is not valid. Please join again."


def test_another_workshops_token_is_refused(server, probe):
    """A token for workshop B does not open workshop A."""
    reason = _refused(probe(), server.seeded.workshop, server.seeded.tokens["bo"])

    assert reason == "Your joining link is for another workshop."


def test_removed_participant_is_refused(server, probe):
    """A participant removed earlier cannot connect."""
    reason = _refused(probe(), server.seeded.workshop, server.seeded.tokens["gone"])

    assert reason == "You were removed from this workshop."


def test_foreign_origin_is_refused(server, probe):
    """A page on another site cannot open a socket, even with a valid token."""
    reason = _refused(
        probe(),
        server.seeded.workshop,
        server.seeded.tokens["ana"],
        transport="polling",
        headers={"Origin": "http://evil.example"},
    )

    assert reason == "Not an accepted origin."


def test_own_origin_is_accepted(server, probe):
    """The app's own pages may connect: the Origin check is not a blanket refusal."""
    client = probe().connect(
        server.seeded.workshop,
        server.seeded.tokens["ana"],
        transport="polling",
        headers={"Origin": server.url},
    )

    assert client.sio.connected


def test_removed_participant_is_disconnected_at_once(server, probe, sign_in):
    """Removing a participant from the console tells their open socket why,
    closes it, and refuses it from then on."""
    participant = probe().connect(server.seeded.workshop, server.seeded.tokens["rem"])
    http = sign_in()
    watching = probe().connect(
        server.seeded.workshop, headers={"Cookie": _cookie(http)}
    )
    action = f"/participants/{server.seeded.ids['rem']}/remove"

    response = http.post(
        f"{server.url}/workshops/{server.seeded.workshop}{action}",
        # The op_id a page renders is a fresh random UUID.
        data={
            "csrf_token": _csrf(_console(server, http).text, action),
            "op_id": str(uuid.uuid4()),
        },
        allow_redirects=False,
        timeout=WAIT,
    )

    assert response.status_code == 302
    assert participant.disconnected.wait(WAIT)
    assert participant.order[-2:] == ["removed", "disconnect"]
    told = watching.wait_for(
        "presence",
        lambda p: p.get("participant", {}).get("id") == server.seeded.ids["rem"],
    )
    assert told and told["participant"]["removed"] and not told["participant"]["online"]
    reason = _refused(probe(), server.seeded.workshop, server.seeded.tokens["rem"])
    assert reason == "You were removed from this workshop."


def test_sign_out_disconnects_that_browsers_sockets(server, probe, sign_in):
    """Signing out closes the sockets of that browser's login, and its old
    cookie no longer connects; another browser of the same person stays."""
    http, other = sign_in(), sign_in()
    cookie = _cookie(http)
    facilitator = probe().connect(server.seeded.workshop, headers={"Cookie": cookie})
    stays = probe().connect(server.seeded.workshop, headers={"Cookie": _cookie(other)})
    assert facilitator.wait_for("presence")  # signed in as a facilitator

    response = http.post(
        f"{server.url}/auth/logout",
        data={"csrf_token": _csrf(_console(server, http).text, "/auth/logout")},
        allow_redirects=False,
        timeout=WAIT,
    )

    assert response.status_code == 302
    assert facilitator.disconnected.wait(WAIT)
    assert facilitator.order[-2:] == ["signed_out", "disconnect"]
    reason = _refused(probe(), server.seeded.workshop, headers={"Cookie": cookie})
    assert reason == "Join the workshop or sign in first."
    assert not stays.disconnected.wait(0.2)
    assert "signed_out" not in stays.received


def test_deleting_a_workshop_disconnects_everyone_in_it(server, probe, sign_in):
    """Deleting a workshop tells its participants and facilitators, then closes
    their sockets."""
    http = sign_in()
    doomed = server.seeded.doomed
    participant = probe().connect(doomed, server.seeded.tokens["dee"])
    facilitator = probe().connect(doomed, headers={"Cookie": _cookie(http)})
    action = f"/workshops/{doomed}/delete"
    page = http.get(f"{server.url}{action}", timeout=WAIT)

    response = http.post(
        f"{server.url}{action}",
        data={"csrf_token": _csrf(page.text)},
        allow_redirects=False,
        timeout=WAIT,
    )

    assert response.status_code == 302
    for client in (participant, facilitator):
        assert client.disconnected.wait(WAIT)
        assert client.order[-2:] == ["workshop_deleted", "disconnect"]


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_oversized_message_drops_only_its_sender(server, probe, sign_in, transport):
    """A message over SOCKETIO_MAX_PAYLOAD_BYTES (64 KiB) closes the sender's
    connection; one just under it does not, and the server keeps serving."""
    seeded = server.seeded
    watching = probe().connect(seeded.workshop, headers={"Cookie": _cookie(sign_in())})
    under = probe().connect(seeded.workshop, seeded.tokens["small"], transport)
    under.sio.emit("act", "x" * 60 * 1024)
    # Over polling, python-engineio may answer the refused POST only at the
    # client's next poll, which never comes: bound the client's wait (else 5 s).
    over = probe(request_timeout=1)
    over.connect(seeded.workshop, seeded.tokens["big"], transport)

    over.sio.emit("act", "x" * 70 * 1024)

    # Seen from the server (presence), not from the client, which over polling
    # may only notice when that POST times out.
    assert watching.wait_for(
        "presence",
        lambda p: (
            p.get("participant", {}).get("id") == seeded.ids["big"]
            and not p["participant"]["online"]
        ),
    )
    assert not under.disconnected.wait(0.2)
    assert requests.get(f"{server.url}/healthz", timeout=WAIT).json() == {"ok": True}
    assert probe().connect(seeded.workshop, seeded.tokens["ana"]).sio.connected
