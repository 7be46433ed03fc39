"""What of a workshop is searchable, and how: each activity as the report
sees it (the projector's view: nothing hidden, no private writing before
its reveal, no author in an anonymous activity), less every redacted
contribution; then the team's review comments and the comments sent
through share links. A series' actions come from `follow_up_entries`.

Each entry is a dict of SearchEntry's columns; a writer's role and row are
kept only where the activity is not anonymous (the name is shown later,
and only if they agreed to be named).
"""

import sqlalchemy as sa

from app import audiences, privacy
from app.extensions import db
from app.kinds import board_view, pathway_view, scenario_view
from app.kinds.content import method_content, method_of
from app.kinds.report_parts import projected
from app.methods.texts import display
from app.models import (
    FollowUp,
    LinkComment,
    Participant,
    PathwayCard,
    ReviewComment,
    Score,
    Workshop,
    agenda_of,
)
from app.report.redaction import (
    card_target,
    comment_target,
    note_target,
    redactions_of,
)


class Seen:
    """One workshop as its entries are collected: its day, its redactions,
    and its participants by public id."""

    def __init__(self, workshop):
        self.workshop = workshop
        self.day = workshop.date or workshop.created_at.date()
        self.redacted = set(redactions_of(workshop))
        people = db.session.scalars(
            sa.select(Participant).filter_by(workshop_id=workshop.id)
        )
        self.people = {person.public_id: person for person in people}

    def entry(self, activity, kind, ref, text, author=None):
        """An entry of `activity`; None if redacted or empty."""
        if ref in self.redacted or not (text or "").strip():
            return None
        named = author is not None and not privacy.is_anonymous(activity)
        return {
            "kind": kind,
            "ref": ref,
            "text": text,
            "activity_id": activity.id,
            "method": method_of(activity).get("method"),
            "occurred_on": self.day,
            "participant_id": author.id if named else None,
            "role": author.role if named else None,
        }


def workshop_entries(workshop):
    """Every searchable entry of `workshop`, in the report's order."""
    seen = Seen(workshop)
    activities = agenda_of(workshop.id)
    found = []
    for activity in activities:
        collector = COLLECTORS.get(activity.kind)
        if collector is not None:
            found += collector(seen, activity)
    found += _review_comments(seen) + _link_comments(seen)
    return [entry for entry in found if entry is not None]


def _notes(seen, activity, state):
    return [
        seen.entry(
            activity,
            "note",
            note_target(note["id"]),
            note["text"],
            seen.people.get(note["author"]),
        )
        for note in state["notes"]
    ]


def _board(seen, activity):
    return _notes(seen, activity, projected(board_view.snapshot, activity))


def _scenario(seen, activity):
    """The topics (the method's question and scenario), then the notes."""
    topics = [
        seen.entry(
            activity,
            "topic",
            f"topic:{topic['key']}"[:80],
            "\n".join(
                display(topic.get(part)) for part in ("heading", "scenario")
            ).strip(),
        )
        for stage in method_content(activity).get("stages", [])
        for topic in stage.get("topics", [])
    ]
    state = projected(scenario_view.snapshot, activity)
    return topics + _notes(seen, activity, state)


def _pathway(seen, activity):
    """Every card of every road; a redacted step or wall takes what hangs
    off it along, as in the report (app/report/redaction.py)."""
    roads = projected(pathway_view.snapshot, activity)["roads"]
    views = []
    for road in roads:
        views += road["measures"]
        for step in _kept(seen, road["steps"]):
            views += [step, *step["resources"]]
            for wall in _kept(seen, step["walls"]):
                views += [wall, *wall["overcome"]]
    authors = _card_authors(activity)
    return [
        seen.entry(
            activity,
            "card",
            card_target(view["id"]),
            view["text"],
            authors.get(view["id"]),
        )
        for view in views
    ]


def _kept(seen, cards):
    return [card for card in cards if card_target(card["id"]) not in seen.redacted]


