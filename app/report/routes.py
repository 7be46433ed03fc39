"""The report page, the facilitator's own words, and share links."""

from flask import Blueprint

bp = Blueprint("report", __name__)
