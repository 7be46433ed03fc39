"""Who may open which page: decorators and team-scoped look-ups."""

from functools import wraps

import sqlalchemy as sa
from flask import abort
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Workshop


def facilitator_required(view):
    """Signed in as a facilitator (or admin) of a team."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.can_facilitate:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def admin_required(view):
    """Signed in as an admin of a team."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def team_workshop_or_404(public_id):
    """The current user's team's workshop; any other team's is "not found"."""
    workshop = db.session.scalar(
        sa.select(Workshop).filter_by(public_id=public_id, team_id=current_user.team_id)
    )
    if workshop is None:
        abort(404)
    return workshop
