"""Joining a workshop with a code, no account: join, rejoin, the participant page."""

from flask import Blueprint

bp = Blueprint("join", __name__)

from app.join import routes  # noqa: E402,F401
