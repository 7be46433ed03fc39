"""Connecting a socket: who may, which rooms they join, and presence.

In-process, with Flask-SocketIO's test client; what needs Engine.IO's HTTP
layer (Origin, sizes, server-side disconnects) is in test_connect_server.py.
"""

import logging

import pytest
import sqlalchemy as sa
from itsdangerous import URLSafeTimedSerializer

from app.extensions import db
from app.models import Group, LoginSession
from app.models.types import utcnow
from app.realtime import connections, rooms
from app.tokens import participant_token
from tests import builders

NOT_VALID = "Your joining link is not valid. Please join again."
SIGN_IN_FIRST = "Join the workshop or sign in first."
NOT_YOURS = "You do not facilitate this workshop."


@pytest.fixture
def participant(workshop):
    return builders.make_participant(workshop, display_name="Ana")


def test_participant_token_joins_exactly_their_rooms(workshop, participant, connect):
    """A valid token connects to the workshop-wide and the participant's own room."""
    socket = connect(workshop, auth={"token": participant_token(participant)})

    assert socket.is_connected(), socket.refusal
    assert socket.rooms() == {
        rooms.participants(workshop.id),
        rooms.participant(participant),
    }
    actor = connections.actor_for(socket.sid)
    assert (actor.kind, actor.participant_id) == ("participant", participant.id)


def _signature_changed(app, token, other):
    cut = token.rindex(".") + 1  # the signature's first character
    return token[:cut] + ("B" if token[cut] == "A" else "A") + token[cut + 1 :]


def _payload_swapped(app, token, other):
    """Another participant's payload under this token's signature."""
    return participant_token(other).split(".")[0] + token[token.index(".") :]


def _signed_with_another_key(app, token, other):
    return _signed("not-the-secret", "participant-token", other)


def _signed_for_another_purpose(app, token, other):
    return _signed(app.secret_key, "another-purpose", other)


def _signed(secret, salt, participant):
    serializer = URLSafeTimedSerializer(secret, salt=salt)
    return serializer.dumps(
        {"w": participant.workshop.public_id, "p": participant.public_id}
    )


@pytest.mark.parametrize(
    "tamper",
    [
        _signature_changed,
        _payload_swapped,
        _signed_with_another_key,
        _signed_for_another_purpose,
    ],
    ids=lambda tamper: tamper.__name__.strip("_"),
)
def test_tampered_token_is_refused(app, workshop, participant, connect, tamper):
    """A token not signed by this server for this purpose is refused, with a reason."""
    other = builders.make_participant(workshop, display_name="Bo")
    tampered = tamper(app, participant_token(participant), other)

    socket = connect(workshop, auth={"token": tampered})

    assert not socket.is_connected()
    assert socket.refusal == NOT_VALID


def test_expired_token_is_refused(app, workshop, participant, connect):
    """A token older than PARTICIPANT_TOKEN_MAX_AGE is refused."""
    app.config["PARTICIPANT_TOKEN_MAX_AGE"] = -1

    socket = connect(workshop, auth={"token": participant_token(participant)})

    assert not socket.is_connected()
    assert socket.refusal == NOT_VALID


def test_token_for_another_workshop_is_refused(team, workshop, connect):
    """A participant of one workshop cannot connect to another."""
    elsewhere = builders.make_participant(builders.make_workshop(team, title="B"))

    socket = connect(workshop, auth={"token": participant_token(elsewhere)})

    assert not socket.is_connected()
    assert socket.refusal == "Your joining link is for another workshop."


def test_removed_participant_is_refused(workshop, participant, connect):
    """A removed participant's token no longer connects."""
    token = participant_token(participant)
    participant.removed_at = utcnow()
    db.session.commit()

    socket = connect(workshop, auth={"token": token})

    assert not socket.is_connected()
    assert socket.refusal == "You were removed from this workshop."


