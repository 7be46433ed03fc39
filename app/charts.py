"""Charts from one definition (DESIGN.md, Outputs): projected totals in,
Vega-Lite v6 specifications and their plain-text alternatives out.

Pure functions: callers pass the labels and the counts; nothing here fetches
data or renders. Live screens draw a specification with static/js/charts.js;
the worker draws the same one for reports.

Every label a person or a method supplied travels as a data value, never
inside an expression, so no label can inject code into a chart. Rows are laid
out here in pixels (`"scale": null` on y) so that long wording wraps over a
few lines, cut short after that with the full text in the tooltip and in the
text alternative.
"""

import textwrap
from collections import Counter
from itertools import groupby

from flask_babel import gettext as _
from flask_babel import ngettext

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'
INK, MUTED, WASH, TRACK = "#1b1f24", "#4a5560", "#e4e8ec", "#767676"
# Colours for a scale's values, first to last; each has at least 4.5:1
# contrast with white, for the bar on the page and for white counts on it.
SCORE_COLOURS = ["#2166ac", "#5e3c99", TRACK, "#8c510a", "#b35806"]
NOW, ASPIRATION = "now", "aspiration"
# Now and aspiration differ in shape as well as colour.
DOT_STYLE = {NOW: ("#2166ac", "circle"), ASPIRATION: ("#b35806", "diamond")}

LINE = 16  # pixels per line of wrapped text
SMALL = {"fontSize": 12, "lineHeight": 13}
POLE = {"baseline": "top", "color": MUTED}
ON_BAR = {"align": "center", "color": "#ffffff", "fontWeight": "bold"}
BAR, BAR_WIDTH, ROLE_GUTTER = 20, 360, 180
TRACK_WIDTH, POLE_CHARS, POLE_GAP = 300, 26, 12


# -- checklist: how many gave each score ---------------------------------------


def checklist_distribution(items, scale, counts, by_role=False):
    """A stacked bar per item of how many gave each score, in the scale's
    order; with `by_role`, one bar per role label under each item."""
    rows = describe_checklist_distribution(items, scale, counts, by_role)
    most = max([row["total"] for row in rows] + [1])
    x = _count_axis(most)
    layers = [
        _rect("tracks", x, WASH),
        _rect("bars", x, _score_colours(scale)),
        _text("counts", x | {"field": "mid"}, **ON_BAR),
        _text("items", dx=-ROLE_GUTTER if by_role else 0, baseline="top"),
    ]
    if by_role:
        layers.append(
            _text("roles", dx=-8, align="right", baseline="top", **SMALL, limit=170)
        )
    description = ngettext(
        "Stacked bar chart of how many people gave each score, for %(num)d item.",
        "Stacked bar chart of how many people gave each score, for %(num)d items.",
        len(items),
    )
    return _spec(description, BAR_WIDTH, _checklist_layout(rows, most), layers)


def describe_checklist_distribution(items, scale, counts, by_role=False):
    """The chart as rows, one per item (per item and role with `by_role`):
    each score's count in the scale's order, the total, and a sentence."""
    tally, roles = _tally(counts, ("item", "value"), by_role)
    rows = []
    for item, role in ((item, role) for item in items for role in roles):
        scores = [
            {"value": v, "label": label, "count": tally[role, item["key"], v]}
            for v, label in ((point["value"], point["label"]) for point in scale)
        ]
        parts = "; ".join(f"{score['label']}: {score['count']}" for score in scores)
        heading = _heading(item["label"], role)
        rows.append(
            {
                "item": item["key"],
                "label": item["label"],
                "role": role,
                "counts": scores,
                "total": sum(score["count"] for score in scores),
                # A dash, not a colon: items often end with a full stop.
                "text": f"{heading} — {parts}",
            }
        )
    return rows


