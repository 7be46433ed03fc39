"""The activity timer (app/timer.py): facilitators start, pause, extend and
stop it; its state is kept in the activity's row; every shared stream gets
the same timer with the server's time; reaching zero changes nothing."""

from datetime import UTC, datetime, timedelta

import pytest

from app import audiences, timer
from app.extensions import db
from app.models import Activity
from app.resync import resync
from tests.builders import (
    act,
    activity_row,
    event_count,
    make_board,
    make_group,
    put_in_group,
)
from tests.builders import refused as refusal

START = datetime(2025, 5, 1, 10, 0, tzinfo=UTC)


class Clock:
    """The server's clock, moved by hand."""

    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    controlled = Clock()
    monkeypatch.setattr(timer, "utcnow", controlled)
    return controlled


@pytest.fixture
def board(cast):
    return make_board(cast.fac)


def control(cast, board, verb, **payload):
    """A facilitator's timer action on `board`; the timer it left."""
    return act(cast.fac, f"timer.{verb}", {"activity": board, **payload})["result"][
        "timer"
    ]


def left(board, clock):
    """Seconds left now, from the row as stored."""
    return timer.seconds_left(activity_row(board), clock.now)


def rows(board):
    activity = activity_row(board)
    return (
        activity.timer_duration,
        activity.timer_started_at,
        activity.timer_remaining,
    )


def test_start_runs_the_timer_from_its_full_length(cast, board, clock):
    """Starting stores the length, the start and the time left; the view
    says when it ends, in UTC."""
    view = control(cast, board, "start", seconds=300)

    assert rows(board) == (300, START, 300.0)
    assert view["running"] is True
    assert view["duration"] == 300
    assert view["started_at"] == "2025-05-01T10:00:00.000Z"
    assert view["ends_at"] == "2025-05-01T10:05:00.000Z"


def test_pause_keeps_the_time_left_and_resume_counts_on_from_there(cast, board, clock):
    """Paused, the time left stands still however long the pause; resumed
    (start with no length), it counts down from what was left."""
    control(cast, board, "start", seconds=300)
    clock.advance(60.5)

    paused = control(cast, board, "pause")
    assert rows(board) == (300, None, 239.5)
    assert paused["running"] is False and paused["ends_at"] is None
    clock.advance(1000)
    assert left(board, clock) == 239.5

    resumed = control(cast, board, "start")
    assert rows(board) == (300, clock.now, 239.5)
    assert resumed["running"] is True
    clock.advance(39.5)
    assert left(board, clock) == 200


def test_extend_while_running_adds_to_the_time_left(cast, board, clock):
    control(cast, board, "start", seconds=120)
    clock.advance(30)

    control(cast, board, "extend", seconds=60)

    assert rows(board) == (180, clock.now, 150.0)
    clock.advance(50)
    assert left(board, clock) == 100


def test_extend_while_paused_stays_paused(cast, board, clock):
    control(cast, board, "start", seconds=120)
    clock.advance(20)
    control(cast, board, "pause")

    view = control(cast, board, "extend", seconds=300)

    assert rows(board) == (420, None, 400.0)
    assert view["running"] is False


def test_extend_after_time_is_up_counts_from_now(cast, board, clock):
    """Time added once the timer has passed zero is time from now, not a
    debt paid off first."""
    control(cast, board, "start", seconds=10)
    clock.advance(25)

    control(cast, board, "extend", seconds=60)

    assert left(board, clock) == 60


def test_start_with_a_length_restarts_from_full_length(cast, board, clock):
    control(cast, board, "start", seconds=300)
    clock.advance(100)
    control(cast, board, "pause")

    control(cast, board, "start", seconds=600)

    assert rows(board) == (600, clock.now, 600.0)


def test_stop_clears_the_timer(cast, board, clock):
    control(cast, board, "start", seconds=300)

    view = control(cast, board, "stop")

    assert rows(board) == (None, None, None)
    assert view["duration"] is None and view["running"] is False


def test_reaching_zero_changes_nothing_by_itself(cast, board, clock):
    """Past its end a timer writes nothing: no event, the same rows, the
    same phase; the time left just goes below zero."""
    control(cast, board, "start", seconds=10)
    events, before = event_count(), rows(board)
    clock.advance(60)

    snapshot = resync(cast.ann_actor, audiences.PARTICIPANTS, None)["snapshot"]

    assert event_count() == events
    assert rows(board) == before
    assert activity_row(board).phase == "writing"
    assert left(board, clock) == -50
    (shown,) = [t for t in snapshot["timers"] if t["activity"] == board]
    assert shown["running"] is True and shown["remaining"] == 10.0


def test_the_timer_survives_a_restart(cast, board, clock):
    """Nothing lives in memory: a fresh session reading the rows alone
    (as a restarted server would) finds the same timer, running or paused."""
    control(cast, board, "start", seconds=300)
    clock.advance(45)
    running = control(cast, board, "extend", seconds=60)
    clock.advance(15)
    paused = control(cast, board, "pause")
    db.session.remove()  # forget every loaded row

    activity = db.session.get(Activity, activity_row(board).id)
    assert timer.timer_view(activity) == paused
    assert paused["remaining"] == 300.0 and paused["duration"] == 360
    assert running["ends_at"] == "2025-05-01T10:06:00.000Z"