def test_deleted_participant_is_refused(workshop, participant, connect):
    """A token for a participant row that is gone is refused."""
    token = participant_token(participant)
    db.session.delete(participant)
    db.session.commit()

    socket = connect(workshop, auth={"token": token})

    assert not socket.is_connected()
    assert socket.refusal == "Your place in this workshop no longer exists."


@pytest.mark.parametrize(
    ("query_string", "reason"),
    [
        ("w=no-such-workshop", "This workshop does not exist."),
        ("w=", "No workshop was named."),
        ("x=1", "No workshop was named."),
    ],
)
def test_unknown_or_missing_workshop_is_refused(
    participant, connect, query_string, reason
):
    """The workshop named in `w` must exist, even with a valid token."""
    socket = connect(
        query_string=query_string, auth={"token": participant_token(participant)}
    )

    assert not socket.is_connected()
    assert socket.refusal == reason


def test_no_token_and_not_signed_in_is_refused(workshop, connect):
    """An anonymous connection with no token is refused."""
    socket = connect(workshop)

    assert not socket.is_connected()
    assert socket.refusal == SIGN_IN_FIRST


def test_facilitator_connects_and_gets_a_presence_snapshot(
    workshop, participant, facilitator, connect
):
    """A facilitator of the owning team connects to the facilitators' rooms and
    receives who has joined."""
    socket = connect(workshop)

    assert socket.is_connected(), socket.refusal
    login_session = db.session.scalar(
        sa.select(LoginSession.id).filter_by(user_id=facilitator.id)
    )
    assert socket.rooms() == {
        rooms.facilitators(workshop.id),
        rooms.login_session(login_session),
    }
    [snapshot] = socket.events("presence")
    assert [p["id"] for p in snapshot["participants"]] == [participant.public_id]
    assert snapshot["participants"][0]["online"] is False


def test_snapshot_leaves_out_removed_participants(
    workshop, participant, facilitator, connect
):
    """Facilitators' presence snapshot lists only participants still taking part."""
    builders.make_participant(workshop, display_name="Gone", removed_at=utcnow())

    [snapshot] = connect(workshop).events("presence")

    assert [p["name"] for p in snapshot["participants"]] == ["Ana"]


def test_facilitator_of_another_team_is_refused(workshop, auth, connect):
    """Signing in is not enough: the workshop must belong to the user's team."""
    other_team = builders.make_team(name="Other Team")
    auth.login(builders.make_user(other_team))

    socket = connect(workshop)

    assert not socket.is_connected()
    assert socket.refusal == NOT_YOURS


def test_reviewer_is_refused(team, workshop, auth, connect):
    """Reviewers read outputs; they do not join a running workshop's sockets."""
    auth.login(builders.make_user(team, role="reviewer"))

    socket = connect(workshop)

    assert not socket.is_connected()
    assert socket.refusal == NOT_YOURS


def test_other_browser_is_not_signed_in_by_a_facilitator(
    app, workshop, facilitator, fac_socket, connect
):
    """A facilitator's login belongs to their browser: another one is anonymous."""
    socket = connect(workshop, http=app.test_client())

    assert not socket.is_connected()
    assert socket.refusal == SIGN_IN_FIRST


def test_facilitator_whose_login_session_ended_is_refused(
    workshop, facilitator, connect
):
    """A browser whose login-session row is gone (signed out elsewhere) is refused."""
    db.session.execute(sa.delete(LoginSession).filter_by(user_id=facilitator.id))
    db.session.commit()

    socket = connect(workshop)

    assert not socket.is_connected()
    assert socket.refusal == SIGN_IN_FIRST


def test_arrival_is_announced_to_facilitators_only(
    workshop, participant, fac_socket, connect_participant
):
    """A participant coming online is told to facilitators, never to participants."""
    first = connect_participant(participant)
    second = connect_participant(builders.make_participant(workshop, display_name="Bo"))

    told = [
        (e["participant"]["name"], e["participant"]["online"])
        for e in fac_socket.events("presence")
    ]
    assert told == [("Ana", True), ("Bo", True)]
    assert first.events("presence") == []
    assert second.events("presence") == []


