"""What a workshop's published outputs leave out, decided in one place.

Two things keep a contribution out of everything published (the share
link, every export, the projected report body):

- a facilitator redacted it before publishing (a `Redaction` row: who,
  when and why; the contribution itself stays in the record);
- its author has lived experience of care (QUOTE_ROLES) and did not agree
  to be quoted when they joined. This holds in anonymous activities too:
  outputs name nobody there, but the server still knows who wrote what,
  and someone who did not agree to be quoted is not quoted anonymously
  either. Only the count of such contributions is published.

The report model (app/report/model.py) builds one `Withheld` per report
and hands it to every kind with the names it may show; the kinds filter
their projected notes, pathway cards and checklist comments through it, as
they already leave hidden notes out. The archive
(app/exports/contributions.py) asks the same object. In the team's own view
(`TEAM`), nothing is left out: each withheld contribution is marked.

Targets name contributions as "note:<public id>", "card:<public id>" and
"comment:<activity public id>:<digest>". A checklist comment has no id of
its own, and none may lead to its author (no screen shows who wrote which
comment), so its target is a digest of its item and text: identical
comments on one item are redacted together.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from app.extensions import db
from app.models import Activity, Note, Participant, PathwayCard, Redaction, Score
from app.report.document import Paragraph

# People with lived experience of care: people who use services and their
# unpaid carers. A carer's words are about the person they care for, who
# agreed to nothing, so carers' consent is asked for just the same.
QUOTE_ROLES = frozenset({"lived_experience", "carer"})

PUBLISHED = "published"  # withheld contributions are left out
TEAM = "team"  # the facilitators' own view: withheld contributions marked

REASON_MAX = 500


def may_quote(person):
    """Whether a contribution by `person` (a Participant, or None for a
    facilitator's own) may be published word for word."""
    return person is None or person.role not in QUOTE_ROLES or person.consent_quoted


def note_target(public_id):
    return f"note:{public_id}"


def card_target(public_id):
    return f"card:{public_id}"


def comment_target(activity_public_id, item, text):
    digest = hashlib.sha256(f"{item}\n{text}".encode()).hexdigest()[:24]
    return f"comment:{activity_public_id}:{digest}"


@dataclass(frozen=True)
class Verdict:
    """Why a contribution is withheld: redacted (with its row), or its
    author did not agree to be quoted."""

    redaction: Redaction | None = None
    unquoted: bool = False

    def marked(self, text):
        """The contribution as the team's own view shows it."""
        if self.redaction is not None:
            return _("[redacted] Reason: %(reason)s", reason=self.redaction.reason)
        return _(
            "%(text)s [not for publishing: its author did not agree to be quoted]",
            text=text,
        )


class Withheld:
    """What `workshop`'s outputs withhold, read once from the database
    (no workshop: nothing, for a kind's report read on its own)."""

    def __init__(self, workshop=None, view=PUBLISHED):
        self.view = view
        self.redactions = redactions_of(workshop) if workshop else {}
        self._unquoted_ids = (
            _unquoted_contributions(workshop)
            if workshop
            else {
                "public": set(),
                "rows": set(),
                "scores": set(),
            }
        )
        self._unquoted_comments = _unquoted_comments(workshop) if workshop else {}
        # Per activity id, what was left out for want of consent (a set, so
        # reading a contribution twice counts it once).
        self._left_out = defaultdict(set)

    @property
    def marking(self):
        return self.view == TEAM

    def verdict(self, target, unquoted=False):
        """The Verdict on a contribution, or None if it is published."""
        redaction = self.redactions.get(target)
        if redaction is None and not unquoted:
            return None
        return Verdict(redaction, unquoted)

    def unquoted(self, public_id):
        """Whether a note or card is by someone who did not agree to be quoted."""
        return public_id in self._unquoted_ids["public"]

    def unquoted_comments(self, activity):
        """(item, text) of each of `activity`'s comments by someone who did
        not agree to be quoted, counted."""
        return Counter(self._unquoted_comments.get(activity.id, ()))

    def notes(self, activity, notes):
        """Projected notes (board or scenario) as this view shows them."""
        return self._cards_or_notes(activity, notes, note_target)

    def roads(self, activity, roads):
        """A pathway's projected roads as this view shows them. A step or a
        brick wall left out takes what hangs off it along: a resource or a
        way over a wall means nothing without what it answers."""
        return [
            {
                **road,
                "steps": [
                    {
                        **step,
                        "resources": self._cards(activity, step["resources"]),
                        "walls": [
                            {
                                **wall,
                                "overcome": self._cards(activity, wall["overcome"]),
                            }
                            for wall in self._cards(activity, step["walls"])
                        ],
                    }
                    for step in self._cards(activity, road["steps"])
                ],
                "measures": self._cards(activity, road["measures"]),
            }
            for road in roads
        ]

    def comments(self, activity, by_item):
        """A checklist's revealed comments ({item: [text]}) as this view
        shows them."""
        unquoted = self.unquoted_comments(activity)
        shown = {}
        for item, texts in by_item.items():
            kept = []
            for number, text in enumerate(texts):
                mine = unquoted[item, text] > 0
                if mine:
                    unquoted[item, text] -= 1
                target = comment_target(activity.public_id, item, text)
                verdict = self.verdict(target, mine)
                kept += self._shown(activity, ("comment", item, number), text, verdict)
            if kept:
                shown[item] = kept
        return shown

    def left_out(self, activity):
        """How many of `activity`'s contributions this view left out because
        their authors did not agree to be quoted."""
        return len(self._left_out[activity.id])

    def notice(self, activity):
        """The published sentence counting them (a tuple of 0 or 1 block)."""
        sentence = self._notice_text(activity)
        return (Paragraph(sentence, "muted"),) if sentence else ()

    def notice_records(self, activity, row):
        """The raw data's row counting them (a list of 0 or 1)."""
        sentence = self._notice_text(activity)
        if not sentence:
            return []
        return [row(type="withheld", text=sentence, value=str(self.left_out(activity)))]

    def left_out_ids(self, activity, rows, target_of):
        """The ids of `rows` (Note or PathwayCard rows) the published
        outputs leave out (for the archive)."""
        return {
            row.id
            for row in rows
            if self.verdict(target_of(row.public_id), row.id in self._unquoted_rows)
        }

    def withheld_comment(self, activity, score):
        """Whether a Score row's comment is left out (for the archive)."""
        target = comment_target(activity.public_id, score.item, score.comment)
        unquoted = score.id in self._unquoted_score_ids
        return self.verdict(target, unquoted) is not None

    def _notice_text(self, activity):
        count = self.left_out(activity)
        if self.marking or not count:
            return ""
        return ngettext(
            "%(num)d contribution from someone who did not agree to be quoted "
            "is not shown.",
            "%(num)d contributions from people who did not agree to be quoted "
            "are not shown.",
            count,
        )

    @property
    def _unquoted_rows(self):
        return self._unquoted_ids["rows"]

    @property
    def _unquoted_score_ids(self):
        return self._unquoted_ids["scores"]

    def _cards(self, activity, cards):
        return self._cards_or_notes(activity, cards, card_target)

    def _cards_or_notes(self, activity, views, target_of):
        shown = []
        for view in views:
            unquoted = self.unquoted(view["id"])
            verdict = self.verdict(target_of(view["id"]), unquoted)
            for text in self._shown(activity, view["id"], view["text"], verdict):
                shown.append({**view, "text": text})
        return shown

    def _shown(self, activity, key, text, verdict):
        """[text] as this view shows it, or [] if it is left out."""
        if verdict is None:
            return [text]
        if self.marking:
            return [verdict.marked(text)]
        if verdict.redaction is None:
            self._left_out[activity.id].add(key)
        return []


def redactions_of(workshop):
    """The workshop's redactions by target."""
    rows = db.session.scalars(
        sa.select(Redaction)
        .filter_by(workshop_id=workshop.id)
        .order_by(Redaction.created_at, Redaction.id)
    )
    return {row.target: row for row in rows}


def _unquoted_authors(workshop):
    """Participants of `workshop` whose words may not be published."""
    return sa.select(Participant.id).filter(
        Participant.workshop_id == workshop.id,
        Participant.role.in_(QUOTE_ROLES),
        Participant.consent_quoted.is_(False),
    )


def _unquoted_contributions(workshop):
    """Notes and cards by people who did not agree to be quoted: their
    public ids and row ids; and the ids of such people's scores."""
    authors = _unquoted_authors(workshop)
    found = {"public": set(), "rows": set(), "scores": set()}
    for model in (Note, PathwayCard):
        rows = db.session.execute(
            sa.select(model.id, model.public_id)
            .join(Activity, model.activity_id == Activity.id)
            .filter(
                Activity.workshop_id == workshop.id,
                model.author_participant_id.in_(authors),
            )
        )
        for row_id, public_id in rows:
            found["public"].add(public_id)
            found["rows"].add(row_id)
    found["scores"] = set(
        db.session.scalars(
            sa.select(Score.id).filter(Score.participant_id.in_(authors))
        )
    )
    return found


def _unquoted_comments(workshop):
    """Per activity id, the (item, text) of each comment by someone who did
    not agree to be quoted."""
    rows = db.session.execute(
        sa.select(Score.activity_id, Score.item, Score.comment).filter(
            Score.participant_id.in_(_unquoted_authors(workshop)), Score.comment != ""
        )
    )
    found = defaultdict(list)
    for activity_id, item, comment in rows:
        found[activity_id].append((item, comment))
    return found


def names_a_contribution(workshop, target):
    """Whether `target` names a note, card or checklist comment of `workshop`."""
    kind, _sep, rest = target.partition(":")
    if kind in ("note", "card"):
        model = Note if kind == "note" else PathwayCard
        return _exists(
            sa.select(model.id)
            .join(Activity, model.activity_id == Activity.id)
            .filter(Activity.workshop_id == workshop.id, model.public_id == rest)
        )
    if kind == "comment":
        activity_id, _sep, _digest = rest.partition(":")
        return target in _comment_targets(workshop, activity_id)
    return False


def _exists(query):
    return db.session.scalar(query.limit(1)) is not None


def _comment_targets(workshop, activity_public_id):
    activity = db.session.scalar(
        sa.select(Activity).filter_by(
            workshop_id=workshop.id, public_id=activity_public_id
        )
    )
    if activity is None:
        return set()
    rows = db.session.execute(
        sa.select(Score.item, Score.comment).filter(
            Score.activity_id == activity.id, Score.comment != ""
        )
    )
    return {comment_target(activity.public_id, item, text) for item, text in rows}
