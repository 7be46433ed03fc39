"""A spectrum's part of the report and its raw data: once revealed, dot
plots of where people placed each dimension, now and where they want it to
be (overall, and by role where app/kinds/roles.py allows), and a table per
dimension of how many placed it at each point. All from what the projector
sees (app/kinds/spectrum.py), which holds counts, never a person's marks."""

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext

from app import charts as chart_specs
from app import privacy
from app.kinds import spectrum  # the module: it imports this one, for KIND
from app.kinds.content import method_content
from app.kinds.report_parts import (
    nothing_shown,
    projected,
    record_for,
    remark,
)
from app.kinds.roles import with_role_labels
from app.methods.texts import display
from app.report.document import Chart, Paragraph, Table


@dataclass
class Plot:
    """A spectrum as the report sees it: its dimensions in the reader's
    language, its points, the projector's view, and its revealed results
    (else None)."""

    activity: object
    dimensions: list  # {"key", "label", "left", "right"}
    points: int
    state: dict
    results: dict | None

    def count(self, dimension, which, position):
        return sum(
            row["count"]
            for row in self.results["overall"]
            if (row["dimension"], row["which"], row["position"])
            == (dimension, which, position)
        )


def seen(activity):
    state = projected(spectrum.snapshot, activity)
    content = method_content(activity)
    dimensions = [
        {
            "key": dimension["key"],
            "label": display(dimension.get("label")),
            "left": display(dimension["left"]),
            "right": display(dimension["right"]),
        }
        for dimension in content.get("dimensions", [])
    ]
    results = state.get("results")
    return Plot(activity, dimensions, content.get("points", 0), state, results)


def title_of(dimension):
    """A dimension's name: its label, or its two poles where it has none."""
    return dimension["label"] or f"{dimension['left']} – {dimension['right']}"


def report(activity, names):
    """Once revealed: the dot plots and, per dimension anyone marked, a
    table of counts."""
    plot = seen(activity)
    if plot.results is None:
        if not plot.state.get("marked"):
            return [nothing_shown(activity, _("Nobody marked."))]
        return [remark(_("The marks have not been revealed."))]
    people = plot.results["respondents"]
    said = ngettext("%(num)d person marked.", "%(num)d people marked.", people)
    tables = [
        _table(plot, dimension)
        for dimension in plot.dimensions
        if any(row["dimension"] == dimension["key"] for row in plot.results["overall"])
    ]
    return [Paragraph(said), *_charts(plot), *tables]


def _charts(plot):
    """The dot plot overall and, where the room may be split, by role; each
    with its numbers as sentences beside it."""
    specs = dict(spectrum.charts(plot.activity))
    overall = plot.results["overall"]
    blocks = [_chart(plot, specs, "overall", _("Now and where we want to be"), overall)]
    if plot.results["by_role"]:
        marks = with_role_labels(plot.results["by_role"])
        title = _("Now and where we want to be, by role")
        blocks.append(_chart(plot, specs, "by_role", title, marks))
    else:
        blocks.append(remark(_("Not shown by role: too few people in some roles.")))
    return blocks


def _chart(plot, specs, key, title, marks):
    rows = chart_specs.describe_spectrum_dots(
        plot.dimensions, plot.points, marks, by_role=key == "by_role"
    )
    spec = specs[key]
    lines = tuple(row["text"] for row in rows)
    return Chart(key, title, spec, spec["description"], lines)


def _table(plot, dimension):
    """How many placed a dimension at each point, now and where they want
    it; the poles name the first and last points."""
    poles = {1: dimension["left"], plot.points: dimension["right"]}
    rows = tuple(
        (
            f"{position}: {poles[position]}" if position in poles else str(position),
            *(
                str(plot.count(dimension["key"], which, position))
                for which in spectrum.WHICH
            ),
        )
        for position in range(1, plot.points + 1)
    )
    header = (_("Point"), _("Where we are now"), _("Where we want to be"))
    return Table(title_of(dimension), header, rows)


def records(activity, names):
    """One row per mark, made from the revealed counts, never from a
    person's own rows: its dimension, "now" or "aspiration", its point, and
    its role bucket where the room may be split and the activity is not
    anonymous. Dimension by dimension, so no order links one person's."""
    plot, row = seen(activity), record_for(activity)
    if plot.results is None:
        return []
    by_role = plot.results["by_role"]
    split = by_role and not privacy.is_anonymous(activity)
    marks = with_role_labels(by_role) if split else plot.results["overall"]
    titles = {dimension["key"]: title_of(dimension) for dimension in plot.dimensions}
    return [
        row(
            type="mark",
            item=titles.get(mark["dimension"], mark["dimension"]),
            text=mark["which"],
            value=str(mark["position"]),
            role=mark.get("role") or "",
        )
        for key in titles
        for mark in marks
        if mark["dimension"] == key
        for _n in range(mark["count"])
    ]