def test_departure_is_announced_as_offline(
    participant, fac_socket, connect_participant
):
    """A participant's last connection closing tells facilitators they are offline."""
    socket = connect_participant(participant)
    fac_socket.get_received()

    socket.disconnect()

    [departure] = fac_socket.events("presence")
    assert departure["participant"]["id"] == participant.public_id
    assert departure["participant"]["online"] is False


def test_second_connection_does_not_announce_again(
    participant, fac_socket, connect_participant
):
    """Two tabs of one participant announce one arrival, and one departure when
    the last closes."""
    first = connect_participant(participant)
    second = connect_participant(participant)
    assert [a["participant"]["online"] for a in fac_socket.events("presence")] == [True]

    first.disconnect()
    assert fac_socket.events("presence") == []

    second.disconnect()
    assert [a["participant"]["online"] for a in fac_socket.events("presence")] == [
        False
    ]


def test_presence_carries_public_ids_only(
    workshop, participant, fac_socket, connect, connect_participant
):
    """Presence payloads name people by public id, never by database id."""
    connect_participant(participant)
    [arrival] = fac_socket.events("presence")
    [snapshot] = connect(workshop).events("presence")

    for view in [arrival["participant"], *snapshot["participants"]]:
        assert set(view) == {
            "id",
            "name",
            "role",
            "organisation",
            "organisation_type",
            "online",
            "removed",
            "device",
        }
        assert view["id"] == participant.public_id
        assert not any(
            isinstance(value, int) and not isinstance(value, bool)
            for value in view.values()
        )


@pytest.mark.parametrize(
    ("auth", "reason"),
    [
        ({"token": ["a", "list"]}, NOT_VALID),
        ({"token": 12345}, NOT_VALID),
        ({"token": True}, NOT_VALID),
        ({"token": {"w": "x", "p": "y"}}, NOT_VALID),
        ({"token": "x" * 100_000}, NOT_VALID),
        ({"token": "not.a.token"}, NOT_VALID),
        ({"token": "é" * 100}, NOT_VALID),
        ({"token": 0}, SIGN_IN_FIRST),
        ({"token": None}, SIGN_IN_FIRST),
        ({"something": "else"}, SIGN_IN_FIRST),
        (["token"], SIGN_IN_FIRST),
        ("token", SIGN_IN_FIRST),
    ],
)
def test_junk_auth_is_refused_cleanly(workshop, connect, caplog, auth, reason):
    """Any shape of auth payload is refused with a reason, never a server error."""
    socket = connect(workshop, auth=auth)

    assert not socket.is_connected()
    assert socket.refusal == reason
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_failure_while_authenticating_refuses_the_connection(
    workshop, participant, connect, monkeypatch, caplog
):
    """A bug in authentication refuses the connection (fail closed) and is logged."""

    def broken(*_args):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(connections, "authenticate", broken)

    socket = connect(workshop, auth={"token": participant_token(participant)})

    assert not socket.is_connected()
    assert socket.refusal == "Something went wrong on the server."
    assert "database unavailable" in caplog.text


def test_welcome_names_the_streams_the_person_and_their_group(
    workshop, participant, connect_participant
):
    """A participant in a breakout group is told its stream and its name, so
    their page can say where they are after any reconnect."""
    group = Group(workshop_id=workshop.id, name="Table <A>")
    db.session.add(group)
    db.session.flush()
    participant.group_id = group.id
    db.session.commit()

    socket = connect_participant(participant)

    [welcome] = socket.events("welcome")
    assert welcome == {
        "streams": [
            "participants",
            f"private:{participant.public_id}",
            f"group:{group.public_id}",
        ],
        "you": participant.public_id,
        "group": {"id": group.public_id, "name": "Table <A>"},
    }
