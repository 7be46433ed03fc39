"""Running a workshop: the facilitator's console, projector view and presence."""

from flask import Blueprint

bp = Blueprint("run", __name__)

from app.run import agenda, rehearsal, routes, safeguarding, scribe  # noqa: E402,F401
