"""Breakout groups balanced by role (app/breakouts.py): the deal's arithmetic
on many role mixes, and the facilitator's action that makes the groups and
moves everyone present into them."""

import random
from collections import Counter
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from app import audiences
from app.breakouts import ROLE_ORDER, deal_by_role
from app.extensions import db
from app.models import Group, Participant
from app.models.types import utcnow
from tests.builders import act, event_count, make_group, make_participant, put_in_group
from tests.builders import refused as refusal


@dataclass(frozen=True)
class Person:
    id: int
    role: str
    organisation_type: str = "other"


def spread(counts):
    return max(counts) - min(counts)


def assert_balanced(hands, roles):
    """Sizes, each role, and each run of neighbouring roles in ROLE_ORDER are
    at most one apart between groups."""
    assert spread([len(hand) for hand in hands]) <= 1
    known = [role for role in ROLE_ORDER if role in roles] + sorted(
        set(roles) - set(ROLE_ORDER)
    )
    for start in range(len(known)):
        for end in range(start + 1, len(known) + 1):
            run = set(known[start:end])
            counts = [sum(p.role in run for p in hand) for hand in hands]
            assert spread(counts) <= 1, (run, counts)


def people_with(mix):
    """People for a {role: how many} mix, in a shuffled join order."""
    people = [Person(0, role) for role, n in mix.items() for _ in range(n)]
    random.Random(len(people)).shuffle(people)
    return [Person(i, p.role, p.organisation_type) for i, p in enumerate(people)]


MIXES = [
    {"commissioner": 4, "provider": 4, "lived_experience": 4},
    {"commissioner": 1, "provider": 9, "lived_experience": 2},
    {"provider": 7},
    {"commissioner": 3, "procurement": 1, "health": 2, "provider": 11, "carer": 1},
    {"lived_experience": 1, "carer": 1, "other": 1, "commissioner": 1},
    {
        "commissioner": 20,
        "provider": 25,
        "lived_experience": 8,
        "carer": 4,
        "health": 3,
    },  # fmt: skip
    {"provider": 2, "mystery": 3},  # a role the app no longer lists
]


@pytest.mark.parametrize("mix", MIXES)
@pytest.mark.parametrize("count", [2, 3, 4, 5, 7])
def test_deal_balances_sizes_roles_and_neighbouring_roles(mix, count):
    """Whatever the mix, groups' sizes and every role's numbers differ by at
    most one, and everyone is placed exactly once."""
    people = people_with(mix)
    hands = deal_by_role(people, count)

    assert len(hands) == count
    assert sorted(p.id for hand in hands for p in hand) == [p.id for p in people]
    assert_balanced(hands, mix)


def test_deal_balances_random_mixes():
    """Property-like: 300 random mixes and numbers of groups, all balanced."""
    rng = random.Random(7)
    for _ in range(300):
        roles = rng.sample(ROLE_ORDER, rng.randint(1, len(ROLE_ORDER)))
        mix = {role: rng.randint(0, 12) for role in roles}
        people = people_with(mix)
        if len(people) < 2:
            continue
        count = rng.randint(2, min(len(people), 12))
        assert_balanced(deal_by_role(people, count), mix)


def test_deal_spreads_organisation_types_within_a_role():
    """Six providers of two types in two groups: three of each type would be
    unbalanced; the deal gives each group both kinds."""
    people = [
        Person(i, "provider", "private_provider" if i < 3 else "voluntary_provider")
        for i in range(6)
    ]
    for hand in deal_by_role(people, 2):
        types = Counter(p.organisation_type for p in hand)
        assert spread(list(types.values())) <= 1 and len(types) == 2


# --- the action ---------------------------------------------------------------


@pytest.fixture
def room(cast):
    """Ann and Bob (providers) plus two commissioners and two people with
    lived experience: six people present."""
    more = [
        ("Cat", "commissioner"),
        ("Dev", "commissioner"),
        ("Eve", "lived_experience"),
        ("Fin", "lived_experience"),
    ]
    return [cast.ann, cast.bob] + [
        make_participant(cast.workshop, display_name=name, role=role)
        for name, role in more
    ]


def groups_of(workshop):
    db.session.expire_all()
    groups = db.session.scalars(
        sa.select(Group).filter_by(workshop_id=workshop.id).order_by(Group.id)
    ).all()
    members = {
        group.name: sorted(
            p.role
            for p in db.session.scalars(
                sa.select(Participant).filter_by(group_id=group.id)
            )
        )
        for group in groups
    }
    return members


