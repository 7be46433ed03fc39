"""Join with a code, rejoin on another device, and the participant's page."""

import sqlalchemy as sa
from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.extensions import db, limiter
from app.forms import ConfirmForm
from app.join import bp, participants
from app.join.forms import CodeForm, JoinForm, RejoinForm
from app.models import Participant, Workshop
from app.vocabulary import ENGAGEMENT_QUOTES, ENGAGEMENT_SOURCE


def _join_limit():
    return current_app.config["JOIN_RATE_LIMIT"]


def _find_workshop(field):
    """The workshop a code field names, or None with the field's error set."""
    workshop = Workshop.by_join_code(field.data)
    if workshop is None:
        field.errors.append(
            _("No workshop has this code. Check it against the screen and try again.")
        )
    return workshop


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit(_join_limit, methods=["POST"])
def enter_code():
    """Ask for the join code read out or shown on the projector."""
    form = CodeForm()
    if form.validate_on_submit():
        workshop = _find_workshop(form.code)
        if workshop is not None:
            return redirect(url_for("join.join", code=workshop.join_code))
    return render_template("join/enter_code.html", form=form)


@bp.route("/join/<code>", methods=["GET", "POST"])
@limiter.limit(_join_limit, methods=["POST"])
def join(code):
    """Join a workshop with no account: name, role, organisation, consents."""
    workshop = Workshop.by_join_code(code)
    if workshop is None:
        form = CodeForm(data={"code": code})
        form.code.errors = [
            _("No workshop has this code. Check it against the screen and try again.")
        ]
        return render_template("join/enter_code.html", form=form), 404
    returning = participants.current(workshop, include_removed=True)
    if returning and returning.is_removed:
        return render_template("join/removed.html", workshop=workshop), 403
    if returning:
        return redirect(url_for("join.workshop", workshop_id=workshop.public_id))
    if not workshop.is_open:
        return render_template("join/closed.html", workshop=workshop), 410
    form = JoinForm()
    if form.validate_on_submit():
        participant = _new_participant(workshop, form)
        participants.remember(participant)
        return redirect(url_for("join.workshop", workshop_id=workshop.public_id))
    return render_template("join/join.html", form=form, workshop=workshop)


def _new_participant(workshop, form):
    participant = Participant(
        workshop=workshop, rejoin_code=Participant.free_rejoin_code(workshop)
    )
    form.populate_obj(participant)
    participant.organisation = participant.organisation or None
    db.session.add(participant)
    db.session.commit()
    return participant


@bp.route("/rejoin", methods=["GET", "POST"])
@limiter.limit(_join_limit, methods=["POST"])
def rejoin():
    """Continue as the same participant on another device, with the rejoin code."""
    form = RejoinForm()
    if form.validate_on_submit():
        workshop = _find_workshop(form.code)
        participant = workshop and Participant.by_rejoin_code(
            workshop, form.rejoin_code.data
        )
        if workshop and participant is None:
            form.rejoin_code.errors.append(
                _("This rejoin code does not match anyone in this workshop.")
            )
        elif participant and participant.is_removed:
            form.rejoin_code.errors.append(_("You were removed from this workshop."))
        elif participant:
            participants.remember(participant)
            flash(
                _("Welcome back, %(name)s.", name=participant.display_name), "success"
            )
            return redirect(url_for("join.workshop", workshop_id=workshop.public_id))
    return render_template("join/rejoin.html", form=form)


@bp.route("/w/<workshop_id>")
def workshop(workshop_id):
    """The participant's view of the workshop they joined."""
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop_id))
    if workshop is None:
        abort(404)
    participant = participants.current(workshop, include_removed=True)
    if participant is None:
        return redirect(url_for("join.join", code=workshop.join_code))
    if participant.is_removed:
        return render_template("join/removed.html", workshop=workshop), 403
    return participant_page(
        workshop, participant, token=participants.token_for(workshop)
    )


def participant_page(workshop, participant, **extra):
    """A participant's page of the workshop: theirs, or a scribe's entering
    for them (app/run/scribe.py, `scribe=True`)."""
    return render_template(
        "join/workshop.html",
        workshop=workshop,
        participant=participant,
        engagement_quote=ENGAGEMENT_QUOTES[workshop.engagement_level],
        engagement_source=ENGAGEMENT_SOURCE,
        leave_form=ConfirmForm(),
        **extra,
    )


@bp.route("/w/<workshop_id>/leave", methods=["POST"])
def leave(workshop_id):
    """Forget this workshop in this browser (the rejoin code still works)."""
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop_id))
    if workshop is None:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    participants.forget(workshop)
    flash(_("You have left this workshop on this device."), "info")
    return redirect(url_for("main.index"))
