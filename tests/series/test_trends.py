"""Trends across a series' workshops, from plain rows: means and
distributions joined by item key, a break where wording or scale changed,
role splits only in buckets of three or more (never for an anonymous
checklist), the commissioner/provider gap, and the spectrum's movement."""

import pytest

from app.kinds.roles import OTHER_ROLES
from app.series.trends import (
    SCALE,
    WORDING,
    ChecklistSheet,
    Occasion,
    SpectrumSheet,
    checklist_trends,
    spectrum_trends,
)

SCALE_210 = ((2, "Good evidence"), (1, "Mixed evidence"), (0, "No evidence"))
ITEMS = (
    ("element-1", "Person centred.", "Person centred."),
    ("element-2", "Effective, not price.", "Effective, not price."),
)
SPRING, SUMMER, AUTUMN = (
    Occasion("w1", "12 Mar 2025"),
    Occasion("w2", "11 Jun 2025"),
    Occasion("w3", "10 Sep 2025"),
)


def people(*groups):
    """Scores: for each (role, how many, {item: value}), that many people of
    that role giving those scores; people numbered from 1."""
    rows, person = [], 0
    for role, count, values in groups:
        for _n in range(count):
            person += 1
            rows += [(person, item, value, role) for item, value in values.items()]
    return tuple(rows)


def sheet(
    occasion, scores, items=ITEMS, scale=SCALE_210, anonymous=False, family="ccps"
):
    if anonymous:  # as the reader gives them: no role at all
        scores = tuple((p, item, value, None) for p, item, value, _role in scores)
    return ChecklistSheet(occasion, family, "CCPS", items, scale, anonymous, scores)


def only(trends):
    [trend] = trends
    return trend


def element(trend, key):
    return next(found for found in trend.elements if found.key == key)


def at(points, occasion, role=None):
    return next(
        point
        for point in points
        if point.occasion == occasion and getattr(point, "role", None) == role
    )


def test_means_and_distributions_join_by_item_key_across_three_workshops():
    """Each workshop's scores give a mean and a count per scale value, per
    item, in workshop order; unscored (None) values count for neither."""
    trend = only(
        checklist_trends(
            [
                sheet(
                    SPRING, people(("provider", 2, {"element-1": 0, "element-2": 2}))
                ),
                sheet(
                    SUMMER,
                    people(
                        ("provider", 1, {"element-1": 1, "element-2": None}),
                        ("provider", 1, {"element-1": 2, "element-2": 2}),
                    ),
                ),
                sheet(AUTUMN, people(("provider", 3, {"element-1": 2}))),
            ]
        )
    )

    first = element(trend, "element-1")
    assert [p.occasion for p in first.overall] == [SPRING, SUMMER, AUTUMN]
    assert [p.mean for p in first.overall] == [0, 1.5, 2]
    assert [p.count for p in first.overall] == [2, 2, 3]
    assert at(first.overall, SUMMER).distribution == ((2, 1), (1, 1), (0, 0))
    second = element(trend, "element-2")
    assert [(p.mean, p.count) for p in second.overall] == [(2, 2), (2, 1), (None, 0)]
    assert all(not p.step.changes for p in first.overall + second.overall)


def test_a_changed_wording_breaks_that_items_line_only():
    """An item whose frozen wording changed starts a new segment, marked
    "wording", at the workshop where it changed; the next workshop with the
    same wording continues that segment unmarked; other items run on."""
    reworded = (ITEMS[0], ("element-2", "Effective, on value.", "Effective, on value."))
    scores = people(("provider", 3, {"element-1": 1, "element-2": 1}))
    trend = only(
        checklist_trends(
            [
                sheet(SPRING, scores),
                sheet(SUMMER, scores, items=reworded),
                sheet(AUTUMN, scores, items=reworded),
            ]
        )
    )

    changed = element(trend, "element-2")
    assert [p.step.segment for p in changed.overall] == [0, 1, 1]
    assert [p.step.changes for p in changed.overall] == [
        frozenset(),
        frozenset({WORDING}),
        frozenset(),
    ]
    assert changed.label == "Effective, on value."  # the latest wording
    steady = element(trend, "element-1")
    assert [p.step.segment for p in steady.overall] == [0, 0, 0]


