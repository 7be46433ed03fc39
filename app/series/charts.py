"""A series' trends (app/series/trends.py) as Vega-Lite specifications and
their plain-text alternatives, from one definition, as app/charts.py does
for a single workshop; the worker draws them (app/exports/runner.py).

Each chart is a column of small panels, one per element (checklist item or
spectrum dimension): the workshops along the bottom in date order, a line
through each unbroken stretch (a new stretch starts where the wording or
the scale changed, so no line joins across the change), a dot at every
workshop, and a dashed rule labelled "wording changed" or "scale changed"
at the workshop where it changed.

Labels travel as data values, never inside an expression; there are no
predicates at all. Each chart's text alternative, every number it shows in
sentences, is in app/series/chart_words.py.
"""

import textwrap

from flask_babel import gettext as _
from flask_babel import ngettext

from app.charts import ASPIRATION, DOT_STYLE, FONT, INK, MUTED, NOW, SCHEMA
from app.series.chart_words import change_words, number, which_words

# Line colours, each at least 4.5:1 against white, and a shape for each, so
# roles differ in more than colour.
COLOURS = ("#2166ac", "#b35806", "#5e3c99", "#1b7837", "#8c510a", "#c51b7d")
COLOURS += (MUTED,)
SHAPES = ("circle", "square", "diamond", "triangle-up", "triangle-down", "cross")
SHAPES += ("triangle-right",)
PANEL_HEIGHT, STEP, MIN_WIDTH = 90, 90, 360
TITLE_CHARS = 64


# -- checklists ---------------------------------------------------------------


def checklist_means(trend):
    """Each element's mean score at each workshop (an element nobody scored
    at any workshop has no panel; the table still lists it)."""
    y = _quantity(_("Mean score"), _span(trend.scale), _values(trend.scale))
    panels = _drawn(
        _panel(
            element.label,
            trend,
            [_point(s.occasion, s.mean, s.step) for s in element.overall],
            _breaks(element.overall),
            y,
        )
        for element in trend.elements
    )
    description = ngettext(
        "Line chart of the mean score of %(num)d item at each workshop of the series.",
        "Line charts of the mean score of each of %(num)d items at each workshop "
        "of the series.",
        len(panels),
    )
    return _spec(description, panels)


def checklist_by_role(trend, role_labels):
    """Each element's mean score by role bucket: a line per role."""
    names = [role_labels.get(role, role) for role in trend.roles]
    y = _quantity(_("Mean score"), _span(trend.scale), _values(trend.scale))
    panels = []
    for element in trend.elements:
        points = [
            _point(score.occasion, score.mean, score.step, role_labels.get(score.role))
            for score in element.by_role
        ]
        breaks = _breaks(element.overall)
        panels.append(_panel(element.label, trend, points, breaks, y, names))
    panels = _drawn(panels)
    description = ngettext(
        "Line chart of the mean score of %(num)d item by role at each workshop.",
        "Line charts of the mean score of each of %(num)d items by role at each "
        "workshop.",
        len(panels),
    )
    return _spec(description, panels)


def commissioner_provider_gap(trend):
    """Each element's gap: commissioners' mean score minus providers'."""
    low, high = _span(trend.scale)
    reach = high - low
    # Two short lines: the panels are low.
    title = [_("Commissioners"), _("minus providers")]
    y = _quantity(title, [-reach, reach], [-reach, 0, reach])
    panels = []
    for element in trend.elements:
        points = [_point(gap.occasion, gap.gap, gap.step) for gap in element.gaps]
        panel = _panel(element.label, trend, points, _breaks(element.overall), y)
        if panel is not None:
            panel["layer"].insert(0, _zero_rule())
        panels.append(panel)
    panels = _drawn(panels)
    description = ngettext(
        "Line chart of how far commissioners' mean score is above providers' for "
        "%(num)d item at each workshop.",
        "Line charts of how far commissioners' mean score is above providers' for "
        "each of %(num)d items at each workshop.",
        len(panels),
    )
    return _spec(description, panels)


# -- the spectrum -------------------------------------------------------------


def spectrum_movement(trend):
    """Each dimension's mean "now" and "aspiration" at each workshop: two
    lines, told apart by colour and by shape, under the poles' wording."""
    words = which_words()
    y = _quantity(_("Mean position"), [1, trend.points], _points(trend.points))
    panels = []
    for element in trend.elements:
        points = [
            _point(move.occasion, getattr(move, which), move.step, words[which])
            for move in element.overall
            for which in (NOW, ASPIRATION)
        ]
        names = [words[NOW], words[ASPIRATION]]
        styles = [DOT_STYLE[NOW], DOT_STYLE[ASPIRATION]]
        breaks = _breaks(element.overall)
        panel = _panel(element.label, trend, points, breaks, y, names, styles)
        if panel is not None:
            left, right = trend.poles.get(element.key, ("", ""))
            panel["title"]["subtitle"] = _poles_line(left, right, trend.points)
        panels.append(panel)
    panels = _drawn(panels)
    description = ngettext(
        "Line chart of where people placed %(num)d dimension, now and where they "
        "want it to be, at each workshop.",
        "Line charts of where people placed each of %(num)d dimensions, now and "
        "where they want them to be, at each workshop.",
        len(panels),
    )
    return _spec(description, panels)


