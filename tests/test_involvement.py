"""The involvement record: stretches of presence opened and closed by a
participant's sockets, the facilitators' page and its CSV, and who may see
them (app/involvement.py)."""

import csv
import io
import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from app import involvement
from app.exports import archive
from app.extensions import db, socketio
from app.models import Attendance
from app.models.types import utcnow
from app.tokens import participant_token, projector_token
from tests import builders
from tests.conftest import join_as
from tests.realtime.conftest import SocketClient

pytestmark = pytest.mark.usefixtures("fresh_flood_limits")

T0 = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


@pytest.fixture
def fresh_flood_limits():
    from app.realtime import flood

    flood.reset()
    yield
    flood.reset()


def _socket(app, workshop, auth):
    """A socket to `workshop` from a browser of its own."""
    socket = SocketClient(
        app,
        socketio,
        query_string=f"w={workshop.public_id}",
        auth=auth,
        flask_test_client=app.test_client(),
    )
    assert socket.is_connected(), socket.refusal
    return socket


def _tab(app, participant):
    return _socket(app, participant.workshop, {"token": participant_token(participant)})


def _stretches(participant):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Attendance)
        .filter_by(participant_id=participant.id)
        .order_by(Attendance.id)
    ).all()


def _url(workshop, suffix=""):
    return f"/workshops/{workshop.public_id}/involvement{suffix}"


def _row(page, participant):
    """The page's table row of `participant`, as HTML."""
    row = page[page.index(f'id="participant-{participant.public_id}"') :]
    return row[: row.index("</tr>")]


def _stretch(participant, start, end=None):
    db.session.add(
        Attendance(
            workshop_id=participant.workshop_id,
            participant_id=participant.id,
            arrived_at=start,
            left_at=end,
        )
    )
    db.session.commit()


# --- Stretches, from sockets ------------------------------------------------


def test_a_stretch_lasts_from_the_first_tab_to_the_last(app, cast):
    """Two tabs make one stretch: it stays open while either is connected
    and closes when the last one closes."""
    first = _tab(app, cast.ann)
    second = _tab(app, cast.ann)
    [stretch] = _stretches(cast.ann)
    assert stretch.left_at is None and stretch.workshop_id == cast.workshop.id

    first.disconnect()
    assert [s.left_at for s in _stretches(cast.ann)] == [None]

    second.disconnect()
    [stretch] = _stretches(cast.ann)
    assert stretch.left_at is not None and stretch.left_at >= stretch.arrived_at
    assert _stretches(cast.bob) == []


def test_coming_straight_back_continues_the_stretch(app, cast):
    """A reconnect at once (a dropped connection, a reload) continues the
    same stretch: one row, open again."""
    _tab(app, cast.ann).disconnect()
    [closed] = _stretches(cast.ann)
    assert closed.left_at is not None

    _tab(app, cast.ann)

    assert [(s.id, s.left_at) for s in _stretches(cast.ann)] == [(closed.id, None)]


def test_a_return_after_the_grace_opens_a_new_stretch(app, cast):
    """Back 65 seconds after leaving: a second stretch, and the first
    keeps the time they left."""
    _tab(app, cast.ann).disconnect()
    [first] = _stretches(cast.ann)
    left = utcnow() - timedelta(seconds=65)
    first.arrived_at, first.left_at = left - timedelta(minutes=30), left
    db.session.commit()

    _tab(app, cast.ann)

    stretches = _stretches(cast.ann)
    assert len(stretches) == 2
    assert stretches[0].left_at == left
    assert stretches[1].left_at is None and stretches[1].arrived_at > left


def test_a_return_just_within_the_grace_reopens_the_stretch(app, cast):
    """Back 50 seconds after leaving: the same stretch, open again."""
    _tab(app, cast.ann).disconnect()
    [first] = _stretches(cast.ann)
    first.left_at = utcnow() - timedelta(seconds=50)
    db.session.commit()

    _tab(app, cast.ann)

    assert [(s.id, s.left_at) for s in _stretches(cast.ann)] == [(first.id, None)]


def test_facilitators_and_the_projector_are_not_recorded(
    app, cast, facilitator, client
):
    """Only participants have an involvement record: a facilitator's screen
    and the projector open no stretch."""
    SocketClient(
        app,
        socketio,
        query_string=f"w={cast.workshop.public_id}",
        flask_test_client=client,
    )
    _socket(app, cast.workshop, {"projector": projector_token(cast.workshop)})
    assert db.session.scalar(sa.select(sa.func.count(Attendance.id))) == 0


def test_a_failure_to_record_never_costs_the_connection(app, cast, monkeypatch, caplog):
    """If the record cannot be written, the participant still connects and
    the failure is logged."""

    def broken(*_args):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(involvement, "_arrive", broken)
    with caplog.at_level(logging.ERROR, logger="app.involvement"):
        socket = _tab(app, cast.ann)
    assert socket.is_connected()
    assert "could not record attendance" in caplog.text
    assert _stretches(cast.ann) == []


# --- Summing up -------------------------------------------------------------


def test_time_present_sums_the_stretches_and_counts_open_ones_to_the_close(cast):
    """Closed stretches are summed; an open one counts to the workshop's
    close; someone who never connected has no time."""
    carol = builders.make_participant(cast.workshop, display_name="Carol")
    _stretch(cast.ann, T0, T0 + timedelta(minutes=30))
    _stretch(cast.ann, T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=45))
    _stretch(cast.bob, T0 + timedelta(minutes=15))
    cast.workshop.closed_at = T0 + timedelta(hours=2)
    db.session.commit()

    rows = {
        row.participant.display_name: row
        for row in involvement.record_of(cast.workshop)
    }

    ann, bob, none = rows["Ann"], rows["Bob"], rows[carol.display_name]
    assert (ann.first_arrival, ann.last_departure) == (
        T0,
        T0 + timedelta(hours=1, minutes=45),
    )
    assert ann.present == timedelta(hours=1, minutes=15) and ann.stretches == 2
    assert bob.still_here and bob.last_departure is None
    assert bob.present == timedelta(hours=1, minutes=45)
    assert none.first_arrival is None and none.present == timedelta()


