"""In-process sockets: Flask-SocketIO's test client, keeping refusal reasons."""

import pytest
from flask import g
from flask_socketio.test_client import SocketIOTestClient
from socketio import packet

from app.extensions import socketio
from app.tokens import participant_token


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
