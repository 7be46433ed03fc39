"""Role buckets: never fewer than three people in any bucket shown."""

import pytest

from app.kinds.roles import OTHER_ROLES, role_buckets


def roles(*counts):
    """{person: role} with `count` people for each (role, count)."""
    people, n = {}, 0
    for role, count in counts:
        for _ in range(count):
            people[n] = role
            n += 1
    return people


def bucket_sizes(buckets):
    sizes = {}
    for bucket in buckets.values():
        sizes[bucket] = sizes.get(bucket, 0) + 1
    return sizes


def test_roles_of_three_or_more_are_their_own_bucket():
    buckets = role_buckets(roles(("provider", 3), ("commissioner", 4)))
    assert bucket_sizes(buckets) == {"provider": 3, "commissioner": 4}


def test_small_roles_pool_into_other_roles():
    buckets = role_buckets(
        roles(("provider", 4), ("commissioner", 3), ("carer", 2), ("health", 1))
    )
    assert bucket_sizes(buckets) == {"provider": 4, "commissioner": 3, OTHER_ROLES: 3}


def test_a_pool_under_three_takes_in_the_smallest_role():
    buckets = role_buckets(roles(("provider", 5), ("commissioner", 3), ("carer", 1)))
    assert bucket_sizes(buckets) == {"provider": 5, OTHER_ROLES: 4}


@pytest.mark.parametrize(
    "counts",
    [
        (("provider", 2),),
        (("provider", 5),),
        (("provider", 3), ("carer", 1)),
        (("provider", 1), ("carer", 1), ("health", 1)),
        (),
    ],
)
def test_no_split_when_it_would_show_one_bucket_or_a_small_one(counts):
    assert role_buckets(roles(*counts)) is None


def test_every_bucket_shown_has_at_least_three_people():
    """Exhaustively over small rooms of four roles."""
    for a in range(6):
        for b in range(6):
            for c in range(4):
                for d in range(4):
                    people = roles(("p", a), ("c", b), ("l", c), ("h", d))
                    buckets = role_buckets(people)
                    if buckets is not None:
                        sizes = bucket_sizes(buckets)
                        assert min(sizes.values()) >= 3 and len(sizes) >= 2
