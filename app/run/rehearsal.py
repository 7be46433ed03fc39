"""Rehearsing a workshop (app/rehearsal.py) and previewing an activity as a
participant sees it."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import rehearsal
from app.auth.access import facilitator_required, team_workshop_or_404
from app.extensions import db
from app.forms import ConfirmForm
from app.models import Activity
from app.run import bp
from app.tokens import projector_token


@bp.route("/<workshop_id>/rehearsal", methods=["POST"])
@facilitator_required
def rehearse(workshop_id):
    """Open the workshop's rehearsal, making it first if there is none."""
    workshop = team_workshop_or_404(workshop_id)
    if workshop.is_rehearsal or not ConfirmForm().validate_on_submit():
        abort(400)
    copy = rehearsal.rehearse(workshop, current_user)
    flash(_("This is a rehearsal: nothing here touches the real workshop."), "success")
    return redirect(url_for("run.console", workshop_id=copy.public_id))


@bp.route("/<workshop_id>/rehearsal/reset", methods=["POST"])
@facilitator_required
def reset_rehearsal(workshop_id):
    """Throw a rehearsal's writing and people away: start again from a copy."""
    workshop = team_workshop_or_404(workshop_id)
    if not workshop.is_rehearsal or not ConfirmForm().validate_on_submit():
        abort(400)
    copy = rehearsal.reset(workshop, current_user)
    flash(
        _("The rehearsal is reset: it has a new join code and nothing in it."),
        "success",
    )
    return redirect(url_for("run.console", workshop_id=copy.public_id))


@bp.route("/<workshop_id>/preview/<activity_id>")
@facilitator_required
def preview(workshop_id, activity_id):
    """One activity as participants see it now, read only: the room's view
    (as the projector gets it), drawn with the participant's page."""
    workshop = team_workshop_or_404(workshop_id)
    activity = db.session.scalar(
        sa.select(Activity).filter_by(workshop_id=workshop.id, public_id=activity_id)
    )
    if activity is None:
        abort(404)
    return render_template(
        "run/preview.html",
        workshop=workshop,
        activity=activity,
        token=projector_token(workshop),
    )
