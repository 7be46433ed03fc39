"""A workshop that uses every kind and mode, made through the write path as
a real one would be: the archive's and the raw data's tests read it."""

from dataclasses import dataclass, field
from datetime import date

from app.extensions import db
from app.models import ReportText
from tests import builders
from tests.builders import (
    act,
    add_note,
    make_board,
    make_group,
    participant_actor,
    put_in_group,
    set_phase,
)

# Three providers, three commissioners and three people of other roles
# (one with lived experience, alone in their role): enough to split results
# by role, with the three others in one bucket, "other roles".
PEOPLE = (
    ("Ann Named", "provider", True),
    ("Bob Quiet", "provider", False),
    ("Cy Quiet", "provider", False),
    ("Dee Named", "commissioner", True),
    ("Eve Quiet", "commissioner", False),
    ("Fin Quiet", "commissioner", False),
    ("Gil Quiet", "lived_experience", False),
    ("Hal Quiet", "carer", False),
    ("Ida Quiet", "health", False),
)
# Gil and Hal agreed to be quoted (not named): their words are in every
# output, as everyone else's are (tests/report/withheld_room.py takes it back).
QUOTED = ("Gil Quiet", "Hal Quiet")
HIDDEN = "A note the facilitator hid"
UNREVEALED = "Private writing not yet revealed"
ANONYMOUS = "Nobody may know who wrote this"


@dataclass
class Room:
    workshop: object
    fac: object
    people: list
    activities: dict = field(default_factory=dict)

    def actor(self, number):
        return participant_actor(self.people[number])


def add(fac, method, **settings):
    payload = {"method": method, **settings}
    return act(fac, "workshop.add_activity", payload)["result"]["activity"]


def make_room(team):
    """A workshop with nine participants (two named, with organisations) in
    two groups, its facilitator and its report text; no activities yet."""
    workshop = builders.make_workshop(
        team, title="Provider forum", date=date(2025, 3, 14)
    )
    workshop.purpose = "Hear providers."
    fac = builders.facilitator_actor(workshop)
    people = [
        builders.make_participant(
            workshop,
            display_name=name,
            role=role,
            consent_named=named,
            consent_quoted=name in QUOTED,
            organisation="Acme Care" if named else "Secret Org",
        )
        for name, role, named in PEOPLE
    ]
    room = Room(workshop, fac, people)
    one, two = make_group(fac, "Table 1"), make_group(fac, "Table 2")
    for number, person in enumerate(people):
        put_in_group(fac, person, one if number % 2 == 0 else two)
    room.groups = (one, two)
    db.session.add(
        ReportText(
            workshop_id=workshop.id,
            summary="We met.\n\nWe agreed.",
            key_messages="Pay on time\nTalk early",
            next_steps="Write it up",
        )
    )
    db.session.commit()
    return room


def every_kind(team):
    """The room, with an activity of every kind, each run some way."""
    room = make_room(team)
    room.activities = {
        "board": board(room),
        "anonymous": anonymous_board(room),
        "writing": writing_board(room),
        "checklist": checklist(room),
        "spectrum": spectrum(room),
        "pathway": pathway(room),
        "scenario": scenario(room),
    }
    act(room.fac, "workshop.start_activity", {"current": room.activities["board"]})
    return room


def board(room):
    """Notes (one hidden, one private then revealed), themes, then votes."""
    fac, activity = room.fac, make_board(room.fac, columns=("ideas", "worries"))
    act(
        fac,
        "board.set_options",
        {"activity": activity, "budget": 3, "per_note": 2},
    )
    first = add_note(room.actor(0), activity, text="Pay providers on time")
    second = add_note(room.actor(1), activity, text='=HYPERLINK("x")')
    add_note(room.actor(3), activity, text="Revealed at grouping", private=True)
    add_note(fac, activity, text="<b>Facilitator</b> note", column="worries")
    hidden = add_note(room.actor(4), activity, text=HIDDEN)
    act(fac, "board.hide_note", {"activity": activity, "note": hidden})
    set_phase(fac, activity, "grouping")
    payload = {"activity": activity, "name": "Money", "group": ""}
    theme = act(fac, "board.create_theme", payload)["result"]["theme"]
    act(fac, "board.set_theme", {"activity": activity, "note": first, "theme": theme})
    set_phase(fac, activity, "voting")
    for voter, note in ((0, first), (1, first), (1, first), (2, second)):
        act(room.actor(voter), "board.vote", {"activity": activity, "note": note})
    set_phase(fac, activity, "discussion")
    return activity


