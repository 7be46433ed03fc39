"""The one write path, `apply()`: operation ids, retries, refusals, payloads,
numbering and what the event log may hold.

The builders that make a workshop's state through `apply()` itself are in
tests/builders.py; the tests of kinds, permissions, sockets and resync use
them too.
"""

import json
import uuid

import pytest
import sqlalchemy as sa

from app import changes
from app.extensions import db, socketio
from app.models import Activity, Event, Note, Stream, StreamEntry, Workshop
from app.payloads import MAX_KEYS, MAX_VALUE_LENGTH
from tests import builders
from tests.builders import (
    FRESH,
    act,
    activity_row,
    add_note,
    event_count,
    make_board,
    make_cast,
    make_group,
    new_op_id,
    note_row,
    put_in_group,
    refused,
    set_phase,
)


@pytest.fixture
def emitted(monkeypatch):
    """Every message the server emits, captured instead of sent."""
    sent = []
    monkeypatch.setattr(
        socketio, "emit", lambda *args, **kwargs: sent.append((args, kwargs))
    )
    return sent


def state():
    """Everything a change could touch, to compare before and after."""
    db.session.expire_all()
    notes = db.session.execute(
        sa.select(Note.public_id, Note.text, Note.version, Note.order_key)
    ).all()
    return {
        "events": event_count(),
        "entries": db.session.scalar(
            sa.select(sa.func.count()).select_from(StreamEntry)
        ),
        "seq": db.session.scalars(sa.select(Workshop.seq)).all(),
        "streams": db.session.execute(sa.select(Stream.key, Stream.counter)).all(),
        "notes": sorted(notes),
        "phases": db.session.scalars(sa.select(Activity.phase)).all(),
    }


def _uuid4_with(version=None, variant=None):
    text = list(new_op_id())
    if version:
        text[14] = version
    if variant:
        text[19] = variant
    return "".join(text)


@pytest.mark.parametrize(
    "op_id",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("not-a-uuid", id="not a uuid"),
        pytest.param(12345, id="a number"),
        pytest.param(["x"], id="a list"),
        pytest.param(str(uuid.uuid1()), id="version 1"),
        pytest.param(_uuid4_with(version="5"), id="version 5"),
        pytest.param(_uuid4_with(variant="c"), id="not the RFC variant"),
        pytest.param("00000000-0000-0000-0000-000000000000", id="nil"),
        pytest.param(uuid.uuid4().hex, id="no dashes"),
        pytest.param(f"{{{uuid.uuid4()}}}", id="braces"),
        pytest.param(f"urn:uuid:{uuid.uuid4()}", id="urn"),
        pytest.param(f" {uuid.uuid4()} ", id="padded"),
    ],
)
def test_op_id_must_be_a_random_uuid(cast, board, op_id):
    """Only a canonical random UUID (version 4) is accepted as an operation id."""
    payload = {"activity": board, "column": "ideas", "text": "Hello"}
    before = state()

    refusal = refused(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    assert refusal.code == "bad_op_id"
    assert refusal.ack()["ok"] is False and refusal.message
    assert state() == before


def test_upper_case_op_id_is_refused(cast, board):
    """Only the canonical (lower-case) form of a UUID is an op_id: clients
    match their own events by the exact string."""
    payload = {"activity": board, "column": "ideas", "text": "Hello"}
    with pytest.raises(changes.Refused) as refused:
        act(cast.ann_actor, "board.add_note", payload, op_id=new_op_id().upper())
    assert refused.value.code == "bad_op_id"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Note)) == 0


def test_retried_operation_is_applied_once(cast, board):
    """The same op_id and payload twice: one event, one note, the first ack
    again marked as replayed."""
    op_id = new_op_id()
    payload = {"activity": board, "column": "ideas", "text": "Only once"}
    events = event_count()

    first = act(cast.ann_actor, "board.add_note", payload, op_id=op_id)
    second = act(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    assert second == {**first, "replayed": True}
    assert event_count() == events + 1
    assert db.session.scalars(sa.select(Note.text)).all() == ["Only once"]


def test_retry_emits_nothing_new(cast, board, emitted):
    """A replayed operation is not broadcast again."""
    op_id = new_op_id()
    payload = {"activity": board, "column": "ideas", "text": "Only once"}
    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)
    sent = len(emitted)

    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    assert len(emitted) == sent


