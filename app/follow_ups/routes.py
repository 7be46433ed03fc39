"""A series' actions ("you said, we did"): the team reads them, facilitators
add, edit and update them and publish the public summary; an action can be
made from a workshop's note, topic or checklist item; anyone holding the
summary's address reads what was raised and what was done.

Every change goes through `apply()` with the form's op_id, in a workshop of
the series: the one in view, or the series' most recent one.
"""

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.extensions import db
from app.follow_ups import service, sources
from app.follow_ups.forms import CreateForm, EditForm, UpdateForm
from app.forms import apply_change, change_payload, submit_change
from app.models import Activity, Series

bp = Blueprint("follow_ups", __name__)


def team_series_or_404(public_id):
    """The current user's team's series; any other team's is "not found"."""
    series = db.session.scalar(
        sa.select(Series).filter_by(public_id=public_id, team_id=current_user.team_id)
    )
    if series is None:
        abort(404)
    return series


def _index_url(series, follow_up_id=None):
    url = url_for("follow_ups.index", series_id=series.public_id)
    return f"{url}#action-{follow_up_id}" if follow_up_id else url


# --- The series' actions ---------------------------------------------------


@bp.route("/series/<series_id>/actions")
@login_required
def index(series_id):
    """Every action of the series, open ones first, and its public summary."""
    series = team_series_or_404(series_id)
    return _index(series, CreateForm())


@bp.route("/series/<series_id>/actions", methods=["POST"])
@facilitator_required
def create(series_id):
    """Add an action typed in on the series' page (facilitators)."""
    series = team_series_or_404(series_id)
    form = CreateForm()
    if not form.validate_on_submit():
        return _index(series, form), 400
    try:
        ack = _apply_in_series(series, "follow_up.create", form, change_payload(form))
    except Refused as refusal:
        flash(refusal.message, "error")
        return _index(series, form), 400
    flash(_("The action is added."), "success")
    return redirect(_index_url(series, ack["result"]["follow_up"]))


@bp.route("/series/<series_id>/actions/<follow_up_id>")
@login_required
def show(series_id, follow_up_id):
    """One action, its updates, and (facilitators) forms to change it."""
    series = team_series_or_404(series_id)
    follow_up = _action_or_404(series, follow_up_id)
    return _show(series, follow_up, _edit_form(follow_up), UpdateForm())


@bp.route("/series/<series_id>/actions/<follow_up_id>/edit", methods=["POST"])
@facilitator_required
def edit(series_id, follow_up_id):
    """Change what an action says; a stale edit shows the current words."""
    series = team_series_or_404(series_id)
    follow_up = _action_or_404(series, follow_up_id)
    form = EditForm()
    if not form.validate_on_submit():
        return _show(series, follow_up, form, UpdateForm()), 400
    payload = {**change_payload(form), "follow_up": follow_up.public_id}
    try:
        _apply_in_series(series, "follow_up.edit", form, payload)
    except Refused as refusal:
        return _refused_edit(series, follow_up, form, refusal)
    flash(_("The action is saved."), "success")
    return redirect(_index_url(series, follow_up.public_id))


@bp.route("/series/<series_id>/actions/<follow_up_id>/update", methods=["POST"])
@facilitator_required
def update(series_id, follow_up_id):
    """Add a dated update and/or a new status to an action."""
    series = team_series_or_404(series_id)
    follow_up = _action_or_404(series, follow_up_id)
    form = UpdateForm()
    if not form.validate_on_submit():
        return _show(series, follow_up, _edit_form(follow_up), form), 400
    payload = {**change_payload(form), "follow_up": follow_up.public_id}
    try:
        _apply_in_series(series, "follow_up.update", form, payload)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _show(series, follow_up, _edit_form(follow_up), form), 400
    flash(_("The update is added."), "success")
    return redirect(_index_url(series, follow_up.public_id))


@bp.route("/series/<series_id>/summary", methods=["POST"])
@facilitator_required
def publish_summary(series_id):
    """Publish the public "you said, we did" summary at a new address."""
    series = team_series_or_404(series_id)
    message = _("The summary is published. Anyone with its address can read it.")
    _submit_in_series(series, "follow_up.publish_summary", message)
    return redirect(_index_url(series) + "#summary")


@bp.route("/series/<series_id>/summary/withdraw", methods=["POST"])
@facilitator_required
def withdraw_summary(series_id):
    """Withdraw the public summary: its address shows nothing from now on."""
    series = team_series_or_404(series_id)
    message = _("The summary is withdrawn: its address now shows nothing.")
    _submit_in_series(series, "follow_up.withdraw_summary", message)
    return redirect(_index_url(series) + "#summary")


# --- Making an action from a workshop ----------------------------------------


@bp.route("/workshops/<workshop_id>/actions/new")
@facilitator_required
def new(workshop_id):
    """What of this workshop can become an action, or the form for one."""
    workshop = team_workshop_or_404(workshop_id)
    form = CreateForm(formdata=None, data=_source_args())
    return _new(workshop, form)


