"""A board's part of the report and its raw data, from what the projector
sees (app/kinds/board_view.py): no hidden note, no private writing before
its reveal, no author in an anonymous activity, and vote counts only once
the room sees them."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from app.extensions import db
from app.kinds.board_results import ranked
from app.kinds.board_view import snapshot
from app.kinds.report_parts import (
    author_name,
    detail,
    nothing_shown,
    projected,
    record_for,
    remark,
)
from app.methods.texts import display
from app.models import Group, Note
from app.report.document import Entries, Entry, Heading


@dataclass
class Board:
    """A board as the report sees it: the projector's view of it, and the
    names it may show."""

    activity: object
    state: dict
    names: object
    groups: dict  # group public id -> name

    @property
    def notes(self):
        return self.state["notes"]

    def column_title(self, key):
        titles = {c["key"]: display(c["title"]) for c in self.state["columns"]}
        return titles.get(key, key)

    def group_name(self, note):
        return self.groups.get(note["group"], "")

    def author(self, note):
        return author_name(self.activity, self.names, note["author"])


def seen(activity, names):
    groups = db.session.execute(
        sa.select(Group.public_id, Group.name).filter_by(
            workshop_id=activity.workshop_id
        )
    )
    state = projected(snapshot, activity)
    # Redacted notes, and words of people who did not agree to be quoted,
    # go the way hidden notes go (app/report/redaction.py).
    state = {**state, "notes": names.withheld.notes(activity, state["notes"])}
    return Board(activity, state, names, dict(groups.all()))


def report(activity, names):
    """The notes ranked by dots (once the room sees the counts), the themes
    with their notes, and every column's notes."""
    board = seen(activity, names)
    if not board.notes:
        return [nothing_shown(activity, _("No notes were written."))]
    return [*_ranks(board), *_themes(board), *_columns(board)]


def _dots(note):
    count = note.get("votes") or 0
    return ngettext("%(num)d dot", "%(num)d dots", count) if count else ""


def note_entry(board, note):
    """A note: its text, and a detail line of its dots, its author's name
    (only if they agreed) and its group."""
    return Entry(
        note["text"],
        detail(_dots(note), board.author(note), board.group_name(note)),
    )


def voted(board):
    """The rows of the notes with dots whose counts the room sees (the
    views say so), by public id."""
    ids = [note["id"] for note in board.notes if note.get("votes")]
    rows = db.session.scalars(sa.select(Note).filter(Note.public_id.in_(ids)))
    return {row.public_id: row for row in rows}


def _ranks(board):
    """The notes with dots, most first, as app/kinds/board_results.py ranks
    them for every screen."""
    rows = voted(board)
    if not rows:
        return []
    views = {note["id"]: note for note in board.notes}
    order = ranked(board.activity, list(rows.values()))
    entries = tuple(note_entry(board, views[row.public_id]) for row in order)
    return [Heading(_("Ranked by dots")), Entries(entries, ordered=True)]


def _themes(board):
    themes = board.state["themes"]
    if not themes:
        return []
    entries = [
        Entry(theme["name"], theme["group_name"] or "", _entries_of(board, theme["id"]))
        for theme in themes
    ]
    loose = _entries_of(board, None)
    if loose:
        entries.append(Entry(_("Not in a theme"), "", loose))
    return [Heading(_("Themes")), Entries(tuple(entries))]


def _entries_of(board, theme_id):
    return tuple(
        note_entry(board, note) for note in board.notes if note["theme"] == theme_id
    )


def _columns(board):
    blocks = [Heading(_("Notes by column"))]
    for column in board.state["columns"]:
        notes = [note for note in board.notes if note["column"] == column["key"]]
        blocks.append(Heading(display(column["title"]), 4))
        if notes:
            blocks.append(Entries(tuple(note_entry(board, note) for note in notes)))
        else:
            blocks.append(remark(_("No notes.")))
    return blocks


def records(activity, names):
    """One row per note and per voter's dots on a note (never the voter)."""
    board, row = seen(activity, names), record_for(activity)
    notes = [
        row(
            type="note",
            item=board.column_title(note["column"]),
            text=note["text"],
            value=str(note["votes"]) if "votes" in note else "",
            group=board.group_name(note),
            author=board.author(note),
        )
        for note in board.notes
    ]
    return notes + _vote_records(board, row)


def _vote_records(board, row):
    """Each voter's dots on a note, in the board's order and largest first
    (not in the order people voted), for the notes whose counts the room
    sees."""
    rows = voted(board)
    return [
        row(
            type="vote",
            item=board.column_title(note["column"]),
            text=note["text"],
            value=str(count),
            group=board.group_name(note),
        )
        for note in board.notes
        if note["id"] in rows
        for count in sorted(
            (vote.count for vote in rows[note["id"]].votes), reverse=True
        )
    ]
