"""Team review on the report page: any member of the team (reviewers and
facilitators) comments on a saved workshop; the comments are listed there,
for the team alone."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import actors, changes
from app.auth.access import team_workshop_or_404
from app.extensions import db
from app.forms import change_payload
from app.models import Activity, ReviewComment, User, agenda_of
from app.review.forms import ReviewCommentForm

bp = Blueprint("review", __name__)


@bp.route("/workshops/<workshop_id>/report/review-comments", methods=["POST"])
@login_required
def comment(workshop_id):
    """Add a comment through the write path, as a reviewer or a facilitator."""
    workshop = team_workshop_or_404(workshop_id)
    form = ReviewCommentForm(agenda_of(workshop.id))
    if form.validate_on_submit():
        try:
            changes.apply(
                _actor(workshop),
                "review.comment",
                change_payload(form),
                form.op_id.data,
            )
        except changes.Refused as refusal:
            flash(refusal.message, "error")
        else:
            flash(_("Your comment is added."), "success")
            return redirect(_back(workshop))
    page = render_template("review/comment.html", workshop=workshop, form=form)
    return page, 400


@bp.app_template_global()
def review_panel(workshop):
    """What the report page's comments part shows (team members only): the
    comments, oldest first, and a form for another."""
    return {
        "comments": _comments(workshop),
        "form": ReviewCommentForm(agenda_of(workshop.id), formdata=None),
        "action": url_for("review.comment", workshop_id=workshop.public_id),
    }


def _actor(workshop):
    """The signed-in member as the permission table sees them."""
    build = (
        actors.for_facilitator if current_user.can_facilitate else actors.for_reviewer
    )
    return build(workshop, current_user, session.get("login_session"))


def _back(workshop):
    return url_for("report.page", workshop_id=workshop.public_id) + "#review-comments"


def _comments(workshop):
    return db.session.execute(
        sa.select(ReviewComment, User.name, Activity.title)
        .outerjoin(User, User.id == ReviewComment.author_id)
        .outerjoin(Activity, Activity.id == ReviewComment.activity_id)
        .filter(ReviewComment.workshop_id == workshop.id)
        .order_by(ReviewComment.created_at, ReviewComment.id)
    ).all()