def test_replay_leaves_no_write_transaction_open(cast, board):
    """Answering a retry from the log ends the write transaction it opened, so
    SQLite's write lock is not held after apply() returns."""
    op_id = new_op_id()
    payload = {"activity": board, "column": "ideas", "text": "Only once"}
    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    assert not db.session().in_transaction()


def test_op_id_reused_for_another_change_is_refused(cast, board):
    """An op_id already applied, sent with a different payload, is refused."""
    op_id = new_op_id()
    payload = {"activity": board, "column": "ideas", "text": "First"}
    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)
    before = state()

    refusal = refused(
        cast.ann_actor, "board.add_note", {**payload, "text": "Second"}, op_id=op_id
    )

    assert refusal.code == "op_id_reused"
    assert state() == before


def test_op_id_of_another_action_is_refused(cast, board):
    """An op_id already used by one action is refused for another action."""
    op_id = new_op_id()
    note = add_note(cast.ann_actor, board)
    act(
        cast.bob_actor,
        "board.add_note",
        {"activity": board, "column": "ideas", "text": "x"},
        op_id=op_id,
    )

    refusal = refused(
        cast.fac, "board.hide_note", {"activity": board, "note": note}, op_id=op_id
    )

    assert refusal.code == "op_id_reused"


def test_op_id_of_another_actor_is_refused(cast, board):
    """Op_ids travel in broadcast events: another person sending one they saw,
    even with the same payload, gets no replay of someone else's change."""
    op_id = new_op_id()
    payload = {"activity": board, "column": "ideas", "text": "Ann's"}
    act(cast.ann_actor, "board.add_note", payload, op_id=op_id)

    refusal = refused(cast.bob_actor, "board.add_note", payload, op_id=op_id)

    assert refusal.code == "op_id_reused"


@pytest.mark.parametrize(
    "name", ["board.nope", "", None, "BOARD.ADD_NOTE", "workshop.edit ", 7, "edit"]
)
def test_unknown_action_is_refused(cast, name):
    """An action that is not registered is refused as unknown, before anything."""
    refusal = refused(cast.fac, name, {})

    assert refusal.code == "unknown_action"


def _refusals(cast, board):
    """One refusal of each kind apply() gives: (code, actor, action, payload,
    op_id)."""
    note = add_note(cast.ann_actor, board, text="Ann's note")
    ok = {"activity": board, "column": "ideas", "text": "Fine"}
    used = new_op_id()
    act(cast.ann_actor, "board.add_note", ok, op_id=used)
    return {
        "bad_op_id": (cast.ann_actor, "board.add_note", ok, "nope"),
        "unknown_action": (cast.ann_actor, "board.nope", ok, FRESH),
        "invalid": (cast.ann_actor, "board.add_note", {**ok, "text": " "}, FRESH),
        "not_allowed": (
            cast.ann_actor,
            "board.hide_note",
            {"activity": board, "note": note},
            FRESH,
        ),
        "not_found": (
            cast.ann_actor,
            "board.delete_note",
            {"activity": board, "note": "nope"},
            FRESH,
        ),
        "wrong_phase": (
            cast.ann_actor,
            "board.vote",
            {"activity": board, "note": note},
            FRESH,
        ),
        "stale": (
            cast.ann_actor,
            "board.edit_note",
            {"activity": board, "note": note, "text": "x", "version": 9},
            FRESH,
        ),
        "op_id_reused": (
            cast.ann_actor,
            "board.add_note",
            {**ok, "text": "Other"},
            used,
        ),
    }


REFUSAL_CODES = (
    "bad_op_id",
    "unknown_action",
    "invalid",
    "not_allowed",
    "not_found",
    "wrong_phase",
    "stale",
    "op_id_reused",
)


@pytest.mark.parametrize("code", REFUSAL_CODES)
def test_refusal_changes_nothing_and_emits_nothing(cast, board, emitted, code):
    """Every refusal writes no event row, changes no state and broadcasts
    nothing."""
    actor, name, payload, op_id = _refusals(cast, board)[code]
    before, sent = state(), len(emitted)

    refusal = refused(actor, name, payload, op_id=op_id)

    assert refusal.code == code
    assert state() == before
    assert len(emitted) == sent


