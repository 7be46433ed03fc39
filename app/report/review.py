"""Before publishing: every contribution the published report would show,
activity by activity, with whether it is published, redacted (by whom,
when, why) or withheld because its author did not agree to be quoted.

Read from the same projected view as the report (what the projector sees:
nothing hidden, no private writing before its reveal, checklist comments
only once revealed and never with their authors), so the facilitators
review exactly what would go out.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from app import audiences
from app.extensions import db
from app.kinds import kind_of
from app.kinds.content import checklist_items
from app.kinds.pathway_report import lane_labels
from app.methods.texts import display
from app.models import User, agenda_of
from app.report import redaction


@dataclass(frozen=True)
class Contribution:
    target: str
    where: str  # its column, step or item, in words
    text: str
    verdict: redaction.Verdict | None  # None: it is published

    @property
    def redacted(self):
        return self.verdict is not None and self.verdict.redaction is not None

    @property
    def unquoted(self):
        return self.verdict is not None and self.verdict.unquoted


@dataclass(frozen=True)
class Part:
    """One activity's contributions."""

    id: str
    title: str
    contributions: tuple


@dataclass(frozen=True)
class Record:
    """A redaction as the record keeps it."""

    target: str
    text: str
    reason: str
    by: str
    at: object


def parts(workshop):
    """Each activity with anything contributed, in agenda order."""
    withheld = redaction.Withheld(workshop, redaction.TEAM)
    found = []
    for activity in agenda_of(workshop.id):
        listed = tuple(_contributions(activity, withheld))
        if listed:
            found.append(Part(activity.public_id, activity.title, listed))
    return found


def record(workshop, listed):
    """The workshop's redactions, with the text each hides where it is
    still there to see."""
    texts = {c.target: c.text for part in listed for c in part.contributions}
    rows = redaction.redactions_of(workshop).values()
    users = _names({row.redacted_by_id for row in rows})
    return [
        Record(
            target=row.target,
            text=texts.get(row.target, _("(no longer in the workshop)")),
            reason=row.reason,
            by=users.get(row.redacted_by_id, _("someone no longer in the team")),
            at=row.created_at,
        )
        for row in rows
    ]


def _names(user_ids):
    if not user_ids:
        return {}
    rows = db.session.execute(
        sa.select(User.id, User.name).filter(User.id.in_(user_ids))
    )
    return dict(rows.all())


def _contributions(activity, withheld):
    kind = kind_of(activity)
    if kind is None:
        return []
    state = kind.snapshot(activity, audiences.PROJECTOR_STREAM)
    if activity.kind in ("board", "scenario"):
        return _notes(state, withheld)
    if activity.kind == "pathway":
        return _cards(activity, state["roads"], withheld)
    if activity.kind == "checklist" and state.get("results"):
        return _comments(activity, state["results"]["comments"], withheld)
    return []  # marks and scores: no words of anyone's to publish


def _notes(state, withheld):
    columns = {c["key"]: display(c["title"]) for c in state.get("columns", [])}
    for note in state["notes"]:
        target = redaction.note_target(note["id"])
        yield Contribution(
            target,
            columns.get(note["column"], note["column"]),
            note["text"],
            withheld.verdict(target, withheld.unquoted(note["id"])),
        )


def _cards(activity, roads, withheld):
    labels = lane_labels(activity)

    def card(view, where):
        target = redaction.card_target(view["id"])
        verdict = withheld.verdict(target, withheld.unquoted(view["id"]))
        return Contribution(target, where, view["text"], verdict)

    for road in roads:
        for number, step in enumerate(road["steps"], start=1):
            yield card(step, _("Step %(number)d", number=number))
            for resource in step["resources"]:
                yield card(resource, f"{labels['resources']} · {number}")
            for wall in step["walls"]:
                yield card(wall, f"{labels['walls']} · {number}")
                for way in wall["overcome"]:
                    yield card(way, f"{labels['overcome']} · {number}")
        for measure in road["measures"]:
            yield card(measure, labels["measures"])


def _comments(activity, by_item, withheld):
    labels = {item["key"]: display(item["text"]) for item in checklist_items(activity)}
    unquoted = withheld.unquoted_comments(activity)
    for item, texts in by_item.items():
        for text in texts:
            mine = unquoted[item, text] > 0
            if mine:
                unquoted[item, text] -= 1
            target = redaction.comment_target(activity.public_id, item, text)
            where = _("Comment on “%(item)s”", item=_short(labels.get(item, item)))
            yield Contribution(target, where, text, withheld.verdict(target, mine))


def _short(text, limit=60):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
