"""Chart specifications and their text alternatives (app/charts.py): the
data each chart carries, its colour and shape scales, the split by role, and
labels that stay data however they are written (DESIGN.md, Outputs)."""

import json

import pytest

from app import charts

SCALE = [
    {"value": 2, "label": "We have good consistent evidence"},
    {"value": 1, "label": "Our evidence is mixed or patchy"},
    {"value": 0, "label": "We cannot evidence this"},
]
ITEMS = [
    {"key": "element-1", "label": "Our commissioning is person centred."},
    {"key": "element-2", "label": "Our commissioning is effective."},
    {"key": "element-3", "label": "Our commissioning is ethical."},
]
COUNTS = [
    {"item": "element-1", "value": 2, "count": 3},
    {"item": "element-1", "value": 0, "count": 1},
    {"item": "element-2", "value": 1, "count": 2},
]
ROLE_COUNTS = [
    {"item": "element-1", "value": 2, "count": 3, "role": "Provider"},
    {"item": "element-1", "value": 0, "count": 1, "role": "Commissioner"},
    {"item": "element-2", "value": 1, "count": 4, "role": "Provider"},
]
DIMENSIONS = [
    {
        "key": "need",
        "label": "Identification of need",
        "left": "Funder identifies and defines need.",
        "right": "Applicants and funder identify and define need together.",
    },
    {"key": "power", "left": "High", "right": "Low"},
]
MARKS = [
    {"dimension": "need", "position": 2, "which": "now", "count": 3},
    {"dimension": "need", "position": 4, "which": "aspiration", "count": 2},
    {"dimension": "need", "position": 2, "which": "aspiration", "count": 1},
]
# Quotes, an expression, markup and a template: all must stay plain data.
EVIL = "It's \"odd\" '+datum.x+' datum.x <script>alert(1)</script> ${x} \\"
EXPRESSION_KEYS = {"signal", "expr", "test", "calculate", "filter", "labelExpr"}


def layer(spec, name):
    return next(layer for layer in spec["layer"] if layer["data"]["name"] == name)


def strings_with_paths(node, path=()):
    """Every string value in a spec, with where it sits."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings_with_paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from strings_with_paths(value, (*path, index))
    elif isinstance(node, str):
        yield node, path


def contrast_with_white(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


# -- checklist ----------------------------------------------------------------


def test_checklist_bars_stack_each_score_in_scale_order():
    """Each item's bar holds one segment per score given, in the scale's
    order, each as long as the number who gave it."""
    spec = charts.checklist_distribution(ITEMS, SCALE, COUNTS)
    bars = spec["datasets"]["bars"]
    first = [bar for bar in bars if bar["y"] == bars[0]["y"]]
    assert [(b["score"], b["x"], b["x2"]) for b in first] == [
        ("We have good consistent evidence", 0, 3),
        ("We cannot evidence this", 3, 4),
    ]
    assert [b["score"] for b in bars] == [
        "We have good consistent evidence",
        "We cannot evidence this",
        "Our evidence is mixed or patchy",
    ]
    assert layer(spec, "bars")["encoding"]["x"]["scale"]["domain"] == [0, 4]


def test_checklist_colour_domain_is_the_whole_scale_in_order():
    """Every scale value has a colour and a legend entry, in the scale's
    order, even a score nobody gave; each colour reads against white."""
    spec = charts.checklist_distribution(ITEMS, SCALE, COUNTS[:1])
    colour = layer(spec, "bars")["encoding"]["color"]
    assert colour["scale"]["domain"] == [point["label"] for point in SCALE]
    colours = colour["scale"]["range"]
    assert len(set(colours)) == len(SCALE)
    assert all(contrast_with_white(c) >= 4.5 for c in colours)
    assert colour["legend"]["title"] is None  # the labels say it all


def test_checklist_item_with_no_answers_still_shows_an_empty_bar():
    """An item nobody scored keeps its label and an empty track, and its
    text alternative says zero for every score."""
    spec = charts.checklist_distribution(ITEMS, SCALE, COUNTS)
    data = spec["datasets"]
    assert [label["tooltip"] for label in data["items"]] == [i["label"] for i in ITEMS]
    assert len(data["tracks"]) == len(ITEMS)
    third = data["tracks"][2]
    assert not [bar for bar in data["bars"] if bar["y"] == third["y"]]
    row = charts.describe_checklist_distribution(ITEMS, SCALE, COUNTS)[2]
    assert row["total"] == 0
    assert [score["count"] for score in row["counts"]] == [0, 0, 0]


def test_checklist_with_no_answers_at_all_still_draws():
    """No answers yet: every item shows, and the count axis is not empty."""
    spec = charts.checklist_distribution(ITEMS, SCALE, [])
    assert len(spec["datasets"]["items"]) == len(ITEMS)
    assert spec["datasets"]["bars"] == []
    assert layer(spec, "tracks")["encoding"]["x"]["scale"]["domain"] == [0, 1]


def test_checklist_splits_by_role_only_when_asked():
    """Without `by_role`, roles are summed away; with it, each item has one
    bar per role label, in the order the roles first appear."""
    plain = charts.checklist_distribution(ITEMS, SCALE, ROLE_COUNTS)
    assert plain["datasets"]["roles"] == []
    assert "roles" not in [layer["data"]["name"] for layer in plain["layer"]]
    assert len(plain["datasets"]["tracks"]) == len(ITEMS)

    split = charts.checklist_distribution(ITEMS, SCALE, ROLE_COUNTS, by_role=True)
    roles = [role["tooltip"] for role in split["datasets"]["roles"]]
    assert roles == ["Provider", "Commissioner"] * len(ITEMS)
    assert len(split["datasets"]["tracks"]) == 2 * len(ITEMS)
    assert layer(split, "roles")["mark"]["limit"] > 0  # long roles are cut
    rows = charts.describe_checklist_distribution(
        ITEMS, SCALE, ROLE_COUNTS, by_role=True
    )
    assert [(row["item"], row["role"], row["total"]) for row in rows] == [
        ("element-1", "Provider", 3),
        ("element-1", "Commissioner", 1),
        ("element-2", "Provider", 4),
        ("element-2", "Commissioner", 0),
        ("element-3", "Provider", 0),
        ("element-3", "Commissioner", 0),
    ]


def test_checklist_counts_show_only_where_they_fit():
    """A segment wide enough carries its count; a sliver does not."""
    counts = [
        {"item": "element-1", "value": 2, "count": 30},
        {"item": "element-1", "value": 1, "count": 1},
    ]
    spec = charts.checklist_distribution(ITEMS, SCALE, counts)
    assert [label["text"] for label in spec["datasets"]["counts"]] == ["30"]


def test_long_item_label_wraps_and_keeps_its_full_text():
    """A long label wraps over at most three lines, cut with an ellipsis;
    the tooltip and the text alternative keep it whole."""
    long = "Our commissioning is person centred, " * 8
    spec = charts.checklist_distribution([{"key": "a", "label": long}], SCALE, [])
    label = spec["datasets"]["items"][0]
    assert 1 < len(label["text"]) <= 3
    assert label["text"][-1].endswith("…")
    assert label["tooltip"] == long
    (row,) = charts.describe_checklist_distribution(
        [{"key": "a", "label": long}], SCALE, []
    )
    assert row["text"].startswith(long)


def test_checklist_text_alternative_is_one_sentence_per_bar():
    """The text alternative names the item (and role) and each score's count."""
    rows = charts.describe_checklist_distribution(ITEMS, SCALE, COUNTS)
    assert rows[0]["text"] == (
        "Our commissioning is person centred. — "
        "We have good consistent evidence: 3; "
        "Our evidence is mixed or patchy: 0; "
        "We cannot evidence this: 1"
    )
    split = charts.describe_checklist_distribution(
        ITEMS, SCALE, ROLE_COUNTS, by_role=True
    )
    assert split[1]["text"].startswith(
        "Our commissioning is person centred. (Commissioner) — "
    )