def _card_authors(activity):
    rows = db.session.execute(
        sa.select(PathwayCard.public_id, Participant)
        .join(Participant, PathwayCard.author_participant_id == Participant.id)
        .filter(PathwayCard.activity_id == activity.id)
    )
    return dict(rows.tuples().all())


def _checklist(seen, activity):
    """Comments once revealed (with their writer's role, never their name:
    the report shows no comment's author), and the room's agreed notes."""
    found = []
    if privacy.results_visible(activity, audiences.PROJECTOR_STREAM):
        rows = db.session.execute(
            sa.select(Score, Participant)
            .join(Participant, Score.participant_id == Participant.id)
            .filter(Score.activity_id == activity.id, Score.comment != "")
            .order_by(Score.item, Score.comment)
        )
        for score, person in rows:
            target = comment_target(activity.public_id, score.item, score.comment)
            entry = seen.entry(activity, "comment", target, score.comment, person)
            if entry is not None:
                entry["participant_id"] = None  # a role at most
            found.append(entry)
    for item, agreed in sorted(activity.content.get("agreed", {}).items()):
        note = (agreed or {}).get("note") or ""
        found.append(seen.entry(activity, "agreed", f"agreed:{item}"[:80], note))
    return found


COLLECTORS = {
    "board": _board,
    "scenario": _scenario,
    "pathway": _pathway,
    "checklist": _checklist,
}


def _review_comments(seen):
    rows = db.session.scalars(
        sa.select(ReviewComment).filter_by(workshop_id=seen.workshop.id)
    )
    return [_comment(seen, "review_comment", row, row.activity_id) for row in rows]


def _link_comments(seen):
    """Comments sent through share links; whoever they say they are is not
    kept (they gave a name for the record, not for search results)."""
    rows = db.session.scalars(
        sa.select(LinkComment).filter_by(workshop_id=seen.workshop.id)
    )
    return [_comment(seen, "link_comment", row, None) for row in rows]


def _comment(seen, kind, row, activity_id):
    ref = f"{kind}:{row.public_id}"
    if ref in seen.redacted or not row.body.strip():
        return None
    return {
        "kind": kind,
        "ref": ref,
        "text": row.body,
        "activity_id": activity_id,
        "method": None,
        "occurred_on": row.created_at.date(),
        "participant_id": None,
        "role": None,
    }


def follow_up_entries(series_id, raised_words):
    """Every action of a series: what will be done, what was said (as the
    series' pages show it: `raised_words` withholds a hidden or redacted
    note's words), and each dated update."""
    rows = db.session.scalars(
        sa.select(FollowUp).filter_by(series_id=series_id).order_by(FollowUp.id)
    ).all()
    found = []
    for row in rows:
        day = _raised_on(row)
        said_ref = _said_ref(row)
        found += [
            _action(row, "action", f"follow_up:{row.public_id}", row.title, day),
            _action(row, "action", said_ref, raised_words(row), day),
            *(
                _action(
                    row,
                    "action_update",
                    f"follow_up_update:{update.public_id}",
                    update.body,
                    update.created_at.date(),
                )
                for update in row.updates
            ),
        ]
    return [entry for entry in found if entry is not None]


def _raised_on(follow_up):
    """The day of the workshop it was raised in, else the day it was made."""
    workshop = db.session.get(Workshop, follow_up.raised_in_id or 0)
    if workshop is not None and workshop.date is not None:
        return workshop.date
    return follow_up.created_at.date()


def _said_ref(follow_up):
    """A quoted note's own target, so redacting the note withholds it here
    too; else the action's."""
    if follow_up.source_kind == "note" and follow_up.source_ref:
        return note_target(follow_up.source_ref)
    return f"follow_up_said:{follow_up.public_id}"


def _action(follow_up, kind, ref, text, day):
    if not (text or "").strip():
        return None
    return {
        "kind": kind,
        "ref": ref[:80],
        "text": text,
        "follow_up_id": follow_up.id,
        "activity_id": None,
        "method": None,
        "occurred_on": day,
        "participant_id": None,
        "role": None,
    }
