"""The words and numbers of the series' trend charts: each chart's text
alternative (every number it shows, in sentences) and the formatting the
charts and their tables share (app/series/charts.py, app/series/page.py)."""

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _

from app.charts import ASPIRATION, NOW
from app.series.trends import SCALE, WORDING

# -- text alternatives --------------------------------------------------------


def describe_checklist_means(trend):
    """A sentence per element: its mean and number of scores per workshop."""
    return [
        _sentence(
            element.label,
            [(score, _mean_said(score.mean, score.count)) for score in element.overall],
        )
        for element in trend.elements
    ]


def describe_checklist_by_role(trend, role_labels):
    """A sentence per element and role."""
    lines = []
    for element in trend.elements:
        for role in trend.roles:
            scores = [score for score in element.by_role if score.role == role]
            if scores:
                label = f"{element.label} ({role_labels.get(role, role)})"
                said = [(s, _mean_said(s.mean, s.count)) for s in scores]
                lines.append(_sentence(label, said))
    return lines


def describe_gap(trend):
    """A sentence per element with a gap at any workshop."""
    return [
        _sentence(element.label, [(gap, gap_said(gap)) for gap in element.gaps])
        for element in trend.elements
        if element.gaps
    ]


def gap_said(gap):
    return _(
        "commissioners %(commissioners)s, providers %(providers)s, gap %(gap)s",
        commissioners=number(gap.commissioners),
        providers=number(gap.providers),
        gap=signed(gap.gap),
    )


def describe_spectrum(trend):
    """A sentence per dimension: mean now and aspiration per workshop."""
    lines = []
    for element in trend.elements:
        left, right = trend.poles.get(element.key, ("", ""))
        label = f"{element.label} (1: {left}; {trend.points}: {right})"
        lines.append(_sentence(label, [(m, movement_said(m)) for m in element.overall]))
    return lines


def movement_said(move):
    words, none = which_words(), _("no marks")
    return "; ".join(
        f"{words[which]} {_mean_said(getattr(move, which), count, none)}"
        for which, count in ((NOW, move.now_count), (ASPIRATION, move.aspiration_count))
    )


def which_words():
    return {NOW: _("Where we are now"), ASPIRATION: _("Where we want to be")}


# -- words and numbers --------------------------------------------------------


def change_words(changes):
    """The words for what changed: wording, scale, both, or "" for none."""
    if {WORDING, SCALE} <= changes:
        return _("wording and scale changed")
    if WORDING in changes:
        return _("wording changed")
    if SCALE in changes:
        return _("scale changed")
    return ""


def number(value):
    return format_decimal(value, "0.00")


def signed(value):
    return ("+" if value > 0 else "") + number(value)


def _mean_said(mean, count, nothing=None):
    """ "1.50 (6 people)", or what to say where nobody answered."""
    if mean is None:
        return nothing or _("no scores")
    people = ngettext("%(num)d person", "%(num)d people", count)
    return f"{number(mean)} ({people})"


def _sentence(label, said):
    """The label, then each workshop (and what changed there) with `said`."""
    parts = []
    for point, words in said:
        change = change_words(point.step.changes)
        where = f"{point.occasion.label} ({change})" if change else point.occasion.label
        parts.append(f"{where}: {words}")
    return f"{label} — " + "; ".join(parts)
