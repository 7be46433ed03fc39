"""Writing a checked archive (app/imports/checks.py) as a new workshop of a
team: every id, public id and code minted here, so nothing in the file can
collide with or point to rows of this install.

Scores, marks and votes need a person; the archive links them to nobody, so
each hangs on a stand-in: a participant of that activity alone, removed
(never shown, never counted among who took part) and unnamed. A
respondent's stand-in has the role bucket the archive gives it, so results
split by role as they did ("other_roles" stays a bucket of its own); one
given none, and every voter, has one role, so no split is made of them.
"""

from collections import Counter
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from app.extensions import db
from app.models import (
    Activity,
    Group,
    Note,
    Participant,
    PathwayCard,
    ReportText,
    Score,
    SpectrumMark,
    Theme,
    Vote,
    Workshop,
)
from app.models.ids import readable_code
from app.models.participant import REJOIN_CODE_LENGTH
from app.models.types import utcnow

STAND_IN_ROLE = STAND_IN_ORGANISATION_TYPE = "other"


def create(team, user, data):
    """The workshop `data` (a checked schema.Workshop) describes, in `team`."""
    workshop = Workshop(
        team_id=team.id,
        created_by_id=user.id,
        title=data.title,
        date=date.fromisoformat(data.date) if data.date else None,
        purpose=data.purpose,
        engagement_level=data.engagement_level,
    )
    db.session.add(workshop)
    db.session.flush()
    made = Made(workshop)
    made.groups(data.groups)
    made.activities(data.activities)
    made.places(data)
    made.participants(data.participants)
    for activity in data.activities:
        made.contributions(activity)
    if data.report is not None:
        db.session.add(ReportText(workshop_id=workshop.id, **data.report.model_dump()))
    db.session.flush()
    return workshop