def _poles_line(left, right, points):
    return textwrap.shorten(f"1: {left} → {points}: {right}", 90, placeholder=" …")


# -- building blocks ----------------------------------------------------------


def _point(occasion, value, step, line=None):
    """A dot, on the line of `line` (a role, now or aspiration) in segment
    `step.segment`: the line mark draws each (line, segment) on its own."""
    if value is None:
        return None
    said = number(value)
    tip = (
        f"{occasion.label}: {said}"
        if line is None
        else f"{line}, {occasion.label}: {said}"
    )
    return {
        "occasion": occasion.label,
        "value": value,
        "line": line or "",
        "path": f"{line or ''}#{step.segment}",
        "tooltip": tip,
    }


def _breaks(steps_of):
    """A marker at each workshop where the element's wording or scale changed."""
    return [
        {"occasion": point.occasion.label, "text": change_words(point.step.changes)}
        for point in steps_of
        if point.step.changes
    ]


def _panel(title, trend, points, breaks, y, names=None, styles=None):
    """One element's panel: break rules and labels, lines, dots; None where
    it has no point to draw."""
    points = [point for point in points if point is not None]
    if not points:
        return None
    x = _occasions([occasion.label for occasion in trend.occasions])
    by_line = _by_line(names, styles) if names else {}
    plain = {} if names else {"color": COLOURS[0]}
    rule = {"type": "rule", "color": MUTED, "strokeDash": [4, 3], "strokeWidth": 1.5}
    marker = {"type": "text", "align": "left", "baseline": "top", "dx": 4}
    marker |= {"color": INK, "fontSize": 11, "fontStyle": "italic"}
    line = {"type": "line", "strokeWidth": 2, **plain}
    dot = {"type": "point", "filled": True, "size": 70, "opacity": 1, **plain}
    colour = {key: by_line[key] for key in ("color",) if key in by_line}
    return {
        "title": {"text": _wrap(title)},
        "width": max(MIN_WIDTH, STEP * len(trend.occasions)),
        "height": PANEL_HEIGHT,
        "layer": [
            _layer(breaks, rule, {"x": x}),
            _layer(breaks, marker, {"x": x, "y": {"value": 0}, "text": _field("text")}),
            _layer(points, line, {"x": x, "y": y, "detail": _field("path"), **colour}),
            _layer(
                points, dot, {"x": x, "y": y, "tooltip": _field("tooltip"), **by_line}
            ),
        ],
    }


def _drawn(panels):
    return [panel for panel in panels if panel is not None]


def _layer(values, mark, encoding):
    return {"data": {"values": values}, "mark": mark, "encoding": encoding}


def _field(name):
    return {"field": name, "type": "nominal"}


def _occasions(labels):
    """The workshops in date order, evenly spaced."""
    angle = 0 if len(labels) <= 4 else -35
    axis = {"title": None, "labelAngle": angle, "labelLimit": 140, "grid": False}
    scale = {"type": "point", "domain": labels, "padding": 0.5}
    return {"field": "occasion", "type": "ordinal", "scale": scale, "axis": axis}


def _quantity(title, domain, ticks):
    axis = {"title": title, "values": ticks, "grid": True, "gridColor": "#e4e8ec"}
    scale = {"domain": domain, "nice": False, "zero": False}
    return {"field": "value", "type": "quantitative", "scale": scale, "axis": axis}


def _by_line(names, styles=None):
    """Colour and shape by line, each line its own pair."""
    styles = styles or list(zip(COLOURS, SHAPES, strict=True))
    colours = [styles[n % len(styles)][0] for n in range(len(names))]
    shapes = [styles[n % len(styles)][1] for n in range(len(names))]
    legend = {"title": None, "orient": "top", "labelLimit": 320, "labelFontSize": 12}
    return {
        "color": {
            "field": "line",
            "type": "nominal",
            "scale": {"domain": names, "range": colours},
            "legend": legend,
        },
        "shape": {
            "field": "line",
            "type": "nominal",
            "scale": {"domain": names, "range": shapes},
            "legend": legend,
        },
    }


def _zero_rule():
    encoding = {"y": {"datum": 0, "type": "quantitative"}}
    mark = {"type": "rule", "color": MUTED}
    return {"data": {"values": [{}]}, "mark": mark, "encoding": encoding}


def _span(scale):
    values = [value for value, _label in scale] or [0, 1]
    return [min(values), max(values)]


def _values(scale):
    return sorted(value for value, _label in scale)


def _points(points):
    return list(range(1, points + 1))


def _wrap(text):
    return textwrap.wrap(text, TITLE_CHARS, max_lines=2, placeholder=" …") or [""]


def _spec(description, panels):
    return {
        "$schema": SCHEMA,
        "description": description,
        "vconcat": panels,
        "spacing": 28,
        "resolve": {"scale": {"color": "shared", "shape": "shared"}},
        # The image is one picture labelled by its description; the text
        # alternative beside it lists the numbers.
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "aria": False,
            "title": {"anchor": "start", "fontSize": 13, "color": INK},
            "axis": {"labelFontSize": 11, "titleFontSize": 11, "titleColor": MUTED},
        },
    }
