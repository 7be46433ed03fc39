"""What people contributed to an activity, as the workshop archive holds it
(app/exports/archive.py): what the projector sees, once the room sees it.
Notes and cards are linked to their author where the activity is not
anonymous; scores, marks and votes are linked to nobody in any activity,
as no screen and no report shows who gave them. What publishing withholds
(app/report/redaction.py: redacted contributions, and words of people who
did not agree to be quoted) is not in the archive either.

`context` is the archive's Context: the archive ids of the workshop's
activities, groups and participants, their roles, and
`author(activity, id)`, the one way to a link to a person.
"""

import random

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app import audiences, privacy
from app.extensions import db
from app.kinds.board_settings import counts_withheld
from app.kinds.board_view import audiences_of
from app.kinds.roles import role_buckets
from app.models import Note, PathwayCard, Score, SpectrumMark, Theme, Workshop
from app.report import redaction


class Refs:
    """Archive-local ids for one kind of row ("p1", "p2"...), by row id."""

    def __init__(self, prefix, keys=()):
        self._prefix, self._ids = prefix, {}
        for key in keys:
            self.add(key)

    def add(self, key):
        self._ids[key] = f"{self._prefix}{len(self._ids) + 1}"
        return self._ids[key]

    def __call__(self, key):
        return None if key is None else self._ids.get(key)


def by_activity(model, activity, *options):
    return db.session.scalars(
        sa.select(model)
        .filter_by(activity_id=activity.id)
        .order_by(model.id)
        .options(*options)
    ).all()


def of(activity, context):
    """Every contribution list of the archive's `activity`."""
    withheld = redaction.Withheld(db.session.get(Workshop, activity.workshop_id))
    notes = _published(activity, _notes(activity), withheld, redaction.note_target)
    themes = Refs("t", (row.id for row in by_activity(Theme, activity)))
    note_refs = Refs("n", (note.id for note in notes))
    scores = _revealed_rows(Score, activity)
    marks = _revealed_rows(SpectrumMark, activity)
    respondents = _respondents(activity, [*scores, *marks], context.roles)
    return {
        "themes": _themes(activity, themes, context),
        "notes": [_note(note, activity, note_refs, themes, context) for note in notes],
        "votes": _votes(activity, notes, note_refs),
        "respondents": list(respondents.values()),
        "scores": [_score(row, respondents, activity, withheld) for row in scores],
        "marks": [_mark(row, respondents) for row in marks],
        "cards": _cards(activity, context, withheld),
    }


def _themes(activity, themes, context):
    return [
        {
            "id": themes(theme.id),
            "name": theme.name,
            "order": theme.order_key,
            "group": context.group(theme.group_id),
        }
        for theme in by_activity(Theme, activity)
    ]


# What deciding who sees a note reads, and its votes: loaded with the notes.
NOTE_LINKS = (
    selectinload(Note.author),
    selectinload(Note.group),
    selectinload(Note.votes),
)


def _notes(activity):
    """The notes the projector sees: not hidden, no private writing before
    the reveal."""
    return [
        note
        for note in by_activity(Note, activity, *NOTE_LINKS)
        if audiences.PROJECTOR_STREAM in audiences_of(note, activity)
    ]


def _note(note, activity, note_refs, themes, context):
    return {
        "id": note_refs(note.id),
        "column": note.column,
        "topic": note.topic,
        "order": note.order_key,
        "text": note.text,
        "private": note.private,
        "group": context.group(note.group_id),
        "theme": themes(note.theme_id),
        "author": context.author(activity, note.author_participant_id),
    }


def _votes(activity, notes, note_refs):
    """The dots on each note, once the room sees the counts, largest first and
    without the voter, whom no screen shows."""
    if counts_withheld(activity, activity.phase):
        return []
    return [
        {"note": note_refs(note.id), "dots": count}
        for note in notes
        for count in sorted((vote.count for vote in note.votes), reverse=True)
    ]


def _revealed_rows(model, activity):
    """Scores or marks, only once the room has seen the results."""
    if not privacy.results_visible(activity, audiences.PROJECTOR_STREAM):
        return []
    return by_activity(model, activity)


def _respondents(activity, rows, roles):
    """Who gave `rows` (scores or marks), by participant id: a number of this
    activity alone, dealt at random so it leads to nobody, with no more of a
    role than the report shows: the bucket it splits results by
    (app/kinds/roles.py), none where it makes no split, and never in an
    anonymous activity."""
    people = list(dict.fromkeys(row.participant_id for row in rows))
    random.SystemRandom().shuffle(people)
    buckets = role_buckets({person: roles[person] for person in people})
    if buckets is None or privacy.is_anonymous(activity):
        buckets = {}
    return {
        person: {"id": f"r{number}", "role": buckets.get(person)}
        for number, person in enumerate(people, 1)
    }


def _published(activity, rows, withheld, target_of):
    """`rows` (notes or cards) less those publishing withholds."""
    left_out = withheld.left_out_ids(activity, rows, target_of)
    return [row for row in rows if row.id not in left_out]


def _score(row, respondents, activity, withheld):
    comment = row.comment
    if comment and withheld.withheld_comment(activity, row):
        comment = ""
    return {
        "respondent": respondents[row.participant_id]["id"],
        "item": row.item,
        "value": row.value,
        "comment": comment,
        "priority": row.priority,
    }


def _mark(row, respondents):
    return {
        "respondent": respondents[row.participant_id]["id"],
        "dimension": row.dimension,
        "now": row.now,
        "aspiration": row.aspiration,
    }


def _cards(activity, context, withheld):
    """The cards, less those publishing withholds and what hangs off them (a
    resource or a way over a wall means nothing without its step or wall)."""
    cards = by_activity(PathwayCard, activity)
    gone = withheld.left_out_ids(activity, cards, redaction.card_target)
    cards = [card for card in cards if not {card.id, card.step_id, card.wall_id} & gone]
    refs = Refs("c", (card.id for card in cards))
    return [
        {
            "id": refs(card.id),
            "lane": card.lane,
            "step": refs(card.step_id),
            "wall": refs(card.wall_id),
            "order": card.order_key,
            "text": card.text,
            "group": context.group(card.group_id),
            "author": context.author(activity, card.author_participant_id),
        }
        for card in cards
    ]
