"""Grouping a board's notes under named themes: create, rename, merge and
split themes, and put a note under a theme or take it out.

Facilitators group in the grouping phase (and tidy up in discussion);
participants only where the board's settings let them. On a board run in
breakout groups a theme is its group's, seen by the streams that see that
group's notes (`theme_audiences`), and holds only that group's notes; a
facilitator's theme for no group is the whole room's.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from fractional_indexing import generate_key_between

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import board
from app.kinds.board_grouping_forms import (
    CreateThemeForm,
    MergeThemesForm,
    RenameThemeForm,
    SetThemeForm,
    SplitThemeForm,
)
from app.kinds.board_settings import participants_group
from app.kinds.board_theme_view import theme_view
from app.kinds.board_view import audiences_of, note_view, theme_audiences
from app.models import Activity, Note, Theme


def project(workshop, refs, stream_key):
    """The theme changed (or word that one went), and the notes that moved,
    as far as `stream_key` may see them."""
    activity = db.session.get(Activity, refs["activity"])
    theme = db.session.get(Theme, refs["theme"]) if refs.get("theme") else None
    view = {"activity": activity.public_id}
    if theme is not None and stream_key in theme_audiences(theme, activity):
        view["theme"] = theme_view(theme, activity)
    if refs.get("removed"):
        view["theme_removed"] = refs["removed"]
    notes = [db.session.get(Note, note_id) for note_id in refs.get("notes", [])]
    shown = [
        note_view(note, activity, stream_key)
        for note in notes
        if note is not None and stream_key in audiences_of(note, activity)
    ]
    if shown:
        view["notes"] = shown
    return view


def _theme_action(name, form):
    return action(f"board.{name}", form, project, kind="board")


@_theme_action("create_theme", CreateThemeForm)
def create_theme(ctx, data):
    """Make a new, empty theme at the end of the board's themes."""
    _may_group(ctx)
    activity = ctx.activity
    last = db.session.scalar(
        sa.select(sa.func.max(Theme.order_key)).filter_by(activity_id=activity.id)
    )
    theme = Theme(
        activity_id=activity.id,
        group_id=_new_theme_group(ctx, data["group"]),
        name=data["name"],
        order_key=generate_key_between(last, None),
    )
    db.session.add(theme)
    db.session.flush()
    return _outcome(ctx, theme, result={"theme": theme.public_id})


@_theme_action("rename_theme", RenameThemeForm)
def rename_theme(ctx, data):
    """Give a theme a new name (last writer wins)."""
    _may_group(ctx)
    theme = find_theme(ctx, data["theme"])
    theme.name = data["name"]
    return _outcome(ctx, theme)


@_theme_action("merge_themes", MergeThemesForm)
def merge_themes(ctx, data):
    """Merge a theme into another: its notes move there and it is deleted."""
    _may_group(ctx)
    source, target = find_theme(ctx, data["theme"]), find_theme(ctx, data["into"])
    if source.id == target.id:
        raise Refused("invalid", _("A theme cannot be merged into itself."))
    if target.group_id not in (None, source.group_id):
        raise Refused("invalid", _("Themes of different groups cannot be merged."))
    notes = _notes_of(source)
    for note in notes:
        note.theme_id = target.id
    seen = theme_audiences(source, ctx.activity)
    removed = source.public_id
    db.session.delete(source)
    db.session.flush()
    return _outcome(ctx, target, notes, also=seen, removed=removed)


@_theme_action("split_theme", SplitThemeForm)
def split_theme(ctx, data):
    """A new theme, just after this one, made of some of its notes."""
    _may_group(ctx)
    source = find_theme(ctx, data["theme"])
    if not data["notes"]:
        message = _("Choose the notes to split off.")
        raise Refused("invalid", message, fields={"notes": [message]})
    notes = [board.find_note(ctx, public_id) for public_id in data["notes"]]
    if any(note.theme_id != source.id for note in notes):
        raise Refused("invalid", _("Choose notes of the theme you are splitting."))
    theme = Theme(
        activity_id=ctx.activity.id,
        group_id=source.group_id,
        name=data["name"],
        order_key=generate_key_between(source.order_key, _next_key(source)),
    )
    db.session.add(theme)
    db.session.flush()
    for note in notes:
        note.theme_id = theme.id
    return _outcome(ctx, theme, notes, result={"theme": theme.public_id})


@action("board.set_theme", SetThemeForm, board.project, kind="board")
def set_theme(ctx, data):
    """Put a note under a theme of its group (or the room's), or take it out."""
    _may_group(ctx)
    note = board.find_note(ctx, data["note"])
    theme = find_theme(ctx, data["theme"]) if data["theme"] else None
    if theme is not None and theme.group_id not in (None, note.group_id):
        raise Refused("invalid", _("That theme belongs to another group."))
    before = audiences_of(note, ctx.activity)
    note.theme_id = theme.id if theme else None
    result = {"theme": theme.public_id if theme else None}
    return board.note_outcome(ctx.activity, note, before, result=result)


def find_theme(ctx, public_id):
    """The board's theme, if this actor may see it; else "not found"."""
    theme = db.session.scalar(
        sa.select(Theme).filter_by(activity_id=ctx.activity.id, public_id=public_id)
    )
    if theme is None or not _can_see(ctx, theme):
        raise Refused("not_found", _("That theme does not exist here."))
    return theme


def _can_see(ctx, theme):
    if ctx.loaded.participant is None:
        return True  # facilitators see every group's themes
    streams = set(audiences.streams_for(ctx.loaded))
    return bool(streams & theme_audiences(theme, ctx.activity))


def _may_group(ctx):
    if ctx.loaded.participant is not None and not participants_group(ctx.activity):
        raise Refused(
            "not_allowed", _("Only the facilitator groups the notes on this board.")
        )


def _new_theme_group(ctx, group_public_id):
    """A new theme's group id: on a board run in groups, a participant's own
    group, or the one a facilitator names (none: the whole room's)."""
    if not ctx.activity.in_groups:
        return None
    participant = ctx.loaded.participant
    if participant is not None:
        return participant.group_id
    return ctx.group(group_public_id).id if group_public_id else None


def _notes_of(theme):
    return db.session.scalars(sa.select(Note).filter_by(theme_id=theme.id)).all()


def _next_key(theme):
    """The order key of the theme after `theme`, or None if it is the last."""
    return db.session.scalar(
        sa.select(sa.func.min(Theme.order_key)).filter(
            Theme.activity_id == theme.activity_id,
            Theme.order_key > theme.order_key,
        )
    )


def _outcome(ctx, theme, notes=(), also=(), removed=None, result=None):
    """To every stream that sees the theme (or saw the one removed) or one
    of the notes that moved."""
    activity = ctx.activity
    streams = set(theme_audiences(theme, activity)) | set(also)
    for note in notes:
        streams |= audiences_of(note, activity)
    refs = {"activity": activity.id, "theme": theme.id, "removed": removed}
    refs["notes"] = [note.id for note in notes]
    return Outcome(
        refs=refs,
        audiences=dict.fromkeys(streams, False),
        result=result or {},
        kept=(activity, theme, *notes),
    )
