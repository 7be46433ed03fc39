"""A participant's client, as the app's own client behaves (DESIGN.md, "The
one path for every change" and "Audiences, streams and order"), written with
python-socketio so tests can run many of them against a real server. It is
built in three layers, one a module:

- here, `Connection`: the socket. Each (re)connection is a new one; calls fail
  fast (`Dropped`) when it goes. The socket client never reconnects or
  buffers by itself, and nothing is emitted while disconnected.
- tests/faults/streams.py, `Streams`: it keeps the last number applied on each
  of its streams, applies events in number order, holds an out-of-order event
  back for about a second, then resyncs that stream from its last number
  (python-engineio hands each message to a thread of its own, so events can
  reach the handlers out of order); on every (re)connection it resyncs each
  stream from its last number, or takes a snapshot when it has none.
- tests/faults/outbox.py, `StreamClient`: it keeps an outbox: each note has an
  op_id; a note stays pending until an acknowledgement (or the event carrying
  its op_id) settles it, and pending notes are sent again with the same op_id
  after a reconnect. The outbox is the only retry path.
"""

import threading
import time
from collections import Counter

import socketio

RETRYABLE = {"busy", "rate_limited"}


class Dropped(Exception):
    """The connection went away (or did not answer) during a call."""


class Connection:
    """One participant's socket to a workshop.

    What a connection feeds is the subclass's (streams.py): each live event
    goes to `_accept(message, "live", connection)`, and once welcomed each
    stream is caught up with `resync(key)`.
    """

    def __init__(self, url, workshop, token, name="client", wait=5):
        self.url, self.workshop, self.token = url, workshop, token
        self.name, self.wait = name, wait
        self.lock = threading.RLock()
        self.emitting = threading.Lock()
        self.sio = None
        self.connection = 0  # which connection this is: 1, 2, ...
        self.streams = []  # the keys the server said this client reads
        self.refusal = None  # why the server last refused to connect
        self.stats = Counter()

    # -- connecting ----------------------------------------------------------

    @property
    def connected(self):
        return self.sio is not None and self.sio.connected

    def connect(self):
        """Open a new connection and catch every stream up; Dropped if not."""
        self._discard()
        sio = socketio.Client(reconnection=False)
        welcomed = threading.Event()
        connection = self.connection + 1

        def on_welcome(message):
            with self.lock:
                self.streams = list(message["streams"])
            welcomed.set()

        def on_refused(data):
            # The app's refusals are {"message": ...}; Engine.IO's are text.
            self.refusal = data.get("message") if isinstance(data, dict) else data

        sio.on("welcome", on_welcome)
        sio.on("connect_error", on_refused)
        sio.on("event", lambda message: self._accept(message, "live", connection))
        try:
            sio.connect(
                f"{self.url}?w={self.workshop}",
                auth={"token": self.token},
                transports=["websocket"],
                wait_timeout=self.wait,
            )
        except socketio.exceptions.ConnectionError as error:
            self._shut(sio)
            raise Dropped(f"connect: {error}") from None
        self.sio, self.connection = sio, connection
        self.stats["connections"] += 1
        if not welcomed.wait(self.wait):
            raise Dropped("no welcome")
        for key in self.streams:
            self.resync(key)

    def connect_until(self, deadline, pause=0.1):
        """Keep trying to connect (the server may be restarting) until the
        deadline; True once connected and caught up."""
        while time.monotonic() < deadline:
            try:
                self.connect()
                return True
            except Dropped:
                self.stats["connect_attempts_failed"] += 1
                time.sleep(pause)
        return False

    def close(self):
        self._discard()

    def _discard(self):
        if self.sio is not None:
            self._shut(self.sio)
            self.sio = None

    @staticmethod
    def _shut(sio):
        try:
            sio.disconnect()
        except Exception:
            pass
        # When the server drops a connection, python-engineio's client leaves
        # its WebSocket open (a ResourceWarning, an error under pytest.ini).
        ws = getattr(sio.eio, "ws", None)
        if ws is not None:
            try:
                ws.shutdown()
            except Exception:
                pass

    # -- calls that fail fast when the connection drops ------------------------

    def call(self, event, data, timeout=None):
        """Emit with an acknowledgement and wait for it; Dropped if the
        connection goes, or nothing answers within `timeout`."""
        done, answer = threading.Event(), []
        self.send(event, data, lambda *args: (answer.append(args), done.set()))
        sio = self.sio
        deadline = time.monotonic() + (timeout or self.wait)
        while not done.wait(0.02):
            if not sio.connected or time.monotonic() > deadline:
                raise Dropped(f"{event}: no answer")
        return answer[0][0] if answer[0] else None

    def send(self, event, data, callback):
        """Emit on the current connection (only ever while connected)."""
        sio = self.sio
        if sio is None or not sio.connected:
            raise Dropped(f"{event}: not connected")
        try:
            with self.emitting:  # python-socketio's emit is not thread safe
                sio.emit(event, data, callback=callback)
        except (socketio.exceptions.SocketIOError, OSError) as error:
            raise Dropped(f"{event}: {error}") from None