BAD_INPUT = [
    ("start", {"seconds": 9}, "invalid"),
    ("start", {"seconds": 4 * 60 * 60 + 1}, "invalid"),
    ("start", {"seconds": -60}, "invalid"),
    ("start", {"seconds": "five"}, "invalid"),
    ("start", {"seconds": 1.5}, "invalid"),
    ("start", {"seconds": True}, "invalid"),
    ("extend", {}, "invalid"),
    ("extend", {"seconds": 0}, "invalid"),
    ("extend", {"seconds": 4 * 60 * 60}, "invalid"),  # past 4 hours in all
    ("pause", {"activity": "nothing-here"}, "not_found"),
    ("stop", {"activity": ""}, "invalid"),
]


@pytest.mark.parametrize(("verb", "payload", "code"), BAD_INPUT)
def test_bad_input_is_refused_and_changes_nothing(
    cast, board, clock, verb, payload, code
):
    control(cast, board, "start", seconds=300)
    clock.advance(30)
    events, before = event_count(), rows(board)

    refused = refusal(cast.fac, f"timer.{verb}", {"activity": board, **payload})

    assert refused.code == code
    assert refused.message
    assert event_count() == events
    assert rows(board) == before


def _running(cast, board, clock):
    control(cast, board, "start", seconds=300)


def _paused(cast, board, clock):
    control(cast, board, "start", seconds=300)
    control(cast, board, "pause")


def _time_up(cast, board, clock):
    control(cast, board, "start", seconds=10)
    clock.advance(11)


def _none(cast, board, clock):
    pass


WRONG_STATE = [
    (_none, "pause", {}, "The timer is not running."),
    (_paused, "pause", {}, "The timer is not running."),
    (_time_up, "pause", {}, "Time is already up: add time or stop it."),
    (_none, "start", {}, "Say how long the timer should run."),
    (_running, "start", {}, "The timer is already running."),
    (_none, "extend", {"seconds": 60}, "There is no timer to add time to: start "),
    (_none, "stop", {}, "There is no timer to stop."),
]


@pytest.mark.parametrize(("given", "verb", "payload", "message"), WRONG_STATE)
def test_an_action_the_timer_is_not_ready_for_is_refused(
    cast, board, clock, given, verb, payload, message
):
    """Pausing what is not running, resuming what runs, adding to or stopping
    no timer: a clear refusal, nothing written."""
    given(cast, board, clock)
    events, before = event_count(), rows(board)

    refused = refusal(cast.fac, f"timer.{verb}", {"activity": board, **payload})

    assert refused.code == "timer_state"
    assert refused.message.startswith(message)
    assert event_count() == events
    assert rows(board) == before


@pytest.mark.parametrize("verb", ["start", "pause", "extend", "stop"])
def test_participants_cannot_control_the_timer(cast, board, clock, verb):
    control(cast, board, "start", seconds=300)
    events, before = event_count(), rows(board)

    payload = {"activity": board, "seconds": 60}
    assert refusal(cast.ann_actor, f"timer.{verb}", payload).code == "not_allowed"
    assert event_count() == events
    assert rows(board) == before


def test_a_timer_event_goes_to_every_shared_stream_and_no_private_one(
    cast, board, clock
):
    group = make_group(cast.fac)
    put_in_group(cast.fac, cast.ann, group)

    ack = act(cast.fac, "timer.start", {"activity": board, "seconds": 60})

    assert set(ack["streams"]) == set(audiences.shared(cast.workshop))
    assert f"group:{group}" in ack["streams"]


def test_snapshots_carry_the_servers_time_and_every_activitys_timer(cast, board, clock):
    """Each shared stream's snapshot has the same timers and `now`; only the
    facilitators' names who changed one last; a private stream has `now`
    but no timers (it gets no timer events to keep them current)."""
    other = make_board(cast.fac)
    control(cast, board, "start", seconds=90)
    clock.advance(5)

    def snapshot(actor, key):
        return resync(actor, key, None)["snapshot"]

    facilitators = snapshot(cast.fac, audiences.FACILITATORS)
    room = snapshot(cast.ann_actor, audiences.PARTICIPANTS)
    mine = snapshot(cast.ann_actor, audiences.private(cast.ann))

    for each in (facilitators, room, mine):
        assert each["now"] == "2025-05-01T10:00:05.000Z"
    timers = {t["activity"]: t for t in room["timers"]}
    assert timers[board]["ends_at"] == "2025-05-01T10:01:30.000Z"
    assert timers[other]["duration"] is None
    named = {t["activity"]: t.pop("by") for t in facilitators["timers"]}
    assert named == {board: "Fay", other: None}
    assert facilitators["timers"] == room["timers"]
    assert "timers" not in mine
