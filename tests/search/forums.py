"""A year of a quarterly provider forum, made through the write path: what
the search tests look through.

Each quarter: a board where a provider (who agreed to be named), a
commissioner (who did not) and a person with lived experience write notes,
one of which is about price transparency; a CCPS checklist scored with
comments, revealed, one comment about price transparency; and an action
of the series on it. Everything about price transparency carries the
quarter in its words, so a test can tell which quarter it came from.
"""

from dataclasses import dataclass, field
from datetime import date

from app.extensions import db
from app.models import Series
from tests import builders
from tests.builders import act, add_note, make_board, participant_actor, set_phase

QUARTERS = (date(2025, 3, 12), date(2025, 6, 11), date(2025, 9, 10), date(2025, 12, 10))
ELEMENT = "element-4"  # the CCPS element on financial transparency


@dataclass
class Forum:
    """One quarter's workshop and what was written in it."""

    workshop: object
    fac: object
    board: str
    checklist: str
    people: dict  # role -> Participant
    notes: dict = field(default_factory=dict)  # text -> public id


@dataclass
class Year:
    series: object
    forums: list

    @property
    def team(self):
        return self.forums[0].workshop.team


def price_note(quarter):
    return f"Q{quarter}: providers want price transparency on the hourly rate"


def price_comment(quarter):
    return f"Q{quarter}: open book accounting would show price transparency"


def price_action(quarter):
    return f"Q{quarter}: publish the price transparency framework"


def seed_year(team, title="Domiciliary care provider forum"):
    """Four quarterly forums of `team` in one series."""
    series = Series(team_id=team.id, title=title)
    db.session.add(series)
    db.session.commit()
    forums = [_forum(team, series, n, day) for n, day in enumerate(QUARTERS, 1)]
    return Year(series, forums)


def _forum(team, series, quarter, day):
    workshop = builders.make_workshop(
        team, title=f"Provider forum Q{quarter}", date=day, series_id=series.id
    )
    fac = builders.facilitator_actor(workshop)
    people = {
        "provider": builders.make_participant(
            workshop, display_name="Priya Named", role="provider", consent_named=True
        ),
        "commissioner": builders.make_participant(
            workshop, display_name="Cam Unnamed", role="commissioner"
        ),
        "lived_experience": builders.make_participant(
            workshop, display_name="Lee Unnamed", role="lived_experience"
        ),
    }
    board = make_board(fac, columns=("issues",))
    forum = Forum(workshop, fac, board, "", people)
    write(forum, "provider", price_note(quarter))
    write(forum, "commissioner", f"Q{quarter}: travel time between visits is not paid")
    write(forum, "lived_experience", f"Q{quarter}: the same carer each week matters")
    forum.checklist = _scored_checklist(fac, people, quarter)
    act(fac, "follow_up.create", {"title": price_action(quarter)})
    return forum


def write(forum, role, text, board=None, private=False):
    """A note by the forum's participant of `role`; its public id."""
    actor = participant_actor(forum.people[role])
    note = add_note(actor, board or forum.board, text, private=private, column="issues")
    forum.notes[text] = note
    return note


def _scored_checklist(fac, people, quarter):
    payload = {"method": "ccps-checklist", "title": "CCPS checklist"}
    checklist = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(fac, checklist, "scoring")
    comments = {
        "provider": price_comment(quarter),
        "commissioner": f"Q{quarter}: we publish our fee rates already",
        "lived_experience": "",
    }
    for role, person in people.items():
        act(
            participant_actor(person),
            "checklist.score",
            {
                "activity": checklist,
                "item": ELEMENT,
                "value": 1,
                "comment": comments[role],
            },
        )
    set_phase(fac, checklist, "reveal")
    return checklist
