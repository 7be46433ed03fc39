"""The series page's trends: for each method family revealed in the series,
its charts (app/series/charts.py), each with a text alternative and a table
of the numbers it shows, and a remark where a chart cannot be shown."""

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext

from app.series import chart_words, charts, sources, trends
from app.series.chart_words import change_words, movement_said, number, signed
from app.vocabulary import role_labels


@dataclass(frozen=True)
class Cell:
    text: str
    detail: str = ""
    spread: str = ""  # how many gave each score
    note: str = ""  # "wording changed" and the like


@dataclass(frozen=True)
class Row:
    head: str
    cells: tuple
    sub: str = ""  # a role, under the item


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple
    rows: tuple


@dataclass(frozen=True)
class Figure:
    key: str  # names the chart's image in its address
    title: str
    spec: dict
    lines: tuple  # the text alternative: every number, in sentences
    table: Table


@dataclass
class Section:
    title: str
    occasions: int
    figures: list = field(default_factory=list)
    remarks: list = field(default_factory=list)


def sections(series):
    """A Section per checklist and spectrum family, in order of first use."""
    workshops = sources.workshops_of(series)
    found = [
        _checklist_section(trend)
        for trend in trends.checklist_trends(sources.checklist_sheets(workshops))
    ]
    found += [
        _spectrum_section(trend)
        for trend in trends.spectrum_trends(sources.spectrum_sheets(workshops))
    ]
    return found


def chart_spec(series, key):
    """The spec of the chart named `key`, or None."""
    for section in sections(series):
        for figure in section.figures:
            if figure.key == key:
                return figure.spec
    return None


# -- checklists ---------------------------------------------------------------


def _checklist_section(trend):
    section = Section(trend.title, len(trend.occasions))
    key, labels = _slug("checklist", trend.family), role_labels()
    _show(
        section,
        Figure(
            f"{key}-means",
            _("Mean score for each item"),
            charts.checklist_means(trend),
            tuple(chart_words.describe_checklist_means(trend)),
            _means_table(trend),
        ),
        _("Nobody gave a score at these workshops."),
    )
    split = None
    if trend.roles:
        split = Figure(
            f"{key}-roles",
            _("Mean score by role"),
            charts.checklist_by_role(trend, labels),
            tuple(chart_words.describe_checklist_by_role(trend, labels)),
            _roles_table(trend, labels),
        )
    _show(
        section,
        split,
        _(
            "Not shown by role: at every workshop there were too few people in "
            "some roles, or the checklist was anonymous."
        ),
    )
    gap = None
    if any(element.gaps for element in trend.elements):
        gap = Figure(
            f"{key}-gap",
            _("How far commissioners and providers disagree"),
            charts.commissioner_provider_gap(trend),
            tuple(chart_words.describe_gap(trend)),
            _gap_table(trend),
        )
    _show(
        section,
        gap,
        _(
            "The gap between commissioners and providers is shown only where at "
            "least three of each scored and the checklist was not anonymous."
        ),
    )
    return section


def _show(section, figure, otherwise):
    """Add `figure` if it has anything to draw, else the remark why not."""
    if figure is not None and figure.spec["vconcat"]:
        section.figures.append(figure)
    else:
        section.remarks.append(otherwise)


def _means_table(trend):
    rows = tuple(
        Row(element.label, _cells(trend, element.overall, _score_cell))
        for element in trend.elements
    )
    caption = _(
        "Mean score for each item, how many scored, and how many gave each score"
    )
    return Table(caption, _header(trend, _("Item")), rows)


def _roles_table(trend, labels):
    """A row per item and role that has a score at any workshop."""
    rows = []
    for element in trend.elements:
        for role in trend.roles:
            scores = [score for score in element.by_role if score.role == role]
            if any(score.mean is not None for score in scores):
                cells = _cells(trend, scores, _score_cell)
                rows.append(Row(element.label, cells, labels.get(role, role)))
    caption = _("Mean score by role (roles of fewer than three people merged)")
    return Table(caption, _header(trend, _("Item")), tuple(rows))


def _gap_table(trend):
    rows = tuple(
        Row(element.label, _cells(trend, element.gaps, _gap_cell))
        for element in trend.elements
        if element.gaps
    )
    caption = _(
        "Commissioners' mean score minus providers' (above 0: commissioners higher)"
    )
    return Table(caption, _header(trend, _("Item")), rows)


def _score_cell(score):
    if score.mean is None:
        return Cell("–", _("no scores"), note=change_words(score.step.changes))
    people = ngettext("%(num)d person", "%(num)d people", score.count)
    # No break inside a pair: "2: 3" is "3 people gave 2".
    spread = " · ".join(f"{value}:\u00a0{n}" for value, n in score.distribution)
    note = change_words(score.step.changes)
    return Cell(number(score.mean), people, spread, note)


def _gap_cell(gap):
    detail = _(
        "commissioners %(commissioners)s, providers %(providers)s",
        commissioners=number(gap.commissioners),
        providers=number(gap.providers),
    )
    return Cell(signed(gap.gap), detail, note=change_words(gap.step.changes))


# -- the spectrum -------------------------------------------------------------


def _spectrum_section(trend):
    section = Section(trend.title, len(trend.occasions))
    _show(
        section,
        Figure(
            f"{_slug('spectrum', trend.family)}-movement",
            _("Where we are now and where we want to be"),
            charts.spectrum_movement(trend),
            tuple(chart_words.describe_spectrum(trend)),
            _movement_table(trend),
        ),
        _("Nobody placed a mark at these workshops."),
    )
    return section


def _movement_table(trend):
    rows = tuple(
        Row(element.label, _cells(trend, element.overall, _movement_cell))
        for element in trend.elements
    )
    caption = _(
        "Mean position now → where we want to be (1 to %(points)d)",
        points=trend.points,
    )
    return Table(caption, _header(trend, _("Dimension")), rows)


def _movement_cell(move):
    def mean(value):
        return "–" if value is None else number(value)

    text = f"{mean(move.now)} → {mean(move.aspiration)}"
    return Cell(text, movement_said(move), note=change_words(move.step.changes))


# -- shared -------------------------------------------------------------------


def _header(trend, first):
    return (first, *(occasion.label for occasion in trend.occasions))


def _cells(trend, points, cell):
    """A cell per workshop of the trend: the point there, or a dash."""
    by_occasion = {point.occasion.key: point for point in points}
    return tuple(
        cell(by_occasion[occasion.key])
        if occasion.key in by_occasion
        else Cell("—", _("not shown"))
        for occasion in trend.occasions
    )


def _slug(kind, family):
    return f"{kind}-" + re.sub(r"[^a-z0-9]+", "-", family.lower()).strip("-")