def _checklist_layout(rows, most):
    data = {name: [] for name in ("items", "roles", "tracks", "bars", "counts")}
    y = 0
    for _key, group in groupby(rows, key=lambda row: row["item"]):
        group = list(group)
        label = group[0]["label"]
        lines = _wrap(label, 64 if group[0]["role"] is not None else 52)
        data["items"].append({"y": y, "text": lines, "tooltip": label})
        y += len(lines) * LINE + 4
        for row in group:
            _bar(data, row, y, most)
            y += BAR + 6
        y += LINE
    return data | {"height": max(y - LINE, 1)}


def _bar(data, row, y, most):
    """One bar's background track (so an empty bar still shows), its
    segments, and the counts where they fit."""
    box, middle = {"y": y, "y2": y + BAR}, y + BAR / 2
    data["tracks"].append({**box, "x": 0, "x2": most, "tooltip": row["text"]})
    if row["role"] is not None:  # two short lines beside the bar
        lines = _wrap(row["role"], 24, 2)
        top = middle - len(lines) * SMALL["lineHeight"] / 2
        data["roles"].append({"y": top, "text": lines, "tooltip": row["role"]})
    start, heading = 0, _heading(row["label"], row["role"])
    for score in (score for score in row["counts"] if score["count"]):
        count, end = score["count"], start + score["count"]
        tip = f"{heading}\n{score['label']}: {_people(count)}"
        segment = {"x": start, "x2": end, "score": score["label"], "tooltip": tip}
        data["bars"].append(box | segment)
        if count / most * BAR_WIDTH >= 18:  # room for the digits
            mid = (start + end) / 2
            label = {"y": middle, "mid": mid, "text": str(count), "tooltip": tip}
            data["counts"].append(label)
        start = end


def _count_axis(most):
    axis = {"title": _("Number of people"), "tickMinStep": 1, "format": "d"}
    axis |= {"grid": False}
    scale = {"domain": [0, most], "nice": False}
    return {"field": "x", "type": "quantitative", "scale": scale, "axis": axis}


def _score_colours(scale):
    labels = [point["label"] for point in scale]
    step = (len(SCORE_COLOURS) - 1) / max(len(labels) - 1, 1)
    colours = [
        SCORE_COLOURS[round(i * step) % len(SCORE_COLOURS)] for i in range(len(labels))
    ]
    return {
        "field": "score",
        "type": "nominal",
        "scale": {"domain": labels, "range": colours},
        "legend": {**_legend(), "direction": "vertical", "symbolType": "square"},
    }


# -- spectrum: where we are now, and where we want to be ----------------------


def spectrum_dots(dimensions, points, marks, by_role=False):
    """A dot plot, one row per dimension (per dimension and role with
    `by_role`) from its left pole at 1 to its right pole at `points`: dot
    size by how many, now and aspiration by colour and by shape."""
    rows = describe_spectrum_dots(dimensions, points, marks, by_role)
    x = _positions(points)
    layers = [
        _rule("tracks", x, "x2"),
        _rule("ticks", x, "y2"),
        _dots(x, rows),
        _text("headings", baseline="top", fontWeight="bold"),
        _text("left", dx=-POLE_GAP, align="right", **POLE),
        _text("right", {"value": TRACK_WIDTH}, dx=POLE_GAP, **POLE),
    ]
    if by_role:
        layers.append(_text("roles", baseline="top", color=MUTED, **SMALL))
    description = ngettext(
        "Dot plot of where people placed %(num)d dimension on a scale from 1 to "
        "%(points)d, now and where they want it to be.",
        "Dot plot of where people placed %(num)d dimensions on a scale from 1 to "
        "%(points)d, now and where they want them to be.",
        len(dimensions),
        points=points,
    )
    data = _spectrum_layout(rows, points)
    return _spec(description, TRACK_WIDTH, data, layers)


def _positions(points):
    """Points 1 to `points`, with half a step to spare at each end for the
    dots; the poles' wording labels the ends."""
    axis = {"values": list(range(1, points + 1)), "format": "d", "title": None}
    axis |= {"grid": False, "domain": False}
    scale = {"domain": [0.5, points + 0.5]}
    return {"field": "x", "type": "quantitative", "scale": scale, "axis": axis}


