"""A series read from the database into trends: three quarters of a forum
scored through the write path, with an item reworded in the team's own copy
of the checklist before the third, which was anonymous."""

import pytest

from app.extensions import db
from app.kinds.roles import OTHER_ROLES
from app.series import sources
from app.series.trends import WORDING, checklist_trends
from tests import builders
from tests.series.forum import DATES, checklist_workshop, quarterly_forum


def read_trend(series):
    [trend] = checklist_trends(sources.checklist_sheets(sources.workshops_of(series)))
    return trend


def element(trend, key):
    return next(found for found in trend.elements if found.key == key)


def test_three_workshops_trend_with_the_reworded_item_broken(app, team):
    """Means per element per quarter; the team's copy joins the built-in
    method's trend by item key, and the reworded item breaks its line."""
    series, _quarters = quarterly_forum(team)
    trend = read_trend(series)

    assert [o.label for o in trend.occasions] == [
        "Mar 12, 2025",
        "Jun 11, 2025",
        "Sep 10, 2025",
    ]
    first, second = element(trend, "element-1"), element(trend, "element-2")
    assert [p.mean for p in first.overall] == pytest.approx([7 / 9, 10 / 7, 2])
    assert [p.mean for p in second.overall] == pytest.approx([1.5, 1, 1])
    assert [p.step.segment for p in first.overall] == [0, 0, 0]
    assert [p.step.segment for p in second.overall] == [0, 0, 1]
    assert second.overall[2].step.changes == frozenset({WORDING})
    assert second.overall[0].distribution == ((2, 3), (1, 3), (0, 0))


def test_roles_and_gaps_read_from_the_forum(app, team):
    """Small roles merge into "other roles"; the anonymous quarter is never
    split; the gap is commissioners' mean minus providers'."""
    series, _quarters = quarterly_forum(team)
    trend = read_trend(series)
    first = element(trend, "element-1")

    spring = {p.role: p.mean for p in first.by_role if p.occasion == trend.occasions[0]}
    assert spring == {
        "commissioner": 2,
        "provider": 0,
        OTHER_ROLES: pytest.approx(1 / 3),
    }
    assert trend.occasions[2] not in {p.occasion for p in first.by_role}
    assert [g.gap for g in first.gaps] == [2, 1]
    assert [g.gap for g in element(trend, "element-2").gaps] == [1, 0]


def test_an_anonymous_checklist_is_read_without_roles(app, team):
    """The reader strips roles from an anonymous checklist's scores."""
    series, _quarters = quarterly_forum(team)
    sheets = sources.checklist_sheets(sources.workshops_of(series))

    assert sheets[2].anonymous
    assert {role for _p, _i, _v, role in sheets[2].scores} == {None}
    assert {role for _p, _i, _v, role in sheets[0].scores} >= {"commissioner"}


def test_only_revealed_checklists_and_real_workshops_count(app, team):
    """An unrevealed checklist and a rehearsal add no point; workshops come
    in date order whatever order they were made in."""
    series, (spring, _summer, _autumn) = quarterly_forum(team)
    checklist_workshop(
        series, "Winter forum", None, [("provider", 3, {"element-1": 0})], reveal=False
    )
    rehearsal = builders.make_workshop(
        team, title="Rehearsal", rehearsal_of_id=spring.id
    )
    rehearsal.series_id = series.id
    db.session.commit()

    workshops = sources.workshops_of(series)
    assert [w.title for w in workshops] == [
        "Spring forum",
        "Summer forum",
        "Autumn forum",
        "Winter forum",
    ]
    assert len(read_trend(series).occasions) == 3


def test_labels_stay_unique_on_the_same_day(app, team):
    """Two workshops on one date get labels an axis can tell apart."""
    series, _quarters = quarterly_forum(team)
    checklist_workshop(series, "Extra", DATES[0], [("provider", 3, {"element-1": 0})])

    labels = [o.label for o in sources.occasions(sources.workshops_of(series))]
    assert len(set(labels)) == len(labels) == 4
