"""The projector screen: the room's view of a workshop, opened by a link."""

from flask import Blueprint

bp = Blueprint("screen", __name__)

from app.screen import routes  # noqa: E402,F401