class Made:
    """The rows made so far, by archive id."""

    def __init__(self, workshop):
        self.workshop = workshop
        self.group, self.activity, self.person = {}, {}, {}
        self.codes = set()

    def _add(self, found, rows):
        db.session.add_all(rows.values())
        db.session.flush()
        found.update(rows)

    def groups(self, groups):
        self._add(
            self.group,
            {g.id: Group(workshop_id=self.workshop.id, name=g.name) for g in groups},
        )

    def activities(self, activities):
        self._add(
            self.activity,
            {
                activity.id: Activity(
                    workshop_id=self.workshop.id,
                    kind=activity.kind,
                    title=activity.title,
                    position=activity.position,
                    phase=activity.phase,
                    content=self._content(activity.content),
                    in_groups=activity.in_groups,
                    engagement=activity.engagement,
                    minutes=activity.minutes,
                )
                for activity in activities
            },
        )

    def _content(self, content):
        """The activity's settings as archived, its groups named anew."""
        content = dict(content)
        if "allocation" in content:
            content["allocation"] = {
                topic: [self.group[ref].public_id for ref in refs]
                for topic, refs in content["allocation"].items()
            }
        if "services" in content:
            content["services"] = {
                self.group[ref].public_id: name
                for ref, name in content["services"].items()
            }
        if "showing" in content:
            content["showing"] = None  # an action of the other team's series
        return content

    def places(self, data):
        """The activity the room, and each group, is on."""
        self.workshop.current_activity_id = self._activity_id(data.current_activity)
        for group in data.groups:
            self.group[group.id].current_activity_id = self._activity_id(
                group.current_activity
            )

    def _activity_id(self, ref):
        return self.activity[ref].id if ref else None

    def _group_id(self, ref):
        return self.group[ref].id if ref else None

    def _person_id(self, ref):
        return self.person[ref].id if ref else None

    def _rejoin_code(self):
        while True:
            code = readable_code(REJOIN_CODE_LENGTH, group=3)
            if code not in self.codes:
                self.codes.add(code)
                return code

    def participants(self, people):
        now = utcnow()
        self._add(
            self.person,
            {
                person.id: Participant(
                    workshop_id=self.workshop.id,
                    display_name=person.display_name
                    if person.consent_named
                    else _("Participant %(number)d", number=number),
                    role=person.role,
                    organisation_type=person.organisation_type,
                    organisation=person.organisation if person.consent_named else None,
                    consent_named=person.consent_named,
                    consent_quoted=person.consent_quoted,
                    has_device=person.has_device,
                    removed_at=now if person.removed else None,
                    group_id=self._group_id(person.group),
                    rejoin_code=self._rejoin_code(),
                )
                for number, person in enumerate(people, 1)
            },
        )

    def _stand_ins(self, roles):
        """A stand-in with each of `roles` (the stand-ins' role if None), by
        their new ids."""
        people = [
            Participant(
                workshop_id=self.workshop.id,
                display_name=_("Anonymous"),
                role=role or STAND_IN_ROLE,
                organisation_type=STAND_IN_ORGANISATION_TYPE,
                has_device=False,
                removed_at=utcnow(),
                rejoin_code=self._rejoin_code(),
            )
            for role in roles
        ]
        db.session.add_all(people)
        db.session.flush()
        return [person.id for person in people]

    def _respondents(self, respondents):
        """A stand-in for each respondent, with its role bucket: their new
        ids by archive id."""
        made = self._stand_ins(respondent.role for respondent in respondents)
        return dict(zip((r.id for r in respondents), made, strict=True))

    def contributions(self, data):
        activity = self.activity[data.id]
        themes = self._themes(activity, data.themes)
        notes = self._notes(activity, data.notes, themes)
        self._votes(data, notes)
        giver = self._respondents(data.respondents)
        _insert(
            Score,
            [
                {
                    "activity_id": activity.id,
                    "participant_id": giver[score.respondent],
                    "item": score.item,
                    "value": score.value,
                    "comment": score.comment,
                    "priority": score.priority,
                }
                for score in data.scores
            ],
        )
        _insert(
            SpectrumMark,
            [
                {
                    "activity_id": activity.id,
                    "participant_id": giver[mark.respondent],
                    "dimension": mark.dimension,
                    "now": mark.now,
                    "aspiration": mark.aspiration,
                }
                for mark in data.marks
            ],
        )
        self._cards(activity, data.cards)

    def _themes(self, activity, themes):
        made = {
            theme.id: Theme(
                activity_id=activity.id,
                group_id=self._group_id(theme.group),
                name=theme.name,
                order_key=theme.order,
            )
            for theme in themes
        }
        db.session.add_all(made.values())
        db.session.flush()
        return made

    def _notes(self, activity, notes, themes):
        """The notes' new ids by archive id."""
        rows = [
            {
                "activity_id": activity.id,
                "group_id": self._group_id(note.group),
                "column": note.column,
                "topic": note.topic,
                "order_key": note.order,
                "text": note.text,
                "author_participant_id": self._person_id(note.author),
                "private": note.private,
                "theme_id": themes[note.theme].id if note.theme else None,
            }
            for note in notes
        ]
        if not rows:
            return {}
        made = db.session.scalars(
            sa.insert(Note).returning(Note.id, sort_by_parameter_order=True), rows
        )
        return dict(zip((note.id for note in notes), made, strict=True))

    def _votes(self, data, notes):
        """Each note's n-th vote on the activity's n-th stand-in, so no
        stand-in votes twice on a note."""
        slots, placed = Counter(), []
        for vote in data.votes:
            placed.append((notes[vote.note], slots[vote.note], vote.dots))
            slots[vote.note] += 1
        voters = self._stand_ins([None] * max(slots.values(), default=0))
        rows = [
            {"note_id": note, "participant_id": voters[slot], "count": dots}
            for note, slot, dots in placed
        ]
        _insert(Vote, rows)

    def _cards(self, activity, cards):
        """Steps and measures first, then what hangs off steps, then the ways
        over walls: each finds the card it hangs off already made."""
        made = {}
        for lanes in (("steps", "measures"), ("resources", "walls"), ("overcome",)):
            level = {
                card.id: PathwayCard(
                    activity_id=activity.id,
                    group_id=self._group_id(card.group),
                    lane=card.lane,
                    step_id=made[card.step].id if card.step else None,
                    wall_id=made[card.wall].id if card.wall else None,
                    order_key=card.order,
                    text=card.text,
                    author_participant_id=self._person_id(card.author),
                )
                for card in cards
                if card.lane in lanes
            }
            db.session.add_all(level.values())
            db.session.flush()
            made.update(level)


def _insert(model, rows):
    """Rows nothing refers to, inserted in one go (in order, so their ids
    keep the archive's order)."""
    if rows:
        db.session.execute(sa.insert(model), rows)
