"""How a board's themes are read and shown (who sees them: `theme_audiences`
in app/kinds/board_view.py, beside the notes' audiences)."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Group, Theme


def themes_of(activity):
    """The board's themes in order (loaded once, so a note's theme is then
    found in the session without another query)."""
    return db.session.scalars(
        sa.select(Theme)
        .filter_by(activity_id=activity.id)
        .order_by(Theme.order_key, Theme.id)
    ).all()


def theme_group(theme):
    return db.session.get(Group, theme.group_id) if theme.group_id else None


def theme_view(theme, activity):
    """A theme as every stream that may see it sees it: ids are public."""
    group = theme_group(theme)
    return {
        "id": theme.public_id,
        "activity": activity.public_id,
        "name": theme.name,
        "order": theme.order_key,
        "group": group.public_id if group else None,
        "group_name": group.name if group else None,
    }


def theme_public_id(note):
    """The public id of the theme `note` is grouped under, or None."""
    if note.theme_id is None:
        return None
    theme = db.session.get(Theme, note.theme_id)
    return theme.public_id if theme else None


def group_choices(activity):
    """The workshop's breakout groups, for a facilitator's new theme."""
    groups = db.session.scalars(
        sa.select(Group).filter_by(workshop_id=activity.workshop_id).order_by(Group.id)
    )
    return [{"id": group.public_id, "name": group.name} for group in groups]
