"""Acting on a real server process: what the in-process test client cannot
show (DESIGN.md, Tests): the order of each stream under concurrent writers,
the payload size limit, and a removed participant's socket.

One server serves the module; each test uses its own participants, and the
stream numbers it checks are relative to where its clients joined.
"""

import re
import threading
import time
import uuid
from collections import Counter

import pytest
import requests
import socketio

from tests import builders
from tests.faults.client import Dropped
from tests.faults.outbox import StreamClient
from tests.faults.server import FAST_CLIENTS, seed_board
from tests.live_server import LiveServer

pytestmark = pytest.mark.server

WAIT = 5  # seconds: the bound on every wait in this file
WRITERS, NOTES_EACH = 4, 25
# Participants by use: 0-3 write at once, then one each for the other tests.
BIG, SMALL, REMOVED = 4, 5, 6


@pytest.fixture(scope="module")
def server():
    live = LiveServer(env=FAST_CLIENTS)
    try:
        live.seeded = live.seed(lambda: seed_board(people=7))
        live.start()
        yield live
    finally:
        live.stop()


@pytest.fixture
def participant(server):
    """Make a participant's client (by seeded index); all closed afterwards."""
    made = []

    def make(index):
        seeded = server.seeded
        made.append(
            StreamClient(
                server.url,
                seeded.workshop,
                seeded.tokens[index],
                seeded.board,
                name=f"p{index}",
                wait=WAIT,
            )
        )
        return made[-1]

    yield make
    for client in made:
        client.close()


def _until(condition, timeout=WAIT, step=0.02):
    """Poll `condition` until true or `timeout`; its last value."""
    deadline = time.monotonic() + timeout
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(step)
    return value


def _form_fields(html, action):
    """The hidden fields (csrf_token, op_id) of the form posting to `action`."""
    form = re.search(
        rf'<form[^>]*action="[^"]*{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S
    )
    assert form, f"no form posting to {action}"
    fields = re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form[1])
    return dict(fields)


def _signed_in(server):
    http = requests.Session()
    page = http.get(f"{server.url}/auth/login", timeout=WAIT)
    csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)[1]
    response = http.post(
        f"{server.url}/auth/login",
        data={
            "email": server.seeded.email,
            "password": builders.PASSWORD,
            "csrf_token": csrf,
        },
        allow_redirects=False,
        timeout=WAIT,
    )
    assert response.status_code == 302, response.text
    return http


def _participants_stream(client):
    return [entry for entry in client.applied["participants"] if entry[3] != "snapshot"]


def test_concurrent_writers_each_see_one_contiguous_order(server, participant):
    """Four participants each add 25 notes at once: every one of them gets
    every event of the participants stream exactly once, applies them with
    contiguous numbers and rising seq, and ends with each note exactly once;
    each acknowledgement's numbers are those of the event it caused."""
    writers = [participant(i) for i in range(WRITERS)]
    for writer in writers:
        writer.connect()
    start = {writer.position["participants"] for writer in writers}
    assert len(start) == 1, f"clients joined at different numbers: {start}"
    first = start.pop()
    deadline, never = time.monotonic() + 30, threading.Event()
    threads = [
        threading.Thread(
            target=writer.run,
            args=(never, deadline),
            kwargs={"count": NOTES_EACH},
            daemon=True,
        )
        for writer in writers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=35)

    notes = [note for writer in writers for note in writer.settled.values()]
    assert not any(w.failures for w in writers), [w.failures for w in writers]
    assert not any(w.outbox for w in writers), "notes left unacknowledged"
    assert len(notes) == WRITERS * NOTES_EACH and all(note.ack for note in notes)
    last = first + WRITERS * NOTES_EACH
    assert max(note.ack["streams"]["participants"] for note in notes) == last
    by_op = {note.op_id: note for note in notes}
    for writer in writers:
        assert _until(lambda w=writer: w.position["participants"] == last), (
            writer.name,
            writer.position,
            writer.stats,
        )
        received = writer.live["participants"]
        assert sorted(received) == list(range(first + 1, last + 1)), writer.name
        applied = _participants_stream(writer)
        assert [n for n, *_ in applied] == list(range(first + 1, last + 1))
        seqs = [seq for _n, seq, *_ in applied]
        assert seqs == sorted(set(seqs)), f"{writer.name}: seq not rising"
        for n, seq, op_id, _how in applied:
            ack = by_op[op_id].ack
            assert (ack["seq"], ack["streams"]["participants"]) == (seq, n)
        texts = Counter(v["text"] for v in writer.notes["participants"].values())
        assert texts == Counter(note.text for note in notes), writer.name
        ids = {note.ack["result"]["note"] for note in notes}
        assert set(writer.notes["participants"]) == ids
    print(
        "ordering:",
        {w.name: dict(w.stats) for w in writers},
        f"events {first + 1}..{last}",
    )


