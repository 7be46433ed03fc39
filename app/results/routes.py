"""GET an activity's charts: for whoever may see its results on a shared
stream now — the team's facilitators and reviewers, the workshop's
participants, or the projector link's holder — and only once revealed
(facilitators before, where the activity lets them see private writing)."""

import sqlalchemy as sa
from flask import abort, jsonify, request
from flask_login import current_user

from app import audiences, privacy
from app.extensions import db
from app.join import participants
from app.kinds import kind_of
from app.models import Activity, Workshop
from app.results import bp
from app.tokens import BadToken, read_projector_token
from app.transactions import reading


@bp.route("/results/<workshop_id>/<activity_id>/charts.json")
def charts(workshop_id, activity_id):
    """The activity's charts, `{"charts": [{"id", "spec"}]}`; 404 for anyone
    who may not see them, and before the reveal."""
    with reading():
        workshop = db.session.scalar(
            sa.select(Workshop).filter_by(public_id=workshop_id)
        )
        if workshop is None or not _may_read(workshop):
            abort(404)
        activity = db.session.scalar(
            sa.select(Activity).filter_by(
                workshop_id=workshop.id, public_id=activity_id
            )
        )
        kind = kind_of(activity) if activity else None
        if kind is None or kind.charts is None or not _may_see(workshop, activity):
            abort(404)
        specs = kind.charts(activity)
    response = jsonify({"charts": [{"id": key, "spec": spec} for key, spec in specs]})
    response.headers["Cache-Control"] = "no-store"
    return response


def _may_see(workshop, activity):
    """Revealed results, or the team's facilitators before the reveal where
    the activity lets them see private writing."""
    stream = audiences.PARTICIPANTS
    if _is_facilitator(workshop):
        stream = audiences.FACILITATORS
    return privacy.results_visible(activity, stream)


def _is_facilitator(workshop):
    user = current_user
    return (
        user.is_authenticated
        and user.team_id == workshop.team_id
        and user.can_facilitate
    )


def _may_read(workshop):
    if current_user.is_authenticated and current_user.team_id == workshop.team_id:
        return True
    if participants.current(workshop) is not None:
        return True
    return _projector_holds(workshop, request.args.get("screen", ""))


def _projector_holds(workshop, token):
    try:
        return read_projector_token(token) == workshop.public_id
    except BadToken:
        return False
