"""Finding the method an activity is made from: a built-in one by its id, or
one of the team's own copies as "team:<public id>"."""

import sqlalchemy as sa

from app.extensions import db
from app.methods.library import builtin_methods, get_builtin
from app.models import TeamMethod

TEAM_PREFIX = "team:"


def frozen_method(team_id, ref):
    """The content an activity freezes for method `ref`, or None."""
    if ref.startswith(TEAM_PREFIX):
        row = team_method(team_id, ref.removeprefix(TEAM_PREFIX))
        if row is None:
            return None
        return {
            **row.content,
            "method": ref,
            "version": row.version,
            "copied_from": {
                "method": row.copied_from,
                "version": row.copied_from_version,
            },
        }
    method = get_builtin(ref)
    return method.as_content() if method else None


def team_method(team_id, public_id):
    return db.session.scalar(
        sa.select(TeamMethod).filter_by(team_id=team_id, public_id=public_id)
    )


def choices(team_id, runnable):
    """Every method a team can build an activity from, (ref, method content),
    built-in first; only those of a kind in `runnable` (kinds this app runs)."""
    builtin = [(key, method.as_content()) for key, method in builtin_methods().items()]
    own = db.session.scalars(
        sa.select(TeamMethod).filter_by(team_id=team_id).order_by(TeamMethod.title)
    )
    every = builtin + [(TEAM_PREFIX + row.public_id, row.content) for row in own]
    return [(ref, method) for ref, method in every if method["kind"] in runnable]
