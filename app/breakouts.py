"""Breakout groups balanced by role (issue 7, "Breakout groups"): one
facilitator action makes N groups and deals everyone present into them so
that each group mixes commissioners, providers and people with lived
experience.

The deal: everyone in a fixed order of roles (and, within a role, of
organisation type), then round-robin across the groups without restarting
between roles. Any run of people in that order — one role, or neighbouring
roles such as the council side (commissioning, procurement, health) —
lands at most one apart between groups, and so do the groups' sizes.

The workshop's first N groups (oldest first) are reused, so names and
topics given to them stay; any missing are made as "Group 1", "Group 2"…;
groups beyond the first N are left, emptied. Each person moved moves live,
as `workshop.assign_group` moves one.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import Form, IntegerField
from wtforms.validators import InputRequired, NumberRange

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.models import Group, Participant
from app.workshop_actions import group_view, move_to_group

MIN_GROUPS, MAX_GROUPS = 2, 50

# Neighbours are alike, so a run of them is spread as one: the council and
# NHS side, then providers, then people who use services and their carers.
ROLE_ORDER = (
    "commissioner",
    "procurement",
    "health",
    "provider",
    "lived_experience",
    "carer",
    "other",
)


class BalanceForm(Form):
    count = IntegerField(
        validators=[
            InputRequired(message=_l("Say how many groups.")),
            NumberRange(
                min=MIN_GROUPS,
                max=MAX_GROUPS,
                message=_l("Make between %(min)d and %(max)d groups."),
            ),
        ]
    )


def _deal_order(person):
    rank = ROLE_ORDER.index(person.role) if person.role in ROLE_ORDER else 99
    return (rank, person.role, person.organisation_type or "", person.id)


def deal_by_role(people, count):
    """`count` lists of people: dealt round-robin in role order, so each
    role's (and each run of neighbouring roles') numbers differ by at most
    one between lists, and so do the lists' lengths."""
    dealt = [[] for _ in range(count)]
    for index, person in enumerate(sorted(people, key=_deal_order)):
        dealt[index % count].append(person)
    return dealt


def _groups(workshop, count):
    """The workshop's first `count` groups, oldest first, made up to `count`
    with new ones named "Group <n>" (a number no group is named with yet)."""
    groups = db.session.scalars(
        sa.select(Group)
        .filter_by(workshop_id=workshop.id)
        .order_by(Group.created_at, Group.id)
    ).all()
    taken = {group.name for group in groups}
    chosen, number = groups[:count], 0
    while len(chosen) < count:
        number += 1
        name = _("Group %(number)d", number=number)
        if name not in taken:
            chosen.append(Group(workshop_id=workshop.id, name=name))
    db.session.add_all(chosen)
    db.session.flush()
    return chosen


def _present(workshop):
    return db.session.scalars(
        sa.select(Participant)
        .filter_by(workshop_id=workshop.id, removed_at=None)
        .order_by(Participant.joined_at, Participant.id)
    ).all()


def project_balance(workshop, refs, stream_key):
    """Facilitators: the groups and who is in each; a moved person's own
    stream: their new group, as `workshop.assign_group` says it."""
    groups = {group_id: db.session.get(Group, group_id) for group_id in refs["groups"]}
    placed = dict(map(tuple, refs["placed"]))  # participant id -> group id
    if stream_key == audiences.FACILITATORS:
        people = db.session.scalars(
            sa.select(Participant).filter(Participant.id.in_(placed))
        )
        return {
            "groups": [group_view(group) for group in groups.values()],
            "placed": [
                {
                    "participant": person.public_id,
                    "group": groups[placed[person.id]].public_id,
                }
                for person in people
            ],
        }
    person = audiences.private_owner(stream_key)
    return {
        "group": group_view(groups[placed[person.id]]),
        "participant": person.public_id,
    }


def _too_many(present):
    return ngettext(
        "Only %(num)d person is here: groups need at least two people.",
        "Only %(num)d people are here: make %(num)d groups or fewer.",
        present,
    )


@action("workshop.balance_groups", BalanceForm, project_balance)
def balance_groups(ctx, data):
    """Make `count` groups and deal everyone present into them, mixed by
    role; each person moved moves live (facilitators)."""
    people, count = _present(ctx.workshop), data["count"]
    if not people:
        raise Refused("invalid", _("Nobody has joined yet."))
    if count > len(people):
        raise Refused("invalid", _too_many(len(people)))
    groups = _groups(ctx.workshop, count)
    streams, tasks, placed = {audiences.FACILITATORS: False}, [], []
    for group, members in zip(groups, deal_by_role(people, count), strict=True):
        for person in members:
            placed.append((person.id, group.id))
            if person.group_id != group.id:
                streams[audiences.private(person)] = True
                tasks.append(move_to_group(ctx, person, group))
    return Outcome(
        refs={"groups": [group.id for group in groups], "placed": placed},
        audiences=streams,
        result={"groups": [group.public_id for group in groups]},
        after_commit=tasks,
    )