# -- spectrum -----------------------------------------------------------------


def test_spectrum_has_a_track_and_ticks_per_dimension_and_poles_at_the_ends():
    """One track from 1 to the last point per dimension, a tick at each
    point, and each pole's wording beside its end."""
    spec = charts.spectrum_dots(DIMENSIONS, 5, MARKS)
    data = spec["datasets"]
    assert [(t["x"], t["x2"]) for t in data["tracks"]] == [(1, 5), (1, 5)]
    assert [t["x"] for t in data["ticks"]] == [1, 2, 3, 4, 5] * 2
    assert [p["tooltip"] for p in data["left"]] == [d["left"] for d in DIMENSIONS]
    assert [p["tooltip"] for p in data["right"]] == [d["right"] for d in DIMENSIONS]
    assert layer(spec, "left")["mark"]["align"] == "right"
    assert layer(spec, "right")["mark"]["align"] == "left"
    assert [h["tooltip"] for h in data["headings"]] == ["Identification of need"]
    axis = layer(spec, "dots")["encoding"]["x"]["axis"]
    assert axis["values"] == [1, 2, 3, 4, 5]


def test_spectrum_dots_are_sized_by_count_and_differ_in_colour_and_shape():
    """A dot per position and kind, sized by how many; now and aspiration
    differ by colour and by shape, so colour is never the only cue."""
    spec = charts.spectrum_dots(DIMENSIONS, 5, MARKS)
    dots = spec["datasets"]["dots"]
    assert [(d["x"], d["count"]) for d in dots] == [(2, 3), (2, 1), (4, 2)]
    assert len({d["which"] for d in dots}) == 2
    now, aspiration = dots[0], dots[1]
    assert now["y"] < aspiration["y"]  # side by side at one point, not on top
    encoding = layer(spec, "dots")["encoding"]
    assert encoding["size"]["field"] == "count"
    assert encoding["size"]["scale"]["domain"] == [0, 3]
    colours = encoding["color"]["scale"]["range"]
    shapes = encoding["shape"]["scale"]["range"]
    assert encoding["color"]["field"] == encoding["shape"]["field"] == "which"
    assert len(set(colours)) == len(set(shapes)) == 2
    assert all(contrast_with_white(c) >= 3 for c in colours)