def test_refused_handler_leaves_no_half_applied_change(cast, board, monkeypatch):
    """A handler that fails after the numbers were taken rolls everything back:
    seq, stream counters, state rows."""
    spec = changes.ACTIONS["board.add_note"]

    def fails_late(ctx, data):
        spec.handler(ctx, data)  # the note is written and flushed...
        raise changes.Refused("invalid", "late")  # ...then refused

    monkeypatch.setitem(
        changes.ACTIONS,
        "board.add_note",
        spec.__class__(spec.name, spec.form, fails_late, spec.project, spec.kind),
    )
    before = state()

    refused(
        cast.ann_actor,
        "board.add_note",
        {"activity": board, "column": "ideas", "text": "Half"},
    )

    assert state() == before


def _malformed(board, other_board, other_note):
    """Payloads for board.add_note / board.vote that must be refused, with the
    code expected."""
    add = {"activity": board, "column": "ideas", "text": "Fine"}
    return {
        "a list": ("board.add_note", [add], "invalid"),
        "a string": ("board.add_note", "text=hi", "invalid"),
        "null": ("board.add_note", None, "invalid"),
        "a number": ("board.add_note", 3, "invalid"),
        "a nested list": ("board.add_note", {**add, "text": ["a", "b"]}, "invalid"),
        "a nested object": ("board.add_note", {**add, "text": {"a": 1}}, "invalid"),
        "a non-string key": ("board.add_note", {**add, 1: "x"}, "invalid"),
        "too many keys": (
            "board.add_note",
            {**add, **{f"k{i}": "x" for i in range(MAX_KEYS)}},
            "invalid",
        ),
        "a huge string": (
            "board.add_note",
            {**add, "text": "x" * (MAX_VALUE_LENGTH + 1)},
            "invalid",
        ),
        "a huge unknown field": (
            "board.add_note",
            {**add, "junk": "x" * (MAX_VALUE_LENGTH + 1)},
            "invalid",
        ),
        "empty text": ("board.add_note", {**add, "text": ""}, "invalid"),
        "whitespace text": ("board.add_note", {**add, "text": " \n\t "}, "invalid"),
        "text over 500": ("board.add_note", {**add, "text": "x" * 501}, "invalid"),
        "no text": (
            "board.add_note",
            {"activity": board, "column": "ideas"},
            "invalid",
        ),
        "unknown column": ("board.add_note", {**add, "column": "nope"}, "invalid"),
        "no activity": ("board.add_note", {"column": "ideas", "text": "x"}, "invalid"),
        "over-long id": ("board.add_note", {**add, "activity": "x" * 25}, "invalid"),
        "unknown activity": (
            "board.add_note",
            {**add, "activity": "nope"},
            "not_found",
        ),
        "activity of another workshop": (
            "board.add_note",
            {**add, "activity": other_board},
            "not_found",
        ),
        "unknown note": (
            "board.delete_note",
            {"activity": board, "note": "nope"},
            "not_found",
        ),
        "note of another workshop": (
            "board.delete_note",
            {"activity": board, "note": other_note},
            "not_found",
        ),
        "a version that is not a number": (
            "board.edit_note",
            {"activity": board, "note": other_note, "text": "x", "version": "two"},
            "invalid",
        ),
    }


MALFORMED = list(_malformed("b", "o", "n"))


@pytest.fixture
def elsewhere(team):
    """A board and a note in another workshop of the same team."""
    other = make_cast(builders.make_workshop(team, title="Elsewhere"))
    other_board = make_board(other.fac)
    return other_board, add_note(other.ann_actor, other_board, text="Far away")


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_payload_gets_a_clear_error(cast, board, elsewhere, case):
    """Malformed payloads are refused with a code and a readable message, and
    change nothing."""
    name, payload, code = _malformed(board, *elsewhere)[case]
    before = state()

    refusal = refused(cast.ann_actor, name, payload)

    assert refusal.code == code
    assert isinstance(refusal.message, str) and refusal.message.strip()
    assert state() == before


def test_invalid_field_is_named(cast, board):
    """A field that fails its rule is named in the refusal, with its message."""
    payload = {"activity": board, "column": "ideas", "text": "x" * 501}

    ack = refused(cast.ann_actor, "board.add_note", payload).ack()

    assert ack["error"] == "invalid"
    assert "500" in ack["message"]
    assert list(ack["fields"]) == ["text"]