def test_a_changed_scale_breaks_every_item():
    """A different scale (values or labels) breaks every item's line."""
    scale_321 = ((3, "Good"), (2, "Some"), (1, "None"))
    scores = people(("provider", 3, {"element-1": 2, "element-2": 1}))
    trend = only(
        checklist_trends(
            [sheet(SPRING, scores), sheet(SUMMER, scores, scale=scale_321)]
        )
    )

    for found in trend.elements:
        assert [p.step for p in found.overall][1].changes == frozenset({SCALE})
        assert [p.step.segment for p in found.overall] == [0, 1]
    assert trend.scale == scale_321
    assert at(element(trend, "element-1").overall, SUMMER).distribution == (
        (3, 0),
        (2, 3),
        (1, 0),
    )


def test_an_item_missing_in_between_joins_on_without_a_break():
    """An item not asked at one workshop has no point there and joins on
    with the same wording after it."""
    trend = only(
        checklist_trends(
            [
                sheet(SPRING, people(("provider", 3, {"element-2": 2}))),
                sheet(
                    SUMMER, people(("provider", 3, {"element-1": 1})), items=ITEMS[:1]
                ),
                sheet(AUTUMN, people(("provider", 3, {"element-2": 0}))),
            ]
        )
    )

    second = element(trend, "element-2")
    assert [p.occasion for p in second.overall] == [SPRING, AUTUMN]
    assert [p.step.segment for p in second.overall] == [0, 0]


def test_by_role_merges_small_roles_into_other_roles():
    """Roles under three people pool into "other roles" (app/kinds/roles.py),
    per workshop; each bucket's mean is of its own members' scores."""
    trend = only(
        checklist_trends(
            [
                sheet(
                    SPRING,
                    people(
                        ("commissioner", 3, {"element-1": 2}),
                        ("provider", 4, {"element-1": 0}),
                        ("lived_experience", 1, {"element-1": 1}),
                        ("carer", 2, {"element-1": 0}),
                    ),
                )
            ]
        )
    )

    by_role = element(trend, "element-1").by_role
    assert {p.role: (p.mean, p.count) for p in by_role} == {
        "commissioner": (2, 3),
        "provider": (0, 4),
        OTHER_ROLES: (pytest.approx(1 / 3), 3),
    }
    assert trend.roles == ["commissioner", "provider", OTHER_ROLES]


def test_a_room_too_small_to_split_has_no_role_points():
    """Where the buckets cannot reach three each, nothing is split."""
    trend = only(
        checklist_trends(
            [
                sheet(
                    SPRING,
                    people(
                        ("commissioner", 2, {"element-1": 2}),
                        ("provider", 3, {"element-1": 0}),
                    ),
                )
            ]
        )
    )

    assert element(trend, "element-1").by_role == []
    assert element(trend, "element-1").gaps == []
    assert trend.roles == []


def test_an_anonymous_checklist_is_never_split_by_role():
    """Even with many people in each role, an anonymous checklist gives no
    role points and no gap, though its overall mean counts."""
    crowd = people(
        ("commissioner", 5, {"element-1": 2}),
        ("provider", 5, {"element-1": 0}),
    )
    trend = only(
        checklist_trends([sheet(SPRING, crowd), sheet(SUMMER, crowd, anonymous=True)])
    )

    first = element(trend, "element-1")
    assert {p.occasion for p in first.by_role} == {SPRING}
    assert [g.occasion for g in first.gaps] == [SPRING]
    assert at(first.overall, SUMMER).mean == 1