def test_long_pole_wording_wraps_and_keeps_its_full_text():
    """Long pole wording wraps over at most four short lines; the tooltip
    and the text alternative keep it whole."""
    right = "Outcomes, outputs and measures may be negotiated. " * 4
    dimension = {"key": "spec", "left": "Specifies outputs.", "right": right}
    spec = charts.spectrum_dots([dimension], 5, [])
    pole = spec["datasets"]["right"][0]
    assert len(pole["text"]) == 4
    assert all(len(line) <= charts.POLE_CHARS for line in pole["text"])
    assert pole["text"][-1].endswith("…")
    assert pole["tooltip"] == right
    (row,) = charts.describe_spectrum_dots([dimension], 5, [])
    assert right in row["text"]


def test_spectrum_splits_by_role_only_when_asked():
    """Without `by_role` there is one track per dimension and counts are
    summed; with it, one track per role label under each dimension."""
    marks = [{**mark, "role": "Provider"} for mark in MARKS] + [
        {
            "dimension": "need",
            "position": 2,
            "which": "now",
            "count": 4,
            "role": "Carer",
        }
    ]
    plain = charts.spectrum_dots(DIMENSIONS, 5, marks)
    assert plain["datasets"]["roles"] == []
    assert plain["datasets"]["dots"][0]["count"] == 7
    split = charts.spectrum_dots(DIMENSIONS, 5, marks, by_role=True)
    assert [r["text"] for r in split["datasets"]["roles"]] == ["Provider", "Carer"] * 2
    assert len(split["datasets"]["tracks"]) == 4
    rows = charts.describe_spectrum_dots(DIMENSIONS, 5, marks, by_role=True)
    assert [(r["dimension"], r["role"]) for r in rows] == [
        ("need", "Provider"),
        ("need", "Carer"),
        ("power", "Provider"),
        ("power", "Carer"),
    ]
    assert rows[1]["now"] == [{"position": 2, "count": 4}]


def test_spectrum_text_alternative_gives_poles_and_placements():
    """Each row names the dimension, what 1 and 5 mean, and how many
    placed it where, now and as an aspiration."""
    need, power = charts.describe_spectrum_dots(DIMENSIONS, 5, MARKS)
    assert need["now"] == [{"position": 2, "count": 3}]
    assert need["aspiration"] == [
        {"position": 2, "count": 1},
        {"position": 4, "count": 2},
    ]
    assert need["text"] == (
        "Identification of need (1: Funder identifies and defines need.; "
        "5: Applicants and funder identify and define need together.). "
        "Where we are now: 3 people at 2. "
        "Where we want to be: 1 person at 2, 2 people at 4."
    )
    assert power["text"] == (
        "High – Low (1: High; 5: Low). "
        "Where we are now: nobody. Where we want to be: nobody."
    )


# -- both ---------------------------------------------------------------------


def all_specs(label=EVIL):
    items = [{"key": "a", "label": label}]
    scale = [{"value": 1, "label": label}, {"value": 0, "label": "No"}]
    counts = [{"item": "a", "value": 1, "count": 3, "role": label}]
    dimension = {"key": "d", "label": label, "left": label, "right": label}
    marks = [
        {"dimension": "d", "position": 2, "which": "now", "count": 2, "role": label}
    ]
    return [
        charts.checklist_distribution(items, scale, counts, by_role=by_role)
        for by_role in (False, True)
    ] + [
        charts.spectrum_dots([dimension], 5, marks, by_role=by_role)
        for by_role in (False, True)
    ]


@pytest.mark.parametrize(
    "spec",
    all_specs(),
    ids=["checklist", "checklist-role", "spectrum", "spectrum-role"],
)
def test_labels_stay_data_never_expressions(spec):
    """A label with quotes, `datum`, markup or a template sits unchanged in
    the data or a scale's domain, never in an expression or a key."""
    places = [path for text, path in strings_with_paths(spec) if EVIL in text]
    assert places
    for path in places:
        assert path[0] == "datasets" or "domain" in path, path
        assert not EXPRESSION_KEYS & {str(step) for step in path}, path
    keys = {step for _text, path in strings_with_paths(spec) for step in path}
    assert not [key for key in keys if EVIL in str(key)]


@pytest.mark.parametrize(
    "spec",
    all_specs("plain"),
    ids=["checklist", "checklist-role", "spectrum", "spectrum-role"],
)
def test_specs_are_vega_lite_v6_json_with_a_description(spec):
    """Each spec is plain JSON for Vega-Lite v6, describes itself for screen
    readers, and keeps its configuration small."""
    assert json.loads(json.dumps(spec)) == spec
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v6.json"
    assert spec["description"]
    assert set(spec["config"]) <= {"font", "view", "aria"}
    assert spec["height"] > 0


def test_descriptions_count_what_they_describe():
    """The description says how many items or dimensions the chart has."""
    assert "3 items" in charts.checklist_distribution(ITEMS, SCALE, [])["description"]
    spectrum = charts.spectrum_dots(DIMENSIONS[:1], 5, [])["description"]
    assert "1 dimension " in spectrum and "from 1 to 5" in spectrum
