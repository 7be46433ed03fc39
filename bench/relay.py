"""The bare relay: the baseline the app is measured against.

Run as `python -m bench.relay` (HOST, PORT and ASYNC_MODE as for wsgi.py). A
minimal Flask-SocketIO app, served by the very function wsgi.py serves with
(serving.serve: listening socket, backlog, TCP_NODELAY, connection cap, open
files, gc.freeze), on the same async mode. Its `act` handler does only the
fan-out: it numbers the event on the sender's group stream, emits it to the
group's room and acknowledges. No database, no validation, no authorization.
"""

import os

import serving

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
serving.monkey_patch(ASYNC_MODE)

from flask import Flask, request  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

from bench import probe  # noqa: E402

app = Flask(__name__)
# The same payload limit as the app (SOCKETIO_MAX_PAYLOAD_BYTES).
socketio = SocketIO(app, async_mode=ASYNC_MODE, max_http_buffer_size=64 * 1024)
group_of = {}  # sid -> group stream key
counters = {}  # group stream key -> last n
seq = 0


@app.route("/healthz")
def health():
    """Liveness, as the app's."""
    return {"ok": True}


@socketio.on("connect")
def on_connect(auth):
    """The token is the group stream key; join its room and say welcome."""
    group = auth["token"]
    group_of[request.sid] = group
    counters.setdefault(group, 0)
    join_room(group)
    socketio.emit("welcome", {"streams": [group]}, to=request.sid)


@socketio.on("disconnect")
def on_disconnect(*_reason):
    group_of.pop(request.sid, None)


@socketio.on("act")
def on_act(message):
    """Number the change on the sender's group stream, fan it out, ack it."""
    global seq
    group = group_of[request.sid]
    seq += 1
    counters[group] += 1
    event = {
        "stream": group,
        "n": counters[group],
        "seq": seq,
        "op_id": message["op_id"],
        "action": message["action"],
        "data": {"note": message["payload"]},
    }
    socketio.emit("event", event, to=group)
    return {"ok": True, "op_id": message["op_id"], "seq": seq}


def main():
    probe.start(socketio)
    serving.serve(app, "Bare relay", ASYNC_MODE)


if __name__ == "__main__":
    main()