@bp.route("/workshops/<workshop_id>/actions/new", methods=["POST"])
@facilitator_required
def create_from_workshop(workshop_id):
    """Agree an action in this workshop, through the write path."""
    workshop = team_workshop_or_404(workshop_id)
    form = CreateForm()
    if not form.validate_on_submit():
        return _new(workshop, form), 400
    try:
        apply_change(workshop, "follow_up.create", form)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _new(workshop, form), 400
    flash(_("The action is added to the series."), "success")
    return redirect(url_for("follow_ups.new", workshop_id=workshop.public_id))


# --- The public summary --------------------------------------------------------


@bp.route("/you-said-we-did/<token>")
def summary(token):
    """What was raised at each workshop of a series and what was done about
    it, for anyone holding the address (no account; no names)."""
    series = service.published(token)
    if series is None:
        abort(Response(render_template("follow_ups/summary_gone.html"), 404))
    return render_template(
        "follow_ups/summary.html", series=series, parts=_summary_parts(series)
    )


# --- Helpers -------------------------------------------------------------------


def _action_or_404(series, public_id):
    try:
        return service.find(series, public_id)
    except Refused:
        abort(404)


def _workshop_of(series):
    """The workshop a series' change goes through: its most recent one (no
    workshop is in view on the series' pages)."""
    workshop = service.latest_workshop(series)
    if workshop is None:
        raise Refused(
            "no_workshop",
            _("Add a workshop to this series first: actions go through one."),
        )
    return workshop


def _apply_in_series(series, name, form, payload):
    return apply_change(_workshop_of(series), name, form, payload=payload)


def _submit_in_series(series, name, success):
    """Apply a button-only change (publish, withdraw), flashing the outcome."""
    try:
        workshop = _workshop_of(series)
    except Refused as refusal:
        flash(refusal.message, "error")
        return
    submit_change(workshop, name, {}, success)


def _refused_edit(series, follow_up, form, refusal):
    """A refused edit: the typed words kept; if stale, the current words
    shown beside them, and the form set to replace them if saved again."""
    flash(refusal.message, "error")
    current = refusal.details.get("current") if refusal.code == "stale" else None
    if current is not None:
        form.version.data = current["version"]
        form.version.raw_data = [str(current["version"])]
    page = _show(series, follow_up, form, UpdateForm(), current=current)
    return page, 409 if current is not None else 400


def _edit_form(follow_up):
    return EditForm(formdata=None, obj=follow_up)


def _index(series, form):
    actions = service.actions_of(series)
    return render_template(
        "follow_ups/index.html",
        series=series,
        form=form,
        open_actions=[a for a in actions if a.is_open],
        closed_actions=[a for a in actions if not a.is_open],
        workshop=service.latest_workshop(series),
        views={a.id: service.team_view(a) for a in actions},
        summary_url=_summary_url(series),
        may_edit=current_user.can_facilitate,
    )


def _show(series, follow_up, form, update_form, current=None):
    return render_template(
        "follow_ups/show.html",
        series=series,
        follow_up=follow_up,
        view=service.team_view(follow_up),
        form=form,
        update_form=update_form,
        current=current,
        may_edit=current_user.can_facilitate,
    )


def _summary_url(series):
    if not series.summary_token:
        return None
    return url_for("follow_ups.summary", token=series.summary_token, _external=True)


def _source_args():
    """The source named in the page's address, as form data."""
    names = ("source_kind", "source_ref", "activity")
    return {name: request.args.get(name, "")[:80] for name in names}


def _new(workshop, form):
    chosen = _chosen_source(workshop, form)
    return render_template(
        "follow_ups/new.html",
        workshop=workshop,
        series=workshop.series,
        form=form,
        chosen=chosen,
        listed=sources.activities_with_sources(workshop) if workshop.series else [],
        raised_here=service.raised_in(workshop) if workshop.series else [],
    )


def _chosen_source(workshop, form):
    """(activity, words) of the source the form names, or None (none named,
    or none this workshop may quote)."""
    kind, ref = form.source_kind.data, form.source_ref.data
    if not (kind and ref and form.activity.data):
        return None
    activity = db.session.scalar(
        sa.select(Activity).filter_by(
            workshop_id=workshop.id, public_id=form.activity.data
        )
    )
    if activity is None:
        flash(_("That activity does not exist here."), "error")
        return None
    try:
        return activity, sources.raised_text(activity, kind, ref)
    except Refused as refusal:
        flash(refusal.message, "error")
        return None


def _summary_parts(series):
    """(workshop or None, its actions' public views) in the series' order;
    None gathers actions whose workshop is gone."""
    actions = service.actions_of(series)
    parts = []
    for workshop in service.ordered_workshops(series):
        here = [a for a in actions if a.raised_in_id == workshop.id]
        if here:
            parts.append((workshop, [service.public_view(a) for a in here]))
    known = {workshop.id for workshop, _views in parts}
    elsewhere = [a for a in actions if a.raised_in_id not in known]
    if elsewhere:
        parts.append((None, [service.public_view(a) for a in elsewhere]))
    return parts
