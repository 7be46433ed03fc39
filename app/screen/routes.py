"""The projector screen, opened with its signed link by whoever runs the
projector: no account, no participant record, read only."""

import sqlalchemy as sa
from flask import Response, abort, render_template, url_for

from app.extensions import db
from app.models import Workshop
from app.run.qr import qr_svg
from app.screen import bp
from app.tokens import BadToken, read_projector_token


def _workshop_or_404(token):
    """The workshop a projector link opens, or 404."""
    try:
        workshop_id = read_projector_token(token)
    except BadToken:
        abort(404)
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop_id))
    if workshop is None:
        abort(404)
    return workshop


@bp.route("/screen/<token>")
def show(token):
    """The workshop's join code and its activities, live, for the projector."""
    workshop = _workshop_or_404(token)
    join_page = url_for("join.enter_code", _external=True).split("://", 1)[1]
    return render_template(
        "screen/show.html", workshop=workshop, token=token, join_page=join_page
    )


@bp.route("/screen/<token>/qr.svg")
def qr(token):
    """The join link as a QR code, for the projector link's holder."""
    workshop = _workshop_or_404(token)
    link = url_for("join.join", code=workshop.join_code, _external=True)
    response = Response(qr_svg(link), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
