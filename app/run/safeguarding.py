"""The safeguarding lead's page for revealing who wrote an anonymous note:
the note quoted, a reason required, then the log entry with the author."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app import privacy, safeguarding
from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.extensions import db
from app.forms import ChangeForm, apply_change
from app.models import Activity, Note
from app.run import bp


@bp.route("/<workshop_id>/notes/<note_id>/reveal", methods=["GET", "POST"])
@facilitator_required
def reveal_author(workshop_id, note_id):
    workshop = team_workshop_or_404(workshop_id)
    if not safeguarding.is_lead(current_user, workshop.team):
        abort(403)
    note, activity = _anonymous_note(workshop, note_id)
    form = ChangeForm()
    if form.validate_on_submit():
        try:
            ack = apply_change(workshop, "author.reveal", form)
        except Refused as refusal:
            flash(refusal.message, "error")
        else:
            reveal = ack["result"]["reveal"]
            return redirect(
                url_for("team.safeguarding_log", _anchor=f"reveal-{reveal}")
            )
    return render_template(
        "run/reveal.html", workshop=workshop, activity=activity, note=note, form=form
    )


def _anonymous_note(workshop, note_id):
    """The workshop's note in an anonymous activity, or 404."""
    row = db.session.execute(
        sa.select(Note, Activity)
        .join(Activity, Activity.id == Note.activity_id)
        .filter(Activity.workshop_id == workshop.id, Note.public_id == note_id)
    ).first()
    if row is None or not privacy.is_anonymous(row.Activity):
        abort(404)
    return row.Note, row.Activity