def describe_spectrum_dots(dimensions, points, marks, by_role=False):
    """The chart as rows, one per dimension (per dimension and role with
    `by_role`): the poles, how many placed it where, and a sentence."""
    tally, roles = _tally(marks, ("dimension", "which", "position"), by_role)
    rows = []
    for dimension, role in ((d, role) for d in dimensions for role in roles):
        placed = {
            which: [
                {"position": p, "count": tally[role, dimension["key"], which, p]}
                for p in range(1, points + 1)
                if tally[role, dimension["key"], which, p]
            ]
            for which in (NOW, ASPIRATION)
        }
        rows.append(_spectrum_row(dimension, role, placed, points))
    return rows


def _spectrum_row(dimension, role, placed, points):
    words, label = _which_words(), dimension.get("label")
    heading = _heading(label or f"{dimension['left']} – {dimension['right']}", role)
    poles = f"1: {dimension['left']}; {points}: {dimension['right']}"
    said = [f"{words[which]}: {_placements(placed[which])}" for which in placed]
    return {
        "dimension": dimension["key"],
        "label": label,
        "left": dimension["left"],
        "right": dimension["right"],
        "role": role,
        **placed,
        "text": f"{heading} ({poles}). " + ". ".join(said) + ".",
    }


def _placements(placed):
    if not placed:
        return _("nobody")
    return ", ".join(
        ngettext(
            "%(num)d person at %(position)d",
            "%(num)d people at %(position)d",
            spot["count"],
            position=spot["position"],
        )
        for spot in placed
    )


def _spectrum_layout(rows, points):
    names = ("headings", "left", "right", "roles", "tracks", "ticks", "dots")
    data = {name: [] for name in names}
    y = 0
    for _key, group in groupby(rows, key=lambda row: row["dimension"]):
        group = list(group)
        first = group[0]
        if first["label"]:
            lines = _wrap(first["label"], 60)
            data["headings"].append({"y": y, "text": lines, "tooltip": first["label"]})
            y += len(lines) * LINE + 6
        row_height = 50 if first["role"] is not None else 34
        poles = [_wrap(first[side], POLE_CHARS, 4) for side in ("left", "right")]
        block = max(len(group) * row_height, max(map(len, poles)) * LINE)
        for side, lines in zip(("left", "right"), poles, strict=True):
            centred = y + (block - len(lines) * LINE) / 2
            pole = {"y": centred, "text": lines, "tooltip": first[side]}
            data[side].append(pole)
        top = y + (block - len(group) * row_height) / 2
        for index, row in enumerate(group):
            _track(data, row, top + index * row_height, points)
        y += block + LINE * 1.5
    return data | {"height": max(y - LINE * 1.5, 1)}


def _track(data, row, y, points):
    """One row's line from pole to pole, a tick at each point, and its dots:
    now just above the line, aspiration just below."""
    if row["role"] is not None:
        data["roles"].append({"y": y, "text": row["role"], "tooltip": row["role"]})
        y += 16
    centre, words = y + 17, _which_words()
    data["tracks"].append({"x": 1, "x2": points, "y": centre})
    data["ticks"] += [
        {"x": p, "y": centre - 5, "y2": centre + 5} for p in range(1, points + 1)
    ]
    heading = _heading(row["label"] or f"{row['left']} – {row['right']}", row["role"])
    for which, offset in ((NOW, -6), (ASPIRATION, 6)):
        for spot in row[which]:
            where = f"{spot['position']}/{points}, {_people(spot['count'])}"
            tip = f"{heading}\n{words[which]}: {where}"
            dot = {"x": spot["position"], "y": centre + offset, "count": spot["count"]}
            data["dots"].append(dot | {"which": words[which], "tooltip": tip})