def test_the_gap_is_commissioners_mean_minus_providers():
    """Per item per workshop: commissioners' mean minus providers'."""
    trend = only(
        checklist_trends(
            [
                sheet(
                    SPRING,
                    people(
                        ("commissioner", 3, {"element-1": 2, "element-2": 1}),
                        ("provider", 1, {"element-1": 1, "element-2": 1}),
                        ("provider", 3, {"element-1": 0, "element-2": 2}),
                    ),
                )
            ]
        )
    )

    [gap] = element(trend, "element-1").gaps
    assert (gap.commissioners, gap.providers, gap.gap) == (2, 0.25, 1.75)
    [other] = element(trend, "element-2").gaps
    assert other.gap == pytest.approx(1 - 1.75)


def test_no_gap_unless_both_roles_are_buckets_of_their_own():
    """Three commissioners merged into "other roles" (to lift a pool of
    one) give no gap: their mean beside the pool's would expose the one."""
    merged = people(
        ("commissioner", 3, {"element-1": 2}),
        ("provider", 4, {"element-1": 0}),
        ("lived_experience", 1, {"element-1": 1}),
    )
    short = people(
        ("commissioner", 3, {"element-1": 2}),
        ("provider", 2, {"element-1": 0}),
        ("carer", 3, {"element-1": 1}),
    )
    trend = only(checklist_trends([sheet(SPRING, merged), sheet(SUMMER, short)]))

    first = element(trend, "element-1")
    assert first.gaps == []
    roles_seen = {(p.occasion, p.role) for p in first.by_role}
    assert (SPRING, "commissioner") not in roles_seen
    assert (SUMMER, "provider") not in roles_seen


def test_families_are_followed_apart():
    """Two methods with the same item keys make two trends, never one."""
    scores = people(("provider", 3, {"element-1": 2}))
    found = checklist_trends(
        [sheet(SPRING, scores), sheet(SPRING, scores, family="ipc")]
    )

    assert [trend.family for trend in found] == ["ccps", "ipc"]
    assert all(len(element(t, "element-1").overall) == 1 for t in found)


DIMENSIONS = (
    ("need", "Need | Funder defines | Together", "Identification of need"),
    ("spec", "Spec | Outputs | Outcomes", "Level of specification"),
)
POLES = (("need", "Funder defines", "Together"), ("spec", "Outputs", "Outcomes"))


def spectrum(occasion, marks, points=5, dimensions=DIMENSIONS):
    return SpectrumSheet(
        occasion, "ccps-spectrum", "Spectrum", dimensions, POLES, points, marks
    )


def test_the_spectrum_moves_by_mean_now_and_aspiration():
    """Per dimension per workshop: mean "now" and "aspiration" of those who
    placed each; a change in the number of points breaks the line."""
    trend = only(
        spectrum_trends(
            [
                spectrum(
                    SPRING, ((1, "need", 1, 4), (2, "need", 2, None), (1, "spec", 3, 5))
                ),
                spectrum(SUMMER, ((1, "need", 3, 5), (2, "need", 2, 4))),
                spectrum(AUTUMN, ((1, "need", 4, 7),), points=7),
            ]
        )
    )

    need = element(trend, "need")
    assert [(m.now, m.aspiration) for m in need.overall] == [
        (1.5, 4),
        (2.5, 4.5),
        (4, 7),
    ]
    assert [(m.now_count, m.aspiration_count) for m in need.overall][0] == (2, 1)
    assert [m.step.changes for m in need.overall][2] == frozenset({SCALE})
    assert [m.step.segment for m in need.overall] == [0, 0, 1]
    spec = element(trend, "spec")
    assert [(m.now, m.aspiration) for m in spec.overall][1] == (None, None)
    assert trend.points == 7 and trend.poles["need"] == ("Funder defines", "Together")


def test_a_reworded_pole_breaks_the_dimension():
    """The poles are part of a dimension's wording."""
    reworded = (("need", "Need | Funder decides | Together", "Identification of need"),)
    trend = only(
        spectrum_trends(
            [
                spectrum(SPRING, ((1, "need", 1, 4),)),
                spectrum(SUMMER, ((1, "need", 2, 4),), dimensions=reworded),
            ]
        )
    )

    assert [m.step.changes for m in element(trend, "need").overall][1] == frozenset(
        {WORDING}
    )
