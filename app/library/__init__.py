"""The method library: built-in methods, and the team's own edited copies."""

from flask import Blueprint

bp = Blueprint("library", __name__)

from app.library import routes  # noqa: E402,F401
