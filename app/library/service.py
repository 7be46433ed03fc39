"""The team's method library: built-in methods, and the team's copies of them."""

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from app.extensions import db
from app.methods.library import builtin_methods, get_builtin
from app.methods.lookup import team_method
from app.methods.texts import display
from app.models import TeamMethod


def builtin_list():
    """The built-in methods, by their title in the reader's language."""
    methods = builtin_methods().values()
    return sorted(methods, key=lambda method: display(method.title.model_dump()))


def builtin_or_404(method_id):
    method = get_builtin(method_id)
    if method is None:
        abort(404)
    return method


def team_copies(team_id):
    """The team's own copies, by title."""
    return db.session.scalars(
        sa.select(TeamMethod).filter_by(team_id=team_id).order_by(TeamMethod.title)
    ).all()


def team_copy_or_404(public_id):
    """The current user's team's copy; any other team's is "not found"."""
    row = team_method(current_user.team_id, public_id)
    if row is None:
        abort(404)
    return row


def copy_builtin(method, user):
    """Copy a built-in method into `user`'s team's library, recording what it
    was copied from; the new copy, at its own version 1."""
    row = TeamMethod(
        team_id=user.team_id,
        kind=method.kind,
        title=method.title.text,
        content={**method.as_content(), "version": 1},
        copied_from=method.id,
        copied_from_version=method.version,
        version=1,
        created_by_id=user.id,
    )
    db.session.add(row)
    db.session.commit()
    return row


def save_copy(row, content, seen_version):
    """Store a copy's edited content (already checked) as its next version,
    unless it has changed since `seen_version`; True if saved. Activities
    made from it keep the copy they froze (DESIGN.md, Kinds)."""
    [words] = content["title"].values()  # the title's words, for sorting
    # One conditional UPDATE: of two saves made from the same version, the
    # second finds the version moved on and changes nothing.
    saved = db.session.execute(
        sa.update(TeamMethod)
        .where(TeamMethod.id == row.id, TeamMethod.version == seen_version)
        .values(content=content, version=content["version"], title=words)
    )
    db.session.commit()
    return saved.rowcount == 1


def delete_copy(row):
    """Remove a copy from the team's library; activities keep theirs."""
    db.session.delete(row)
    db.session.commit()