def test_an_open_stretch_of_an_open_workshop_counts_to_now(cast):
    _stretch(cast.ann, T0)
    rows = involvement.record_of(cast.workshop, now=T0 + timedelta(minutes=40))
    assert rows[0].present == timedelta(minutes=40) and rows[0].still_here


# --- The page and the CSV ---------------------------------------------------


def test_the_page_lists_everyone_with_their_times(client, facilitator, workshop):
    """The team's facilitator sees each participant, removed ones and those
    without a device too, with role, organisation, times and total."""
    lee = builders.make_participant(
        workshop,
        display_name="Lee",
        role="lived_experience",
        organisation="Carers Together",
    )
    lee.organisation_type = "community_group"
    gone = builders.make_participant(workshop, display_name="Gone", removed_at=T0)
    noa = builders.make_participant(workshop, display_name="Noa", has_device=False)
    sam = builders.make_participant(workshop, display_name="Sam")
    _stretch(lee, T0, T0 + timedelta(hours=2, minutes=5))
    _stretch(gone, T0, T0 + timedelta(minutes=10))

    response = client.get(_url(workshop))

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    lee_row = _row(page, lee)
    for expected in (
        "Lee",
        "Person with lived experience",
        "Community or user-led group: Carers Together",
        "2025-03-04 10:00",
        "2025-03-04 12:05",
        "2 h 05 min",
    ):
        assert expected in lee_row
    assert "removed" in _row(page, gone) and "no device" in _row(page, noa)
    assert "not recorded" in _row(page, noa)  # no screen: time not known
    assert "never connected" in _row(page, sam)
    assert "never part of the report" in page
    assert _url(workshop, ".csv") in page


def test_the_csv_has_a_row_per_participant(client, facilitator, workshop):
    lee = builders.make_participant(
        workshop, display_name="Lee", role="lived_experience", organisation="Mind"
    )
    _stretch(lee, T0, T0 + timedelta(minutes=90))
    builders.make_participant(workshop, display_name="Sam")

    response = client.get(_url(workshop, ".csv"))

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "test-workshop-involvement.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[0] == "Name" and "Minutes present" in header
    record = dict(zip(header, rows[0], strict=True))
    assert record["Name"] == "Lee"
    assert record["Role"] == "Person with lived experience"
    assert record["Organisation"] == "Mind"
    assert record["First arrival (UTC)"] == "2025-03-04 10:00"
    assert record["Last departure (UTC)"] == "2025-03-04 11:30"
    assert record["Minutes present"] == "90"
    assert dict(zip(header, rows[1], strict=True))["Minutes present"] == "0"


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_the_csv_keeps_formulas_as_text(client, facilitator, workshop, typed):
    """A name or organisation a spreadsheet would run as a formula starts
    with an apostrophe in the CSV."""
    builders.make_participant(workshop, display_name=typed, organisation=typed)
    text = client.get(_url(workshop, ".csv")).get_data(as_text=True)
    header, row = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    record = dict(zip(header, row, strict=True))
    for column in ("Name", "Organisation"):
        assert record[column].startswith("'"), record[column]
        assert record[column][1:2] == typed[0]


# --- Who may see it -----------------------------------------------------------


@pytest.mark.parametrize("suffix", ["", ".csv"])
def test_a_reviewer_of_the_team_is_refused(client, auth, cast, suffix):
    """Reviewers read outputs; the record is not one, and names everyone."""
    auth.login(builders.make_user(cast.workshop.team, role="reviewer"))
    _stretch(cast.ann, T0, T0 + timedelta(minutes=5))
    response = client.get(_url(cast.workshop, suffix))
    assert response.status_code == 403
    assert "Ann" not in response.get_data(as_text=True)


@pytest.mark.parametrize("suffix", ["", ".csv"])
def test_another_teams_facilitator_gets_not_found(client, auth, cast, suffix):
    other = builders.make_team(name="Elsewhere")
    auth.login(builders.make_user(other))
    assert client.get(_url(cast.workshop, suffix)).status_code == 404


@pytest.mark.parametrize("suffix", ["", ".csv"])
def test_signed_out_and_participants_are_sent_to_sign_in(client, workshop, suffix):
    """Someone signed out, and a participant who joined in this browser, are
    asked to sign in and see nothing."""
    assert client.get(_url(workshop, suffix)).status_code == 302
    join_as(client, workshop, display_name="Pat")
    response = client.get(_url(workshop, suffix))
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert "Pat" not in response.get_data(as_text=True)


def test_the_console_links_to_the_record_for_facilitators(
    client, facilitator, workshop
):
    page = client.get(f"/workshops/{workshop.public_id}/").get_data(as_text=True)
    assert _url(workshop) in page


def test_the_record_is_in_no_output(client, facilitator, cast):
    """Presence times reach neither the report page nor the archive (the
    export holding the most): the record is team-internal."""
    arrived = datetime(2025, 3, 4, 9, 41, 7, tzinfo=UTC)
    _stretch(cast.ann, arrived, arrived + timedelta(minutes=53))
    data = json.dumps(archive.workshop_data(cast.workshop), default=str)
    report = client.get(f"/workshops/{cast.workshop.public_id}/report")
    for output in (data, report.get_data(as_text=True)):
        assert "09:41" not in output and "10:34" not in output
        assert "attendance" not in output.lower()
    assert cast.workshop.title in data  # it is the workshop's archive
