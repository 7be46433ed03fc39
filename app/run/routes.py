"""The workshop's console, its projector view, QR code, participant removal
and the facilitator's controls (set an activity's phase, breakout groups).
The agenda's routes are in agenda.py."""

import json

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.extensions import db
from app.forms import ChangeForm, ConfirmForm, apply_change, submit_change
from app.models import Group, Participant, Workshop
from app.realtime import presence
from app.run import bp
from app.run.qr import qr_svg
from app.tokens import projector_token
from app.vocabulary import ORGANISATION_TYPES, PARTICIPANT_ROLES


def join_link(workshop):
    return url_for("join.join", code=workshop.join_code, _external=True)


@bp.route("/<workshop_id>/")
@login_required
def console(workshop_id):
    """The workshop page: details, join code, and who is here (live for
    facilitators; reviewers see the record)."""
    workshop = team_workshop_or_404(workshop_id)
    labels = {
        "roles": {key: str(label) for key, label in PARTICIPANT_ROLES.items()},
        "organisation_types": {
            key: str(label) for key, label in ORGANISATION_TYPES.items()
        },
    }
    return render_template(
        "run/console.html",
        workshop=workshop,
        join_link=join_link(workshop),
        participants=presence.snapshot(workshop)["participants"],
        labels=labels,
        labels_json=json.dumps(labels),
        live=current_user.can_facilitate,
        confirm_form=ConfirmForm(),
        rehearsal_of=db.session.get(Workshop, workshop.rehearsal_of_id or 0),
        **(_groups(workshop) if current_user.can_facilitate else {}),
    )


def _groups(workshop):
    """The workshop's breakout groups, each with its members, and everyone
    still in the workshop (for the group select forms)."""
    groups = db.session.scalars(
        sa.select(Group)
        .filter_by(workshop_id=workshop.id)
        .order_by(Group.created_at, Group.id)
    ).all()
    people = db.session.scalars(
        sa.select(Participant)
        .filter_by(workshop_id=workshop.id, removed_at=None)
        .order_by(Participant.joined_at, Participant.id)
    ).all()
    members = {group.id: [] for group in groups}
    for person in people:
        if person.group_id in members:
            members[person.group_id].append(person)
    return {"groups": groups, "members": members, "people": people}


@bp.route("/<workshop_id>/show")
@facilitator_required
def projector(workshop_id):
    """Full-screen join code, link and QR code for the projector."""
    workshop = team_workshop_or_404(workshop_id)
    join_page = url_for("join.enter_code", _external=True).split("://", 1)[1]
    screen_link = url_for("screen.show", token=projector_token(workshop))
    return render_template(
        "run/projector.html",
        workshop=workshop,
        join_link=join_link(workshop),
        join_page=join_page,
        screen_link=screen_link,
    )


@bp.route("/<workshop_id>/qr.svg")
@login_required
def qr(workshop_id):
    """The join link as a QR code."""
    workshop = team_workshop_or_404(workshop_id)
    response = Response(qr_svg(join_link(workshop)), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.route("/<workshop_id>/participants/<participant_id>/remove", methods=["POST"])
@facilitator_required
def remove_participant(workshop_id, participant_id):
    """Remove a participant from the workshop; they cannot reconnect."""
    workshop = team_workshop_or_404(workshop_id)
    participant = db.session.scalar(
        sa.select(Participant).filter_by(
            public_id=participant_id, workshop_id=workshop.id
        )
    )
    if participant is None:
        abort(404)
    form = ChangeForm()
    if not form.validate_on_submit():
        abort(400)
    name = participant.display_name
    try:
        payload = {"participant": participant_id}
        apply_change(workshop, "workshop.remove_participant", form, payload=payload)
    except Refused as refusal:
        flash(refusal.message, "info")
    else:
        flash(_("%(name)s has been removed.", name=name), "success")
    return redirect(url_for("run.console", workshop_id=workshop.public_id))


@bp.route("/<workshop_id>/activities/<activity_id>/phase", methods=["POST"])
@facilitator_required
def set_phase(workshop_id, activity_id):
    """Move an activity to another of its phases (facilitators of the workshop)."""
    workshop = team_workshop_or_404(workshop_id)
    extra = {"activity": activity_id}
    submit_change(workshop, "activity.set_phase", extra, _("Phase changed."))
    return redirect(url_for("run.console", workshop_id=workshop.public_id))


@bp.route("/<workshop_id>/groups", methods=["POST"])
@facilitator_required
def create_group(workshop_id):
    """Create a breakout group (facilitators of the workshop)."""
    workshop = team_workshop_or_404(workshop_id)
    name = request.form.get("name", "").strip()
    success = _("Group “%(name)s” created.", name=name)
    submit_change(workshop, "workshop.create_group", {}, success)
    return redirect(url_for("run.console", workshop_id=workshop.public_id))


@bp.route("/<workshop_id>/groups/balance", methods=["POST"])
@facilitator_required
def balance_groups(workshop_id):
    """Make a number of groups and deal everyone present into them, mixed by
    role (facilitators of the workshop)."""
    workshop = team_workshop_or_404(workshop_id)
    count = request.form.get("count", "").strip()
    success = _(
        "Everyone here is now in one of %(count)s groups, mixed by role.", count=count
    )
    submit_change(workshop, "workshop.balance_groups", {}, success)
    return redirect(url_for("run.console", workshop_id=workshop.public_id))


@bp.route("/<workshop_id>/participants/<participant_id>/group", methods=["POST"])
@facilitator_required
def assign_group(workshop_id, participant_id):
    """Put a participant in a breakout group, or in none (field `group` empty)."""
    workshop = team_workshop_or_404(workshop_id)
    extra = {"participant": participant_id, "group": request.form.get("group", "")}
    if submit_change(workshop, "workshop.assign_group", extra, None):
        participant = db.session.scalar(
            sa.select(Participant).filter_by(
                public_id=participant_id, workshop_id=workshop.id
            )
        )
        name = participant.display_name
        if participant.group is None:
            flash(_("%(name)s is in no group now.", name=name), "success")
        else:
            group = participant.group.name
            flash(_("%(name)s moved to %(group)s.", name=name, group=group), "success")
    return redirect(url_for("run.console", workshop_id=workshop.public_id))
