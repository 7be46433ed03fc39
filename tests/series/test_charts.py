"""The series' trend charts (app/series/charts.py): a line per unbroken
stretch, a marker where the wording or scale changed, lines by role, the
gap around zero, the spectrum's two lines, no panel where nothing was
scored; labels as data; and the worker's renderer draws each one."""

import json

from app.exports import chart_images
from app.series import charts
from app.series.trends import checklist_trends, spectrum_trends
from tests.series.test_trends import (
    AUTUMN,
    ITEMS,
    SPRING,
    SUMMER,
    people,
    sheet,
    spectrum,
)

REWORDED = (ITEMS[0], ("element-2", "Effective, on value.", "Effective, on value."))
ROOM = people(
    ("commissioner", 3, {"element-1": 2, "element-2": 2}),
    ("provider", 3, {"element-1": 0, "element-2": 1}),
)
LABELS = {"commissioner": "Commissioner", "provider": "Provider"}


def forum_trend():
    [trend] = checklist_trends(
        [
            sheet(SPRING, ROOM),
            sheet(SUMMER, ROOM, items=REWORDED),
            sheet(AUTUMN, ROOM, items=REWORDED),
        ]
    )
    return trend


def layers(spec, panel, mark):
    """The data of panel number `panel`'s layers drawing `mark`."""
    return [
        layer["data"]["values"]
        for layer in spec["vconcat"][panel]["layer"]
        if layer["mark"]["type"] == mark
    ]


def test_a_break_splits_the_line_and_is_marked(app):
    """Across a wording change the points lie on different paths (so no line
    joins them) and a rule and label mark the workshop where it changed."""
    spec = charts.checklist_means(forum_trend())

    [points] = layers(spec, 1, "line")
    paths = {point["occasion"]: point["path"] for point in points}
    assert paths[SPRING.label] != paths[SUMMER.label] == paths[AUTUMN.label]
    [markers] = layers(spec, 1, "text")
    assert markers == [{"occasion": SUMMER.label, "text": "wording changed"}]
    [rules] = layers(spec, 1, "rule")
    assert [rule["occasion"] for rule in rules] == [SUMMER.label]
    [steady] = layers(spec, 0, "line")
    assert len({point["path"] for point in steady}) == 1
    assert layers(spec, 0, "text") == [[]]


def test_the_workshops_are_the_axis_in_date_order(app):
    """Every panel's x axis lists every workshop in order, even where an
    element has no point."""
    spec = charts.checklist_means(forum_trend())

    for panel in spec["vconcat"]:
        x = panel["layer"][-1]["encoding"]["x"]
        assert x["scale"]["domain"] == [SPRING.label, SUMMER.label, AUTUMN.label]
    assert [p["value"] for p in layers(spec, 0, "point")[0]] == [1, 1, 1]


def test_by_role_draws_a_line_per_role_and_stretch(app):
    """Each role is its own line, in colour and shape, and breaks too."""
    spec = charts.checklist_by_role(forum_trend(), LABELS)

    [points] = layers(spec, 1, "line")
    paths = {(p["line"], p["occasion"]): p["path"] for p in points}
    assert paths["Commissioner", SPRING.label] != paths["Provider", SPRING.label]
    assert paths["Commissioner", SPRING.label] != paths["Commissioner", SUMMER.label]
    dot = spec["vconcat"][0]["layer"][-1]["encoding"]
    assert dot["color"]["scale"]["domain"] == ["Commissioner", "Provider"]
    assert dot["shape"]["scale"]["domain"] == ["Commissioner", "Provider"]


def test_the_gap_chart_centres_on_zero(app):
    """The gap panels run from minus to plus the scale's reach, with a rule
    at zero, and plot commissioners minus providers."""
    spec = charts.commissioner_provider_gap(forum_trend())

    y = spec["vconcat"][0]["layer"][-1]["encoding"]["y"]
    assert y["scale"]["domain"] == [-2, 2]
    assert spec["vconcat"][0]["layer"][0]["encoding"]["y"]["datum"] == 0
    [points] = layers(spec, 0, "point")
    assert [point["value"] for point in points] == [2, 2, 2]


def test_the_spectrum_has_now_and_aspiration_lines_under_its_poles(app):
    """Two lines per dimension, told apart by colour and shape; the poles
    are the panel's subtitle; a change of points breaks both lines."""
    [trend] = spectrum_trends(
        [
            spectrum(SPRING, ((1, "need", 2, 4),)),
            spectrum(SUMMER, ((1, "need", 3, 6),), points=7),
        ]
    )
    spec = charts.spectrum_movement(trend)

    [points] = layers(spec, 0, "line")
    assert {p["line"] for p in points} == {"Where we are now", "Where we want to be"}
    assert len({p["path"] for p in points}) == 4
    assert "Funder defines" in spec["vconcat"][0]["title"]["subtitle"]
    [markers] = layers(spec, 0, "text")
    assert markers[0]["text"] == "scale changed"


def test_labels_stay_data_whatever_they_say(app):
    """An item worded like code is a data value: no expression anywhere."""
    hostile = (("element-1", "x", '"); alert(1); ("'),)
    [trend] = checklist_trends(
        [sheet(SPRING, people(("provider", 3, {"element-1": 1})), items=hostile)]
    )
    spec = charts.checklist_means(trend)
    text = json.dumps(spec)

    assert "expr" not in text and "calculate" not in text
    assert spec["vconcat"][0]["title"]["text"] == ['"); alert(1); ("']


def test_the_worker_draws_each_chart_with_its_markers(app):
    """vl-convert (as the worker runs it) draws every chart to SVG, with the
    break's marker in the picture."""
    trend = forum_trend()
    specs = [
        charts.checklist_means(trend),
        charts.checklist_by_role(trend, LABELS),
        charts.commissioner_provider_gap(trend),
    ]

    drawn = [chart_images.svg(spec) for spec in specs]
    assert all(svg.startswith("<svg") for svg in drawn)
    assert all("wording changed" in svg for svg in drawn)


def test_an_element_nobody_scored_has_no_panel(app):
    """Only items with a score somewhere get a panel; the description
    counts the panels drawn."""
    [trend] = checklist_trends(
        [sheet(SPRING, people(("provider", 3, {"element-1": 2})))]
    )

    spec = charts.checklist_means(trend)

    assert [panel["title"]["text"] for panel in spec["vconcat"]] == [
        ["Person centred."]
    ]
    assert "mean score of 1 item" in spec["description"]
