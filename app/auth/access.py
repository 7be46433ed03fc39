"""Who may open which page: decorators and team-scoped look-ups."""

from functools import wraps

import sqlalchemy as sa
from flask import abort
from flask_login import current_user, login_required

from app.extensions import db
from app.models import Workshop


def _requires(check):
    """A decorator: signed in, and `check(current_user)` holds, else 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not check(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


# Signed in as a facilitator (or admin) of a team.
facilitator_required = _requires(lambda user: user.can_facilitate)
# Signed in as an admin of a team.
admin_required = _requires(lambda user: user.is_admin)


def team_workshop_or_404(public_id):
    """The current user's team's workshop; any other team's is "not found"."""
    workshop = db.session.scalar(
        sa.select(Workshop).filter_by(public_id=public_id, team_id=current_user.team_id)
    )
    if workshop is None:
        abort(404)
    return workshop