def test_balance_makes_groups_each_mixing_every_role(cast, room):
    """Two groups of six: each has a commissioner, a provider and a person
    with lived experience."""
    ack = act(cast.fac, "workshop.balance_groups", {"count": 2})

    mix = sorted(["commissioner", "lived_experience", "provider"])
    assert groups_of(cast.workshop) == {"Group 1": mix, "Group 2": mix}
    assert len(ack["result"]["groups"]) == 2


def test_balance_reuses_existing_groups_and_empties_the_rest(cast, room):
    """The first groups made are filled, their names kept; a group beyond
    the number asked for is emptied."""
    for name in ("Table A", "Table B", "Spare table"):
        make_group(cast.fac, name)
    put_in_group(cast.fac, room[2], spare_id(cast.workshop, "Spare table"))
    assert groups_of(cast.workshop)["Spare table"] == ["commissioner"]

    act(cast.fac, "workshop.balance_groups", {"count": 2})

    groups = groups_of(cast.workshop)
    assert list(groups) == ["Table A", "Table B", "Spare table"]
    assert [len(members) for members in groups.values()] == [3, 3, 0]


def spare_id(workshop, name):
    return db.session.scalar(
        sa.select(Group.public_id).filter_by(workshop_id=workshop.id, name=name)
    )


def test_balance_names_new_groups_with_numbers_not_taken(cast, room):
    """With "Table A" and "Group 2" there already, four groups are those two
    and new ones named "Group 1" and "Group 3"; everyone is placed."""
    make_group(cast.fac, "Table A")
    make_group(cast.fac, "Group 2")

    act(cast.fac, "workshop.balance_groups", {"count": 4})

    groups = groups_of(cast.workshop)
    assert list(groups) == ["Table A", "Group 2", "Group 1", "Group 3"]
    assert sorted(len(members) for members in groups.values()) == [1, 1, 2, 2]


def test_balance_leaves_out_removed_participants(cast, room):
    gone = make_participant(cast.workshop, display_name="Gus", removed_at=utcnow())

    act(cast.fac, "workshop.balance_groups", {"count": 2})

    db.session.expire_all()
    assert db.session.get(Participant, gone.id).group_id is None
    assert sum(len(m) for m in groups_of(cast.workshop).values()) == 6


def test_balance_tells_facilitators_and_each_moved_person_only(cast, room):
    """The facilitators' stream and the private stream of each person whose
    group changed carry the event (a visibility change: they get snapshots);
    someone already in their dealt group is not told again."""
    first = act(cast.fac, "workshop.balance_groups", {"count": 2})
    assert set(first["streams"]) == {audiences.FACILITATORS} | {
        audiences.private(person) for person in room
    }

    again = act(cast.fac, "workshop.balance_groups", {"count": 2})

    assert set(again["streams"]) == {audiences.FACILITATORS}


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"count": 1}, "invalid"),
        ({"count": 51}, "invalid"),
        ({"count": "two"}, "invalid"),
        ({}, "invalid"),
        ({"count": ["2"]}, "invalid"),
        ({"count": 7}, "invalid"),  # more groups than people
    ],
)
def test_bad_balance_payloads_change_nothing(cast, room, payload, code):
    before = event_count()

    assert refusal(cast.fac, "workshop.balance_groups", payload).code == code

    assert event_count() == before
    assert groups_of(cast.workshop) == {}


def test_balance_with_nobody_here_is_refused(cast):
    for person in (cast.ann, cast.bob):
        act(cast.fac, "workshop.remove_participant", {"participant": person.public_id})

    refused = refusal(cast.fac, "workshop.balance_groups", {"count": 2})

    assert refused.message == "Nobody has joined yet."
    assert groups_of(cast.workshop) == {}


def test_balance_with_one_person_here_says_groups_need_two(cast):
    act(cast.fac, "workshop.remove_participant", {"participant": cast.bob.public_id})

    refused = refusal(cast.fac, "workshop.balance_groups", {"count": 2})

    assert refused.message == (
        "Only 1 person is here: groups need at least two people."
    )
    assert groups_of(cast.workshop) == {}


def test_participants_cannot_balance_groups(cast, room):
    before = event_count()

    refused = refusal(cast.ann_actor, "workshop.balance_groups", {"count": 2})

    assert refused.code == "not_allowed"
    assert event_count() == before
