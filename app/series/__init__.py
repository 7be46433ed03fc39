"""Series: a team's recurring workshops (a quarterly provider forum), their
trends across workshops, and the next workshop made from the last."""

from flask import Blueprint

bp = Blueprint("series", __name__)

from app.series import routes  # noqa: E402,F401
