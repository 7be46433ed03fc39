"""In-process sockets: Flask-SocketIO's test client, keeping refusal reasons."""

import json

import pytest
from flask import g
from flask_socketio.test_client import SocketIOTestClient
from socketio import packet

from app.extensions import socketio
from app.realtime import flood
from app.tokens import participant_token, projector_token
from tests.builders import new_op_id


class SocketClient(SocketIOTestClient):
    """The test client, also keeping why the server refused to connect.

    A refusal's reason tells "refused because the rule says so" apart from
    "refused because the handler broke", which `is_connected()` cannot.
    """

    refusal = None

    def connect(self, *args, **kwargs):
        send = self.socketio.server._send_packet  # the test client's own stand-in

        def keep_refusal(eio_sid, pkt):
            if eio_sid == self.eio_sid and pkt.packet_type == packet.CONNECT_ERROR:
                data = pkt.data
                self.refusal = data.get("message") if isinstance(data, dict) else data
            send(eio_sid, pkt)

        self.socketio.server._send_packet = keep_refusal
        try:
            super().connect(*args, **kwargs)
        finally:
            self.socketio.server._send_packet = send

    @property
    def sid(self):
        return self.socketio.server.manager.sid_from_eio_sid(self.eio_sid, "/")

    def act(self, action, payload, op_id=None):
        """Send one change; its acknowledgement."""
        message = {"action": action, "payload": payload, "op_id": op_id or new_op_id()}
        return self.emit("act", message, callback=True)

    def raw(self):
        """Everything received since the last read, as one JSON text (to
        check what reached this socket, in any form)."""
        return json.dumps(self.get_received())

    def resync(self, stream, after):
        return self.emit("resync", {"stream": stream, "after": after}, callback=True)

    def rooms(self):
        """The rooms this connection is in, besides its own sid's room."""
        return set(self.socketio.server.manager.get_rooms(self.sid, "/")) - {self.sid}

    def events(self, name):
        """The payloads of `name` events received since the last read (this
        read drops the other events)."""
        return [e["args"][0] for e in self.get_received() if e["name"] == name]


@pytest.fixture(autouse=True)
def no_user_carried_between_socket_events(request):
    """Forget the signed-in user after each socket event.

    HTTP requests get an app context of their own (tests/clients.py), but
    Flask-SocketIO's test client runs each event inside the `app` fixture's
    long-lived one, so `g` (where Flask-Login keeps `current_user`) would carry
    one socket's user into the next: another browser's socket would connect as
    the facilitator who connected before it.
    """
    if "app" not in request.fixturenames:
        return  # a real server process has a context per request already
    app = request.getfixturevalue("app")

    @app.teardown_request
    def forget_user(_error):
        g.pop("_login_user", None)


@pytest.fixture
def connect(app, client):
    """Open a socket to a workshop, as `client`'s browser (its login, if any)."""

    def open_socket(workshop=None, auth=None, query_string=None, http=client):
        if query_string is None:
            query_string = f"w={workshop.public_id}"
        return SocketClient(
            app, socketio, query_string=query_string, auth=auth, flask_test_client=http
        )

    return open_socket


@pytest.fixture
def connect_participant(app, connect):
    """Open a participant's socket from a browser of their own, with their token."""

    def open_socket(participant, workshop=None):
        return connect(
            workshop or participant.workshop,
            auth={"token": participant_token(participant)},
            http=app.test_client(),
        )

    return open_socket


@pytest.fixture
def fac_socket(facilitator, workshop, connect):
    """A signed-in facilitator's socket on `workshop`, what it is sent on
    connecting (its welcome, the presence snapshot) already read."""
    socket = connect(workshop)
    assert socket.is_connected(), socket.refusal
    socket.get_received()
    return socket


@pytest.fixture
def fresh_flood_limits():
    """Socket rate limits are per actor id, and ids repeat across tests' fresh
    databases: start each test with no events counted (a module opts in with
    `pytestmark = pytest.mark.usefixtures("fresh_flood_limits")`)."""
    flood.reset()
    yield
    flood.reset()


@pytest.fixture
def sockets(cast, connect_participant):
    """Ann's and Bob's sockets, their welcome read."""
    opened = []
    for person in (cast.ann, cast.bob):
        socket = connect_participant(person)
        assert socket.is_connected(), socket.refusal
        socket.get_received()
        opened.append(socket)
    return opened


@pytest.fixture
def projector(app, workshop, connect):
    """A socket opened with the projector link, its welcome kept unread."""
    socket = connect(
        workshop, auth={"projector": projector_token(workshop)}, http=app.test_client()
    )
    assert socket.is_connected(), socket.refusal
    return socket
