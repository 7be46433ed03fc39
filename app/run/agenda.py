"""The agenda page: activities made from methods in the library, added,
edited, reordered, removed and started, each through the write path."""

import sqlalchemy as sa
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.access import facilitator_required, team_workshop_or_404
from app.extensions import db
from app.forms import submit_change
from app.kinds import KINDS, kind_of
from app.kinds.content import method_of
from app.methods.lookup import choices
from app.methods.texts import display
from app.models import Group, agenda_of
from app.run import bp

# Where a form may send the facilitator back to: these pages only.
RETURN_TO = {"agenda": "run.agenda", "console": "run.console"}


@bp.route("/<workshop_id>/agenda")
@facilitator_required
def agenda(workshop_id):
    """The workshop's activities in order, and the library to add from."""
    workshop = team_workshop_or_404(workshop_id)
    groups = db.session.scalars(
        sa.select(Group).filter_by(workshop_id=workshop.id).order_by(Group.id)
    ).all()
    return render_template(
        "run/agenda.html",
        workshop=workshop,
        activities=_activities(workshop),
        methods=_method_choices(current_user.team_id),
        groups=groups,
    )


def _activities(workshop):
    rows = agenda_of(workshop.id)
    return [(activity, method_of(activity), _summary(activity)) for activity in rows]


def _summary(activity):
    kind = kind_of(activity)
    return kind.summary(activity) if kind and kind.summary else ""


def _method_choices(team_id):
    """(ref, title, summary) for the add form, built-in methods first."""
    return [
        (ref, display(method["title"]), display(method["summary"]))
        for ref, method in choices(team_id, KINDS)
    ]


@bp.route("/<workshop_id>/activities", methods=["POST"])
@facilitator_required
def add_activity(workshop_id):
    """Add an activity made from a method at the end of the agenda."""
    workshop = team_workshop_or_404(workshop_id)
    submit_change(workshop, "workshop.add_activity", {}, _("Activity added."))
    return _back(workshop)


@bp.route("/<workshop_id>/activities/<activity_id>/edit", methods=["POST"])
@facilitator_required
def edit_activity(workshop_id, activity_id):
    """Rename an activity or change its engagement, time box or groups."""
    workshop = team_workshop_or_404(workshop_id)
    extra = {"activity": activity_id}
    submit_change(workshop, "workshop.edit_activity", extra, _("Activity saved."))
    return _back(workshop)


@bp.route("/<workshop_id>/activities/<activity_id>/move", methods=["POST"])
@facilitator_required
def move_activity(workshop_id, activity_id):
    """Move an activity one place up or down (field `direction`)."""
    workshop = team_workshop_or_404(workshop_id)
    submit_change(workshop, "workshop.move_activity", {"activity": activity_id}, None)
    return _back(workshop)


@bp.route("/<workshop_id>/activities/<activity_id>/remove", methods=["POST"])
@facilitator_required
def remove_activity(workshop_id, activity_id):
    """Remove an activity and what was written in it."""
    workshop = team_workshop_or_404(workshop_id)
    extra = {"activity": activity_id}
    submit_change(workshop, "workshop.remove_activity", extra, _("Activity removed."))
    return _back(workshop)


@bp.route("/<workshop_id>/current", methods=["POST"])
@facilitator_required
def start_activity(workshop_id):
    """Make an activity the one every screen follows (field `activity`;
    empty for none)."""
    workshop = team_workshop_or_404(workshop_id)
    submit_change(
        workshop, "workshop.start_activity", {}, _("Everyone now follows it.")
    )
    return _back(workshop)


def _back(workshop):
    endpoint = RETURN_TO.get(request.form.get("return_to"), "run.agenda")
    return redirect(url_for(endpoint, workshop_id=workshop.public_id))