def test_ids_of_another_workshop_are_not_found_by_its_own_actors(cast, elsewhere):
    """A participant acting on their own workshop cannot name another
    workshop's activity or note."""
    other_board, other_note = elsewhere
    board = make_board(cast.fac)

    for payload in (
        {"activity": other_board, "note": other_note},
        {"activity": board, "note": other_note},
    ):
        assert refused(cast.ann_actor, "board.delete_note", payload).code == (
            "not_found"
        )
    assert note_row(other_note) is not None


def _many_changes(cast):
    """A mix of changes touching shared, group and private streams."""
    board = make_board(cast.fac)
    group = make_group(cast.fac)
    put_in_group(cast.fac, cast.ann, group)
    grouped = make_board(cast.fac, in_groups=True)
    acks = []
    for i in range(6):
        acks.append(
            act(
                cast.ann_actor,
                "board.add_note",
                {"activity": board, "column": "ideas", "text": f"n{i}"},
            )
        )
        acks.append(
            act(
                cast.bob_actor,
                "board.add_note",
                {
                    "activity": board,
                    "column": "ideas",
                    "text": f"p{i}",
                    "private": True,
                },
            )
        )
        acks.append(
            act(
                cast.ann_actor,
                "board.add_note",
                {"activity": grouped, "column": "ideas", "text": f"g{i}"},
            )
        )
    set_phase(cast.fac, board, "voting")
    notes = sa.select(Note.public_id).filter_by(activity_id=activity_row(board).id)
    for note in db.session.scalars(notes).all()[:3]:  # a budget of 3 dots
        acks.append(
            act(cast.bob_actor, "board.vote", {"activity": board, "note": note})
        )
    return acks


def test_seq_and_stream_numbers_are_contiguous_in_commit_order(cast):
    """seq counts 1, 2, 3… in the order events were committed, and each stream's
    numbers count 1, 2, 3… in that same order."""
    acks = _many_changes(cast)

    events = db.session.scalars(sa.select(Event).order_by(Event.id)).all()
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert db.session.get(Workshop, cast.workshop.id).seq == len(events)
    for stream in db.session.scalars(sa.select(Stream)):
        entries = db.session.scalars(
            sa.select(StreamEntry)
            .filter_by(stream_id=stream.id)
            .order_by(StreamEntry.event_id)
        ).all()
        assert [e.number for e in entries] == list(range(1, stream.counter + 1))
    assert len({tuple(a["streams"].items()) for a in acks}) == len(acks)


def test_ack_numbers_match_the_log(cast):
    """Each acknowledgement's seq and stream numbers are the ones in the log."""
    acks = _many_changes(cast)

    for ack in acks:
        event = db.session.scalar(sa.select(Event).filter_by(op_id=ack["op_id"]))
        logged = db.session.execute(
            sa.select(Stream.key, StreamEntry.number)
            .join(Stream, Stream.id == StreamEntry.stream_id)
            .filter(StreamEntry.event_id == event.id)
        ).all()
        assert event.seq == ack["seq"]
        assert dict(logged) == ack["streams"]


def test_event_rows_hold_no_user_text(cast):
    """The event log holds ids, versions and actions: none of the text people
    typed (notes, titles, group and workshop names)."""
    texts = [
        "Sekrit-note-text",
        "Edited-sekrit",
        "Renamed-workshop-xyz",
        "Group-name-qqq",
        "Board-title-zzz",
    ]
    board = act(
        cast.fac, "workshop.add_activity", {"method": "open-board", "title": texts[4]}
    )["result"]["activity"]
    set_phase(cast.fac, board, "writing")
    note = add_note(cast.ann_actor, board, text=texts[0], private=True)
    act(
        cast.ann_actor,
        "board.edit_note",
        {"activity": board, "note": note, "text": texts[1], "version": 1},
    )
    act(cast.fac, "workshop.create_group", {"name": texts[3]})
    act(
        cast.fac,
        "workshop.edit",
        {"title": texts[2], "engagement_level": "consultation"},
    )

    for event in db.session.scalars(sa.select(Event)):
        logged = json.dumps([event.refs, event.result, event.payload_digest])
        for text in texts:
            assert text not in logged
