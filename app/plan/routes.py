"""Workshop list, create, edit and delete."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.extensions import db
from app.forms import ConfirmForm, apply_change, choices
from app.models import Workshop
from app.plan import bp, service
from app.plan.forms import EditWorkshopForm, WorkshopForm
from app.realtime import connections


@bp.route("/")
@login_required
def index():
    """The team's workshops, newest first."""
    workshops = db.session.scalars(
        sa.select(Workshop)
        .filter_by(team_id=current_user.team_id)
        .order_by(Workshop.date.desc().nulls_last(), Workshop.created_at.desc())
    ).all()
    return render_template("plan/index.html", workshops=workshops)


@bp.route("/new", methods=["GET", "POST"])
@facilitator_required
def new():
    """Create a workshop; it gets its join code at once."""
    form = WorkshopForm()
    _offer_series(form)
    if form.validate_on_submit() and _series_is_the_teams(form):
        workshop = service.create_workshop(current_user.team, current_user, form)
        flash(_("Workshop created. Share the join code when you are ready."), "success")
        return redirect(url_for("run.console", workshop_id=workshop.public_id))
    return render_template("plan/edit.html", form=form, workshop=None)


@bp.route("/<workshop_id>/edit", methods=["GET", "POST"])
@facilitator_required
def edit(workshop_id):
    """Edit a workshop's title, date, purpose, engagement level, or close it."""
    workshop = team_workshop_or_404(workshop_id)
    form = EditWorkshopForm(obj=workshop)
    _offer_series(form)
    if not form.is_submitted():
        form.closed.data = not workshop.is_open
        form.series.data = workshop.series.public_id if workshop.series else ""
    if form.validate_on_submit():
        try:
            apply_change(workshop, "workshop.edit", form)
        except Refused as refusal:
            flash(refusal.message, "error")
            return render_template("plan/edit.html", form=form, workshop=workshop), 400
        flash(_("Workshop saved."), "success")
        return redirect(url_for("run.console", workshop_id=workshop.public_id))
    return render_template("plan/edit.html", form=form, workshop=workshop)


def _offer_series(form):
    """The team's series as the form's choices, "not in a series" first."""
    found = service.series_choices(current_user.team_id)
    offered = {row.public_id: row.title for row in found}
    form.series.choices = choices(offered, blank=_("Not in a series"))


def _series_is_the_teams(form):
    """Whether the chosen series (if any) is the team's; if not, says so."""
    try:
        service.series_for(current_user.team_id, form.series.data)
    except service.UnknownSeries:
        form.series.errors.append(_("Choose a series from the list."))
        return False
    return True


@bp.route("/<workshop_id>/delete", methods=["GET", "POST"])
@facilitator_required
def delete(workshop_id):
    """Delete a workshop and all it holds, after a confirmation page."""
    workshop = team_workshop_or_404(workshop_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        workshop_key, title = workshop.id, workshop.title
        service.delete_workshop(workshop)
        connections.close_workshop(workshop_key)
        flash(_("“%(title)s” has been deleted.", title=title), "success")
        return redirect(url_for("plan.index"))
    return render_template("plan/delete.html", workshop=workshop, form=form)