def anonymous_board(room):
    activity = add(room.fac, "open-board", title="Worries", anonymous="y")
    set_phase(room.fac, activity, "writing")
    note = add_note(room.actor(0), activity, text=ANONYMOUS)
    add_note(room.actor(1), activity, text="Another worry")
    set_phase(room.fac, activity, "voting")
    for voter in (0, 2, 3):
        act(room.actor(voter), "board.vote", {"activity": activity, "note": note})
    set_phase(room.fac, activity, "closed")
    return activity


def writing_board(room):
    """Still writing: one shared note, one private note not yet revealed."""
    activity = make_board(room.fac)
    add_note(room.actor(2), activity, text="Shared while writing")
    add_note(room.actor(2), activity, text=UNREVEALED, private=True)
    return activity


def checklist(room):
    """Everyone scores (with comments); revealed; one score agreed."""
    activity = add(room.fac, "ccps-checklist")
    set_phase(room.fac, activity, "scoring")
    for number in range(len(room.people)):
        for item, value in (("element-1", number % 3), ("element-2", 2)):
            payload = {
                "activity": activity,
                "item": item,
                "value": value,
                "comment": f"Comment {number} on {item}",
                "priority": False,
            }
            act(room.actor(number), "checklist.score", payload)
    set_phase(room.fac, activity, "agree")
    payload = {"activity": activity, "item": "element-1", "value": 1, "note": "Fair"}
    act(room.fac, "checklist.agree", payload)
    return activity


def spectrum(room):
    activity = add(room.fac, "ccps-spectrum")
    set_phase(room.fac, activity, "mark")
    for number in range(len(room.people)):
        payload = {
            "activity": activity,
            "dimension": "identification-of-need",
            "now": 1 + number % 5,
            "aspiration": 5,
        }
        act(room.actor(number), "spectrum.mark", payload)
    set_phase(room.fac, activity, "reveal")
    return activity


def pathway(room):
    """Run in groups: the room's service and Table 1's own, and Table 1's
    road with a step, what hangs off it, and a measure."""
    activity = add(room.fac, "yellow-brick-road", in_groups="y")
    set_phase(room.fac, activity, "map")
    for actor, name in ((room.fac, "Home care"), (room.actor(0), "Day care")):
        act(actor, "pathway.name_service", {"activity": activity, "name": name})

    def card(lane, text, **refs):
        payload = {"activity": activity, "lane": lane, "text": text, **refs}
        return act(room.actor(0), "pathway.add_card", payload)["result"]["card"]

    step = card("steps", "Ask the council")
    card("steps", "Get an assessment")
    card("resources", "A phone number", step=step)
    wall = card("walls", "Nobody answers", step=step)
    card("overcome", "Call the duty line", step=step, wall=wall)
    card("measures", "Days waited")
    set_phase(room.fac, activity, "review")
    return activity


def scenario(room):
    """Topics given to both groups, notes from each, fed back to the room."""
    activity = add(room.fac, "peoples-borough")
    one, two = room.groups
    for topic, group in (("types-of-services", one), ("sub-contracting", two)):
        payload = {"activity": activity, "topic": topic, "groups": group}
        act(room.fac, "scenario.allocate", payload)
    set_phase(room.fac, activity, "discuss")
    for number, topic in ((0, "types-of-services"), (1, "sub-contracting")):
        payload = {
            "activity": activity,
            "topic": topic,
            "column": "issues",
            "text": f"Issue from table {number + 1}",
        }
        act(room.actor(number), "scenario.add_note", payload)
    set_phase(room.fac, activity, "feedback")
    payload = {"activity": activity, "topic": "types-of-services"}
    act(room.fac, "scenario.show_topic", payload)
    return activity
