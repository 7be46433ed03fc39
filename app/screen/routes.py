"""The projector screen, opened with its signed link by whoever runs the
projector: no account, no participant record, read only."""

import sqlalchemy as sa
from flask import abort, render_template, url_for

from app.extensions import db
from app.models import Workshop
from app.screen import bp
from app.tokens import BadToken, read_projector_token


@bp.route("/screen/<token>")
def show(token):
    """The workshop's join code and its activities, live, for the projector."""
    try:
        workshop_id = read_projector_token(token)
    except BadToken:
        abort(404)
    workshop = db.session.scalar(sa.select(Workshop).filter_by(public_id=workshop_id))
    if workshop is None:
        abort(404)
    join_page = url_for("join.enter_code", _external=True).split("://", 1)[1]
    return render_template(
        "screen/show.html", workshop=workshop, token=token, join_page=join_page
    )
