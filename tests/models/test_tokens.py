"""Participant tokens (app.tokens): signed, bound, and refused when altered or old.

Kept beside the models because a token names a participant and a workshop by
their public ids; app/tokens.py has no folder of its own.
"""

import time

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from app.tokens import BadToken, participant_token, read_participant_token
from tests import builders


@pytest.fixture
def participant(workshop):
    return builders.make_participant(workshop)


def test_token_round_trip(participant):
    """A token reads back as the participant's workshop and participant ids."""
    token = participant_token(participant)
    assert read_participant_token(token) == (
        participant.workshop.public_id,
        participant.public_id,
    )


def test_token_holds_no_database_ids(participant):
    """Tokens carry only opaque public ids, never row numbers or names."""
    token = participant_token(participant)
    payload = URLSafeTimedSerializer("x").load_payload(token.split(".")[0].encode())
    assert payload == {"w": participant.workshop.public_id, "p": participant.public_id}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), id="sig"),
        pytest.param(lambda t: ("x" if t[0] != "x" else "y") + t[1:], id="payload"),
        pytest.param(lambda t: t.replace(".", "", 1), id="no-dot"),
        pytest.param(lambda t: t + "A", id="appended"),
        pytest.param(lambda t: "", id="empty"),
        pytest.param(lambda t: "x" * 513, id="huge"),
        pytest.param(lambda t: None, id="none"),
        pytest.param(lambda t: 42, id="number"),
        pytest.param(lambda t: {"w": "a", "p": "b"}, id="dict"),
    ],
)
def test_altered_tokens_are_refused(participant, change):
    """Any change to a token, or something that is not one, is BadToken."""
    with pytest.raises(BadToken):
        read_participant_token(change(participant_token(participant)))


def test_token_from_another_secret_is_refused(app, participant):
    """A token signed with another server's secret is refused."""
    token = participant_token(participant)
    app.config["SECRET_KEY"] = "another-secret"
    with pytest.raises(BadToken):
        read_participant_token(token)


def test_token_with_another_salt_is_refused(app, participant):
    """Something else the app signs (another salt) is not a participant token."""
    other = URLSafeTimedSerializer(app.secret_key, salt="something-else")
    token = other.dumps(
        {"w": participant.workshop.public_id, "p": participant.public_id}
    )
    with pytest.raises(BadToken):
        read_participant_token(token)


@pytest.mark.parametrize(
    "data",
    [[1, 2], "w", {"w": "a"}, {"p": "b"}, None],
    ids=["list", "string", "no-participant", "no-workshop", "null"],
)
def test_well_signed_but_wrong_shape_is_refused(app, data):
    """A validly signed payload without both ids is refused, not a crash."""
    token = URLSafeTimedSerializer(app.secret_key, salt="participant-token").dumps(data)
    with pytest.raises(BadToken):
        read_participant_token(token)


def _token_made(seconds_ago, participant, monkeypatch):
    with monkeypatch.context() as patch:
        then = int(time.time()) - seconds_ago
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: then)
        return participant_token(participant)


def test_old_token_is_refused(app, participant, monkeypatch):
    """A token older than PARTICIPANT_TOKEN_MAX_AGE is refused."""
    max_age = app.config["PARTICIPANT_TOKEN_MAX_AGE"]
    token = _token_made(max_age + 60, participant, monkeypatch)
    with pytest.raises(BadToken):
        read_participant_token(token)


def test_token_within_its_age_is_accepted(app, participant, monkeypatch):
    """A token just younger than the maximum age still works."""
    max_age = app.config["PARTICIPANT_TOKEN_MAX_AGE"]
    token = _token_made(max_age - 60, participant, monkeypatch)
    assert read_participant_token(token)[1] == participant.public_id


def test_max_age_comes_from_config(app, participant, monkeypatch):
    """Shortening PARTICIPANT_TOKEN_MAX_AGE shortens how long tokens last."""
    token = _token_made(120, participant, monkeypatch)
    app.config["PARTICIPANT_TOKEN_MAX_AGE"] = 60
    with pytest.raises(BadToken):
        read_participant_token(token)
