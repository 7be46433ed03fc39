"""Scribe entry over HTTP: adding someone here without a device, and the page
a facilitator uses to enter for them (their own participant page)."""

import sqlalchemy as sa
from flask import abort, redirect, url_for
from flask_babel import gettext as _

from app.auth.access import facilitator_required, team_workshop_or_404
from app.extensions import db
from app.forms import submit_change
from app.join.routes import participant_page
from app.models import Participant
from app.run import bp


@bp.route("/<workshop_id>/participants/without-device", methods=["POST"])
@facilitator_required
def add_without_device(workshop_id):
    workshop = team_workshop_or_404(workshop_id)
    submit_change(
        workshop,
        "workshop.add_without_device",
        {},
        _("Added. Enter for them from “Who is here”."),
    )
    return redirect(url_for("run.console", workshop_id=workshop.public_id))


@bp.route("/<workshop_id>/scribe/<participant_id>")
@facilitator_required
def scribe(workshop_id, participant_id):
    """The participant's own page, for a facilitator entering for them."""
    workshop = team_workshop_or_404(workshop_id)
    participant = db.session.scalar(
        sa.select(Participant).filter_by(
            workshop_id=workshop.id, public_id=participant_id
        )
    )
    if participant is None or participant.is_removed or participant.has_device:
        abort(404)
    return participant_page(workshop, participant, scribe=True)
