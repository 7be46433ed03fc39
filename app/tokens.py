"""Participant tokens: signed, bound to one workshop and one participant."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer


class BadToken(Exception):
    """The token is missing, tampered with or too old."""


def _serializer(salt="participant-token"):
    return URLSafeTimedSerializer(current_app.secret_key, salt=salt)


def projector_token(workshop):
    """A token that opens the workshop's projector screen (read only)."""
    return _serializer("projector-token").dumps({"w": workshop.public_id})


def read_projector_token(token):
    """The workshop public id a projector token names, or BadToken."""
    if not isinstance(token, str) or not token or len(token) > 512:
        raise BadToken()
    try:
        data = _serializer("projector-token").loads(token)
    except BadSignature as error:
        raise BadToken() from error
    if not isinstance(data, dict) or not isinstance(data.get("w"), str):
        raise BadToken()
    return data["w"]


def participant_token(participant):
    """A token naming the participant and the workshop they joined."""
    return _serializer().dumps(
        {"w": participant.workshop.public_id, "p": participant.public_id}
    )


def read_participant_token(token):
    """(workshop public id, participant public id) from a token, or BadToken."""
    if not isinstance(token, str) or not token or len(token) > 512:
        raise BadToken()
    max_age = current_app.config["PARTICIPANT_TOKEN_MAX_AGE"]
    try:
        data = _serializer().loads(token, max_age=max_age)
    except BadSignature as error:
        raise BadToken() from error
    if not isinstance(data, dict) or not {"w", "p"} <= data.keys():
        raise BadToken()
    return data["w"], data["p"]
