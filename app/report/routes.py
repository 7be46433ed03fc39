"""The report page (team members), the facilitator's own words, share links
(facilitators), and the read-only copy a share link shows anyone holding it.

Charts are images the worker process draws (app/exports/runner.py): the
page needs no script to show them, and every format shows the same picture.
"""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.exports import runner
from app.extensions import db
from app.forms import apply_change, submit_change
from app.models import ReportText, ShareLink, Workshop
from app.report import model
from app.report.document import Chart
from app.report.forms import ReportTextForm
from app.transactions import reading

bp = Blueprint("report", __name__)


@bp.route("/workshops/<workshop_id>/report")
@login_required
def page(workshop_id):
    """The report as it stands, live during the workshop and kept after."""
    workshop = team_workshop_or_404(workshop_id)
    form = ReportTextForm(obj=db.session.get(ReportText, workshop.id))
    return _page(workshop, form)


@bp.route("/workshops/<workshop_id>/report/text", methods=["POST"])
@facilitator_required
def edit_text(workshop_id):
    """Preview the facilitator's words in the report, or save them."""
    workshop = team_workshop_or_404(workshop_id)
    form = ReportTextForm()
    if not form.validate_on_submit():
        return _page(workshop, form), 400
    if form.preview.data:
        return _page(workshop, form, preview=True)
    try:
        apply_change(workshop, "report.edit_text", form)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _page(workshop, form), 400
    flash(_("The report's summary is saved."), "success")
    return redirect(url_for("report.page", workshop_id=workshop.public_id))


@bp.route("/workshops/<workshop_id>/report/share", methods=["POST"])
@facilitator_required
def share(workshop_id):
    """Publish a read-only copy at a new link."""
    workshop = team_workshop_or_404(workshop_id)
    message = _("The report is shared at a new link. Anyone with the link can read it.")
    submit_change(workshop, "report.share", {}, message)
    return redirect(url_for("report.page", workshop_id=workshop.public_id) + "#share")


@bp.route("/workshops/<workshop_id>/report/share/<link_id>/withdraw", methods=["POST"])
@facilitator_required
def withdraw_share(workshop_id, link_id):
    """Withdraw a share link: it shows nothing from now on."""
    workshop = team_workshop_or_404(workshop_id)
    message = _("The link is withdrawn: it now shows nothing.")
    submit_change(workshop, "report.withdraw_share", {"link": link_id}, message)
    return redirect(url_for("report.page", workshop_id=workshop.public_id) + "#share")


@bp.route("/workshops/<workshop_id>/report/charts/<activity_id>/<chart_key>.svg")
@login_required
def chart(workshop_id, activity_id, chart_key):
    workshop = team_workshop_or_404(workshop_id)
    return _chart_image(workshop, activity_id, chart_key)


@bp.route("/shared/<token>")
def shared(token):
    """The report's participant-level view, for anyone holding a live link."""
    workshop = db.session.get(Workshop, _live_link(token).workshop_id)
    body = _report_body(workshop, "report.shared_chart", {"token": token})
    return render_template("report/shared.html", workshop=workshop, body=body)


@bp.route("/shared/<token>/charts/<activity_id>/<chart_key>.svg")
def shared_chart(token, activity_id, chart_key):
    workshop = db.session.get(Workshop, _live_link(token).workshop_id)
    return _chart_image(workshop, activity_id, chart_key)


def _page(workshop, form, preview=False):
    """The report page; with `preview`, the typed words stand in for the
    saved ones, unsaved."""
    words = None
    if preview:
        fields = ("summary", "key_messages", "next_steps")
        words = {name: form[name].data or "" for name in fields}
    chart_values = {"workshop_id": workshop.public_id}
    return render_template(
        "report/page.html",
        workshop=workshop,
        body=_report_body(workshop, "report.chart", chart_values, words),
        form=form,
        preview=preview,
        links=_links(workshop),
        may_edit=current_user.can_facilitate,
    )


def _report_body(workshop, chart_endpoint, chart_values, words=None):
    """The report's HTML, made by the worker: the HTML its template made,
    every typed string escaped there, so it is marked safe here."""
    try:
        html = runner.report_html(workshop, chart_endpoint, chart_values, words)
    except runner.WorkerUnavailable:
        abort(503)
    return Markup(html)


def _links(workshop):
    return db.session.scalars(
        sa.select(ShareLink)
        .filter_by(workshop_id=workshop.id)
        .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
    ).all()


def _chart_src(endpoint, **values):
    def chart_src(section, chart):
        return url_for(endpoint, activity_id=section.id, chart_key=chart.key, **values)

    return chart_src


def _live_link(token):
    """The share link `token` names; a page saying why there is nothing to
    see if it is unknown (404) or withdrawn (410)."""
    link = db.session.scalar(sa.select(ShareLink).filter_by(token=token[:64]))
    if link is None:
        abort(Response(render_template("report/link_gone.html", withdrawn=False), 404))
    if not link.is_live:
        abort(Response(render_template("report/link_gone.html", withdrawn=True), 410))
    return link


def _chart_image(workshop, activity_id, chart_key):
    """One chart of an activity's report section as SVG, drawn by the worker;
    404 unless the section (under the report's rules) shows that chart."""
    with reading():
        section = model.section(workshop, activity_id)
    spec = _chart_spec(section, chart_key)
    if spec is None:
        abort(404)
    try:
        svg = runner.chart_svg(spec, workshop=workshop)
    except runner.WorkerUnavailable:
        abort(503)
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def _chart_spec(section, chart_key):
    for block in section.blocks if section else ():
        if isinstance(block, Chart) and block.key == chart_key:
            return block.spec
    return None
