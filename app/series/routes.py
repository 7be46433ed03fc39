"""Series pages: the team's series, a new one, a series' workshops and its
trends (team members), and the next workshop made from one of its
workshops (facilitators). Another team's series is not found."""

import sqlalchemy as sa
from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.auth.access import facilitator_required
from app.exports import runner
from app.extensions import db
from app.models import Workshop
from app.series import bp, page, service, sources
from app.series.forms import EditSeriesForm, NextWorkshopForm, SeriesForm
from app.transactions import reading


@bp.route("/")
@login_required
def index():
    """The team's series, newest first."""
    found = service.team_series(current_user.team_id)
    return render_template("series/index.html", found=found)


@bp.route("/new", methods=["GET", "POST"])
@facilitator_required
def new():
    """Make a series; workshops join it from their details form."""
    form = SeriesForm()
    if form.validate_on_submit():
        series = service.create_series(current_user.team, current_user, form)
        flash(_("Series created. Add workshops to it from their details."), "success")
        return redirect(url_for("series.show", series_id=series.public_id))
    return render_template("series/form.html", form=form, series=None)


@bp.route("/<series_id>/edit", methods=["GET", "POST"])
@facilitator_required
def edit(series_id):
    """Change a series' title and description."""
    series = service.series_or_404(current_user.team_id, series_id)
    form = EditSeriesForm(obj=series)
    if form.validate_on_submit():
        service.edit_series(series, form)
        flash(_("Series saved."), "success")
        return redirect(url_for("series.show", series_id=series.public_id))
    return render_template("series/form.html", form=form, series=series)


@bp.route("/<series_id>")
@login_required
def show(series_id):
    """A series: its workshops by date, then how its scores moved."""
    series = service.series_or_404(current_user.team_id, series_id)
    with reading():
        workshops = sources.workshops_of(series)
        trends = page.sections(series)
        open_actions = service.open_actions(series)
    specs = [figure.spec for section in trends for figure in section.figures]
    runner.keep_only_charts(series.public_id, specs)
    return render_template(
        "series/show.html",
        series=series,
        workshops=workshops,
        trends=trends,
        open_actions=open_actions,
        actions_url=_actions_url(series),
    )


@bp.route("/<series_id>/charts/<chart_key>.svg")
@login_required
def chart(series_id, chart_key):
    """One trend chart as SVG, drawn by the worker (as the report's are)."""
    series = service.series_or_404(current_user.team_id, series_id)
    with reading():
        spec = page.chart_spec(series, chart_key)
    if spec is None:
        abort(404)
    # Kept in the series' own folder of chart images.
    return runner.chart_response(spec, series)


@bp.route("/<series_id>/workshops/<workshop_id>/next", methods=["GET", "POST"])
@facilitator_required
def next_workshop(series_id, workshop_id):
    """Make the next workshop of the series from this one, once the
    facilitator confirms its title and date."""
    series = service.series_or_404(current_user.team_id, series_id)
    source = _series_workshop_or_404(series, workshop_id)
    form = NextWorkshopForm()
    if not form.is_submitted():
        form.title.data = source.title
        form.date.data = service.suggested_date(source)
    if form.validate_on_submit():
        made = service.create_next(
            source, current_user, form.title.data, form.date.data
        )
        flash(
            _(
                "The next workshop is ready, with the agenda of “%(title)s”.",
                title=source.title,
            ),
            "success",
        )
        return redirect(url_for("run.agenda", workshop_id=made.public_id))
    return render_template("series/next.html", form=form, series=series, source=source)


def _actions_url(series):
    """The series' actions page, where the app has one (app/follow_ups)."""
    if "follow_ups.index" not in current_app.view_functions:
        return None
    return url_for("follow_ups.index", series_id=series.public_id)


def _series_workshop_or_404(series, public_id):
    workshop = db.session.scalar(
        sa.select(Workshop).filter_by(
            public_id=public_id,
            team_id=series.team_id,
            series_id=series.id,
            rehearsal_of_id=None,
        )
    )
    if workshop is None:
        abort(404)
    return workshop