def _dots(x, rows):
    words = _which_words()
    labels = [words[which] for which in DOT_STYLE]
    colours, shapes = zip(*DOT_STYLE.values(), strict=True)
    spots = [spot for row in rows for which in DOT_STYLE for spot in row[which]]
    most = max([spot["count"] for spot in spots] + [1])
    sizes = sorted({1, (most + 1) // 2, most})
    legend = {**_legend(), "title": _("Number of people"), "values": sizes}
    legend["format"] = "d"  # people come whole
    size = {"domain": [0, most], "range": [0, 400]}
    return {
        "data": {"name": "dots"},
        "mark": {"type": "point", "filled": True, "opacity": 0.9, "stroke": "#ffffff"},
        "encoding": {
            "x": x,
            "y": _pixels("y"),
            "size": {
                "field": "count",
                "type": "quantitative",
                "scale": size,
                "legend": legend,
            },
            "color": _which(labels, colours),
            "shape": _which(labels, shapes),
            "tooltip": {"field": "tooltip"},
        },
    }


def _which(labels, values):
    scale = {"domain": labels, "range": list(values)}
    return {"field": "which", "type": "nominal", "scale": scale, "legend": _legend()}


def _which_words():
    return {NOW: _("Where we are now"), ASPIRATION: _("Where we want to be")}


# -- building blocks ----------------------------------------------------------


def _spec(description, width, data, layers):
    height = data.pop("height")
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": width,
        "height": height,
        "datasets": data,
        "layer": layers,
        # Marks carry no ARIA of their own: the container is one image, labelled
        # with the description, and the text alternative lists the numbers.
        "config": {"font": FONT, "view": {"stroke": None}, "aria": False},
    }


def _pixels(field):
    """A position given in pixels: no scale, no axis."""
    return {"field": field, "type": "quantitative", "scale": None, "axis": None}


def _rect(name, x, colour):
    """Rectangles from x to x2 (counted) and y to y2 (in pixels), in one
    colour or coloured by the `colour` encoding."""
    encoding = {"x": x, "x2": {"field": "x2"}, "y": _pixels("y"), "y2": {"field": "y2"}}
    encoding["tooltip"] = {"field": "tooltip"}
    mark = {"type": "rect", "stroke": "#ffffff", "strokeWidth": 1}
    if isinstance(colour, dict):
        encoding["color"] = colour
    else:
        mark["color"] = colour
    return {"data": {"name": name}, "mark": mark, "encoding": encoding}


def _rule(name, x, span):
    encoding = {"x": x, "y": _pixels("y"), span: {"field": span}}
    mark = {"type": "rule", "color": TRACK, "strokeWidth": 1.5}
    return {"data": {"name": name}, "mark": mark, "encoding": encoding}


def _text(name, x=None, **mark):
    """Text from the `text` field (a list of strings is several lines)."""
    plain = {"align": "left", "baseline": "middle", "color": INK, "fontSize": 13}
    mark = {"type": "text", "lineHeight": LINE, **plain, **mark}
    encoding = {
        "x": x or {"value": 0},
        "y": _pixels("y"),
        "text": {"field": "text"},
        "tooltip": {"field": "tooltip"},
    }
    return {"data": {"name": name}, "mark": mark, "encoding": encoding}


def _legend():
    return {"title": None, "orient": "top", "labelLimit": 480, "labelFontSize": 13}


def _tally(counts, keys, by_role):
    """Counts summed by (role, *keys), and the roles in order of first
    appearance (just None when not split by role)."""
    tally, roles = Counter(), []
    for count in counts:
        role = count.get("role") if by_role else None
        if role not in roles:
            roles.append(role)
        tally[(role, *(count[key] for key in keys))] += count["count"]
    return tally, roles or [None]


def _wrap(text, width, max_lines=3):
    return textwrap.wrap(text, width, max_lines=max_lines, placeholder=" …") or [""]


def _heading(label, role):
    return f"{label} ({role})" if role else label


def _people(count):
    return ngettext("%(num)d person", "%(num)d people", count)
