"""The every-kind workshop (tests/exports/every_kind.py) with something to
withhold from every published output: four contributions redacted (a note,
a pathway step with what hangs off it, a scenario note and a checklist
comment), and two people with lived experience of care (Gil, Hal) who did
not agree to be quoted, one of whom also wrote a note."""

from dataclasses import dataclass

import sqlalchemy as sa

from app.extensions import db
from app.models import Note, PathwayCard
from app.report import redaction
from tests.builders import act, activity_row, add_note
from tests.exports.every_kind import every_kind

GIL_NOTE = "Gil's own words about waiting"
# What the redactions leave out, with what hangs off the redacted step.
REDACTED = (
    "Revealed at grouping",
    "Ask the council",
    "A phone number",
    "Nobody answers",
    "Call the duty line",
    "Issue from table 2",
    "Comment 3 on element-2",
)
# What Gil (6, lived experience) and Hal (7, a carer) wrote.
UNQUOTED = (
    GIL_NOTE,
    "Comment 6 on element-1",
    "Comment 6 on element-2",
    "Comment 7 on element-1",
    "Comment 7 on element-2",
)
REASON = "Names a member of staff"
# Still published: a note, the other step, someone else's comments.
KEPT = ("Pay providers on time", "Get an assessment", "Comment 3 on element-1")


@dataclass
class WithheldRoom:
    room: object
    targets: list


def withheld_room(team):
    """The every-kind room, Gil and Hal no longer quoted, Gil's note on the
    board still being written, and the four redactions (by the facilitator,
    through the write path)."""
    room = every_kind(team)
    for person in room.people[6:8]:
        person.consent_quoted = False
    db.session.commit()
    add_note(room.actor(6), room.activities["writing"], text=GIL_NOTE)
    targets = [
        redaction.note_target(_note(room, "board", "Revealed at grouping")),
        redaction.card_target(_card(room, "Ask the council")),
        redaction.note_target(_note(room, "scenario", "Issue from table 2")),
        redaction.comment_target(
            room.activities["checklist"], "element-2", "Comment 3 on element-2"
        ),
    ]
    for target in targets:
        act(room.fac, "report.redact", {"target": target, "reason": REASON})
    return WithheldRoom(room, targets)


def _note(room, key, text):
    activity = activity_row(room.activities[key])
    return db.session.scalar(
        sa.select(Note.public_id).filter_by(activity_id=activity.id, text=text)
    )


def _card(room, text):
    activity = activity_row(room.activities["pathway"])
    return db.session.scalar(
        sa.select(PathwayCard.public_id).filter_by(activity_id=activity.id, text=text)
    )