def _add_note(text):
    return {
        "action": "board.add_note",
        "payload": {"column": "ideas", "text": text},
        "op_id": str(uuid.uuid4()),
    }


def test_oversized_act_is_dropped_and_the_server_keeps_serving(server, participant):
    """An `act` over SOCKETIO_MAX_PAYLOAD_BYTES (64 KiB) closes its sender's
    connection and changes nothing; one under it is answered with a
    validation error; /healthz and other participants carry on."""
    big, small = participant(BIG), participant(SMALL)
    big.connect()
    small.connect()
    under, over = _add_note("u" * 60 * 1024), _add_note("o" * 70 * 1024)
    for message in (under, over):
        message["payload"]["activity"] = server.seeded.board

    answer = small.call("act", under)
    answers = []
    big.send("act", over, answers.append)

    assert answer["ok"] is False and answer["error"] == "invalid", answer
    assert _until(lambda: not big.connected), "the oversized sender stayed connected"
    assert small.connected and not answers
    assert requests.get(f"{server.url}/healthz", timeout=WAIT).json() == {"ok": True}
    note = small.write("after the oversized message")
    small.flush()
    assert note.ack and note.ack["ok"], note.errors
    assert small.settle_streams()
    texts = [v["text"] for v in small.notes["participants"].values()]
    assert note.text in texts
    assert not any(text.startswith(("o" * 100, "u" * 100)) for text in texts)


def _facilitator_events(server, http):
    """A facilitator's socket (the signed-in browser's cookie) and the list
    its `event`s are appended to."""
    events = []
    sio = socketio.Client(reconnection=False)
    sio.on("event", events.append)
    cookie = "; ".join(f"{c.name}={c.value}" for c in http.cookies)
    sio.connect(
        f"{server.url}?w={server.seeded.workshop}",
        headers={"Cookie": cookie},
        transports=["websocket"],
        wait_timeout=WAIT,
    )
    return sio, events


def test_removed_participant_cannot_act_and_is_refused(server, participant):
    """While a participant writes as fast as they can, a facilitator removes
    them from the console: no change of theirs is applied after the removal
    (every one acknowledged has a smaller seq), their socket is closed, and a
    new connection is refused."""
    seeded, removed = server.seeded, participant(REMOVED)
    removed.connect()
    http = _signed_in(server)
    watcher, events = _facilitator_events(server, http)
    stop, acks = threading.Event(), []

    def write_until_dropped():
        while not stop.is_set():
            note = removed.write()
            try:
                removed.flush(timeout=2)
            except Dropped:
                return
            if note.ack:
                acks.append(note.ack)

    writer = threading.Thread(target=write_until_dropped, daemon=True)
    writer.start()
    try:
        assert _until(lambda: len(acks) >= 5), "the participant could not write"
        console = http.get(f"{server.url}/workshops/{seeded.workshop}/", timeout=WAIT)
        action = f"/participants/{seeded.ids[REMOVED]}/remove"
        response = http.post(
            f"{server.url}/workshops/{seeded.workshop}{action}",
            data=_form_fields(console.text, action),
            allow_redirects=False,
            timeout=WAIT,
        )
        assert response.status_code == 302
        assert _until(lambda: not removed.connected), "their socket stayed open"
        removal = _until(
            lambda: [e for e in events if e["action"] == "workshop.remove_participant"]
        )
    finally:
        stop.set()
        writer.join(timeout=WAIT + 3)
        watcher.disconnect()
    assert removal and len(removal) == 1, events[-3:]
    assert max(ack["seq"] for ack in acks) < removal[0]["seq"]
    refused = [failure[2] for failure in removed.failures]
    assert all(ack["error"] == "not_allowed" for ack in refused), refused
    with pytest.raises(Dropped):
        removed.connect()
    assert removed.refusal == "You were removed from this workshop."
