"""The report page (team members), the facilitator's own words, share links
(facilitators), the read-only copy a share link shows anyone holding it with
its comment form while it takes comments, and the review before publishing
where facilitators redact.

Charts are images the worker process draws (app/exports/runner.py): the
page needs no script to show them, and every format shows the same picture.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app import actors, changes
from app.auth.access import facilitator_required, team_workshop_or_404
from app.changes import Refused
from app.exports import runner
from app.extensions import db, limiter
from app.forms import apply_change, change_payload, submit_change
from app.models import ReportText, Workshop
from app.report import comments, model, review, sharing
from app.report.comments import CommentForm
from app.report.document import Chart
from app.report.forms import RedactForm, ReportTextForm, ShareForm
from app.transactions import reading

bp = Blueprint("report", __name__)


@bp.route("/workshops/<workshop_id>/report")
@login_required
def page(workshop_id):
    """The report as it stands, live during the workshop and kept after."""
    workshop = team_workshop_or_404(workshop_id)
    form = ReportTextForm(obj=_words(workshop))
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
    """Publish a read-only copy (of the report, or of one pathway) at a new
    link, until a day if given, open for comments until a day if given."""
    workshop = team_workshop_or_404(workshop_id)
    form = ShareForm().offer(sharing.pathways(workshop))
    if not form.validate_on_submit():
        return _page(workshop, ReportTextForm(obj=_words(workshop)), share=form), 400
    try:
        apply_change(workshop, "report.share", form)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _page(workshop, ReportTextForm(obj=_words(workshop)), share=form), 400
    flash(_("The new link is ready. Anyone with the link can read it."), "success")
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
    """The report's participant-level view as published (or one pathway's),
    for anyone holding a live link; its comment form while it takes them."""
    return _shared_page(sharing.live_link(token))


def _comment_limit():
    config = current_app.config
    return config.get("COMMENT_RATE_LIMIT") or config["JOIN_RATE_LIMIT"]


@bp.route("/shared/<token>/comments", methods=["POST"])
@limiter.limit(_comment_limit, methods=["POST"])
def comment(token):
    """Send a comment through a link open for comments (anyone holding it)."""
    link = sharing.live_link(token)
    if not link.takes_comments:
        flash(_("Comments on this link are closed."), "error")
        return _shared_page(link), 403
    form = CommentForm().offer(link)
    if not form.validate_on_submit():
        return _shared_page(link, form), 400
    actor = actors.for_commenter(link)
    try:
        changes.apply(actor, "link.comment", change_payload(form), form.op_id.data)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _shared_page(link, form), 400
    flash(_("Thank you. Your comment has gone to the facilitators."), "success")
    return redirect(url_for("report.shared", token=link.token) + "#comment")


@bp.route("/shared/<token>/charts/<activity_id>/<chart_key>.svg")
def shared_chart(token, activity_id, chart_key):
    link = sharing.live_link(token)
    if not sharing.shows_activity(link, activity_id):
        abort(404)
    workshop = db.session.get(Workshop, link.workshop_id)
    return _chart_image(workshop, activity_id, chart_key)


@bp.route("/workshops/<workshop_id>/report/publish")
@facilitator_required
def publish(workshop_id):
    """Review what will be published, and redact before it goes out."""
    return _publish_page(team_workshop_or_404(workshop_id))


@bp.route("/workshops/<workshop_id>/report/redact", methods=["POST"])
@facilitator_required
def redact(workshop_id):
    """Leave a contribution out of everything published, saying why."""
    workshop = team_workshop_or_404(workshop_id)
    form = RedactForm()
    if not form.validate_on_submit():
        return _publish_page(workshop, failed=form), 400
    try:
        apply_change(workshop, "report.redact", form)
    except Refused as refusal:
        flash(refusal.message, "error")
        return _publish_page(workshop, failed=form), 400
    flash(_("Redacted: it is left out of everything published."), "success")
    return _back_to_publish(workshop)


@bp.route("/workshops/<workshop_id>/report/unredact", methods=["POST"])
@facilitator_required
def unredact(workshop_id):
    """Publish a redacted contribution again."""
    workshop = team_workshop_or_404(workshop_id)
    message = _("No longer redacted: it is published again.")
    submit_change(workshop, "report.unredact", {}, message)
    return _back_to_publish(workshop)


def _back_to_publish(workshop):
    return redirect(url_for("report.publish", workshop_id=workshop.public_id))


def _publish_page(workshop, failed=None):
    listed = review.parts(workshop)
    return render_template(
        "report/publish.html",
        workshop=workshop,
        parts=listed,
        record=review.record(workshop, listed),
        failed=failed,
    )


def _shared_page(link, form=None):
    """A live link's page: its body, and its comment form while it takes them."""
    workshop = db.session.get(Workshop, link.workshop_id)
    body = _report_body(workshop, "report.shared_chart", {"token": link.token})
    if link.takes_comments and form is None:
        form = CommentForm().offer(link)
    return render_template(
        "report/shared.html",
        workshop=workshop,
        body=body,
        link=link,
        form=form if link.takes_comments else None,
        day_words=sharing.day_words,
    )


def _words(workshop):
    return db.session.get(ReportText, workshop.id)


def _page(workshop, form, preview=False, share=None):
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
        links=sharing.links_of(workshop),
        share_form=share or ShareForm().offer(sharing.pathways(workshop)),
        scope=sharing.scope,
        day_words=sharing.day_words,
        received=comments.received(workshop),
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


def _chart_src(endpoint, **values):
    def chart_src(section, chart):
        return url_for(endpoint, activity_id=section.id, chart_key=chart.key, **values)

    return chart_src


def _chart_image(workshop, activity_id, chart_key):
    """One chart of an activity's report section as SVG, drawn by the worker;
    404 unless the section (under the report's rules) shows that chart."""
    with reading():
        section = model.section(workshop, activity_id)
    spec = _chart_spec(section, chart_key)
    if spec is None:
        abort(404)
    return runner.chart_response(spec, workshop)


def _chart_spec(section, chart_key):
    for block in section.blocks if section else ():
        if isinstance(block, Chart) and block.key == chart_key:
            return block.spec
    return None
