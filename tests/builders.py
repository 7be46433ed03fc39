"""Builders for test data: short calls that make valid rows.

The first ones write rows directly; those after "Through the write path" make
a workshop's state through `apply()` itself, as a client's changes would.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from app import actors, changes
from app.actors import FACILITATOR, PARTICIPANT, Actor
from app.extensions import db
from app.models import (
    Activity,
    Event,
    LoginSession,
    Note,
    Participant,
    ShareLink,
    Team,
    User,
    Workshop,
)
from app.models.types import utcnow

PASSWORD = "correct horse battery"
# The app hashes with scrypt; checking accepts any Werkzeug hash, so test
# accounts get a cheap one and signing in costs microseconds, not 50 ms.
CHEAP_PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


def make_team(name="Test Team", retention_days=365):
    team = Team(name=name, retention_days=retention_days)
    db.session.add(team)
    db.session.commit()
    return team


def make_user(team, email=None, role="facilitator", is_admin=False, name="Test User"):
    email = email or f"{role}{'-admin' if is_admin else ''}-{team.id}@example.org"
    user = User(team=team, email=email, name=name, role=role, is_admin=is_admin)
    user.password_hash = CHEAP_PASSWORD_HASH
    db.session.add(user)
    db.session.commit()
    return user


def make_workshop(team, title="Test workshop", engagement_level="consultation", **kw):
    workshop = Workshop(
        team=team, title=title, engagement_level=engagement_level, purpose="", **kw
    )
    db.session.add(workshop)
    db.session.commit()
    return workshop


def make_participant(workshop, display_name="Pat", role="provider", **kw):
    fields = {"organisation_type": "private_provider", **kw}
    participant = Participant(
        workshop=workshop, display_name=display_name, role=role, **fields
    )
    db.session.add(participant)
    db.session.commit()
    return participant


# --- Through the write path: a workshop's state, made by `apply()` ------------


def new_op_id():
    return str(uuid.uuid4())


def facilitator_actor(workshop, team=None):
    """A facilitator of `team` (the workshop's own by default), signed in."""
    email = f"facilitator-{uuid.uuid4().hex[:10]}@example.org"
    user = make_user(team or workshop.team, email=email, name="Fay")
    login = LoginSession(user=user)
    db.session.add(login)
    db.session.commit()
    return Actor(FACILITATOR, workshop.id, user_id=user.id, login_session_id=login.id)


def reviewer_actor(workshop, team=None):
    """A reviewer of `team` (the workshop's own by default), signed in."""
    email = f"reviewer-{uuid.uuid4().hex[:10]}@example.org"
    user = make_user(team or workshop.team, email=email, role="reviewer", name="Rae")
    login = LoginSession(user=user)
    db.session.add(login)
    db.session.commit()
    return actors.for_reviewer(workshop, user, login.id)


def commenter_actor(workshop, activity=None, days=7):
    """Someone with no account, on a new share link of `workshop` that takes
    comments for `days` more days (a pathway's alone, given its row)."""
    link = ShareLink(
        workshop_id=workshop.id,
        activity_id=activity.id if activity is not None else None,
        comments_until=utcnow() + timedelta(days=days),
    )
    db.session.add(link)
    db.session.commit()
    return actors.for_commenter(link)


def participant_actor(participant):
    return Actor(PARTICIPANT, participant.workshop_id, participant_id=participant.id)


def act(actor, action, payload, op_id=None):
    """Apply one change with a fresh op_id; the acknowledgement."""
    return changes.apply(actor, action, payload, op_id or new_op_id())


FRESH = object()  # a new op_id, where a test does not care which


def refused(actor, action, payload, op_id=FRESH):
    """The Refused a change gets (the test fails if it is applied)."""
    op_id = new_op_id() if op_id is FRESH else op_id
    with pytest.raises(changes.Refused) as refusal:
        changes.apply(actor, action, payload, op_id)
    return refusal.value


def make_board(facilitator, phase="writing", in_groups=False, columns=("ideas",)):
    """A board activity in `phase`, with these column keys; its public id."""
    payload = {"method": "open-board", "title": "Ideas", "in_groups": in_groups}
    board = act(facilitator, "workshop.add_activity", payload)["result"]["activity"]
    activity = activity_row(board)
    activity.content = {
        **activity.content,
        "columns": [{"key": key, "title": key.title()} for key in columns],
    }
    db.session.commit()
    if phase != "not_started":
        set_phase(facilitator, board, phase)
    return board


def set_phase(facilitator, board, phase):
    return act(facilitator, "activity.set_phase", {"activity": board, "phase": phase})


def make_group(facilitator, name="Table 1"):
    return act(facilitator, "workshop.create_group", {"name": name})["result"]["group"]


def put_in_group(facilitator, participant, group):
    payload = {"participant": participant.public_id, "group": group}
    return act(facilitator, "workshop.assign_group", payload)


def add_note(actor, board, text="An idea", private=False, column="ideas"):
    """A note on `board` by `actor`; its public id."""
    payload = {"activity": board, "column": column, "text": text, "private": private}
    return act(actor, "board.add_note", payload)["result"]["note"]


def activity_row(public_id):
    return db.session.scalar(sa.select(Activity).filter_by(public_id=public_id))


def note_row(public_id):
    return db.session.scalar(sa.select(Note).filter_by(public_id=public_id))


def event_count():
    return db.session.scalar(sa.select(sa.func.count()).select_from(Event))


@dataclass
class Cast:
    """A workshop with a signed-in facilitator and two participants."""

    workshop: Workshop
    fac: Actor
    ann: object
    bob: object

    @property
    def ann_actor(self):
        return participant_actor(self.ann)

    @property
    def bob_actor(self):
        return participant_actor(self.bob)


def make_cast(workshop):
    return Cast(
        workshop,
        facilitator_actor(workshop),
        make_participant(workshop, display_name="Ann"),
        make_participant(workshop, display_name="Bob"),
    )
