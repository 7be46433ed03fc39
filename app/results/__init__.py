"""An activity's revealed results as chart specifications, for live screens.

The specifications come from app/charts.py (the one chart definition) in the
reader's language; the browser draws them with static/js/charts.js.
"""

from flask import Blueprint

bp = Blueprint("results", __name__)

from app.results import routes  # noqa: E402,F401
