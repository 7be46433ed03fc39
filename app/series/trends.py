"""How a series moved: checklist scores per element across its workshops
(overall, by role, and the gap between commissioners and providers) and
the spectrum's "now" and "aspiration" per dimension.

Pure functions from plain rows (app/series/sources.py reads them): nothing
here touches the database. Items join across workshops by their stable keys
within a method's family (a method and the team's copies of it); where an
item's frozen wording or the scale changed since its previous workshop, the
point carries what changed and starts a new segment, so no line joins
across the break.

Role splits go through app/kinds/roles.py, per workshop, exactly as the
reveal shows them (buckets of at least three; anonymous checklists never
split), so nothing here tells more than the reveal already did.
"""

from dataclasses import dataclass, field
from statistics import fmean

from app.kinds.roles import role_buckets
from app.vocabulary import OTHER_ROLES

COMMISSIONER, PROVIDER = "commissioner", "provider"
WORDING, SCALE = "wording", "scale"


# -- what comes in ------------------------------------------------------------


@dataclass(frozen=True)
class Occasion:
    """A workshop of the series, in date order."""

    key: str  # the workshop's public id
    label: str  # a short name for an axis: its date, or its title


@dataclass(frozen=True)
class ChecklistSheet:
    """One workshop's revealed checklist: its frozen items and scale, and
    every score given (role None where the checklist is anonymous)."""

    occasion: Occasion
    family: str  # the method, or the built-in method a team's copy came from
    title: str
    items: tuple  # (key, frozen wording, label shown)
    scale: tuple  # (value, label) in the method's order
    anonymous: bool
    scores: tuple  # (person, item key, value or None, role or None)


@dataclass(frozen=True)
class SpectrumSheet:
    """One workshop's revealed spectrum: its frozen dimensions and number of
    points, and every mark placed."""

    occasion: Occasion
    family: str
    title: str
    dimensions: tuple  # (key, frozen wording, label shown)
    poles: tuple  # (key, left pole's words, right pole's words)
    points: int
    marks: tuple  # (person, dimension key, now or None, aspiration or None)


# -- what goes out ------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """Where a point sits on its element's line: the segment it belongs to,
    and what changed since the element's previous workshop."""

    segment: int = 0
    changes: frozenset = frozenset()


@dataclass(frozen=True)
class Score:
    """An element's scores at one workshop (for one role bucket, or all)."""

    occasion: Occasion
    role: str | None  # a role bucket key; None: everyone
    mean: float | None
    count: int  # how many gave a score
    distribution: tuple  # (value, count) in the scale's order
    step: Step


@dataclass(frozen=True)
class Gap:
    """Commissioners' mean score minus providers', at one workshop."""

    occasion: Occasion
    commissioners: float
    providers: float
    step: Step

    @property
    def gap(self):
        return self.commissioners - self.providers


@dataclass(frozen=True)
class Movement:
    """A dimension's mean marks at one workshop."""

    occasion: Occasion
    now: float | None
    aspiration: float | None
    now_count: int
    aspiration_count: int
    step: Step


@dataclass
class Element:
    """One item (or dimension) followed across the workshops."""

    key: str
    label: str  # its latest wording
    overall: list = field(default_factory=list)  # Score or Movement
    by_role: list = field(default_factory=list)  # Score
    gaps: list = field(default_factory=list)  # Gap


@dataclass
class Trend:
    """One method's family followed across the series."""

    family: str
    title: str  # the latest title
    occasions: list  # the workshops where it was revealed, in order
    elements: list  # Element, in the latest order
    scale: tuple  # checklist: the latest (value, label); spectrum: ()
    points: int = 0  # spectrum: the latest number of points
    poles: dict = field(default_factory=dict)  # spectrum: key -> (left, right)

    @property
    def roles(self):
        """The role buckets shown at any workshop, in order of appearance."""
        found = []
        for element in self.elements:
            for score in element.by_role:
                if score.role not in found:
                    found.append(score.role)
        return found


# -- checklists ---------------------------------------------------------------


def checklist_trends(sheets):
    """A Trend per method family, from sheets in workshop order."""
    return [_checklist_trend(group) for group in _families(sheets)]


def _checklist_trend(sheets):
    steps = element_steps(sheets, lambda sheet: sheet.scale, _items)
    elements = _elements(sheets, _items)
    for sheet in sheets:
        buckets = _buckets(sheet)
        for key, _wording, _label in sheet.items:
            element, step = elements[key], steps[sheet.occasion.key, key]
            values = _values(sheet, key)
            element.overall.append(_score(sheet, None, values, step))
            if buckets is None:
                continue
            by_role = _values_by_role(sheet, key, buckets)
            element.by_role += [
                _score(sheet, role, by_role.get(role, []), step)
                for role in _in_order(buckets)
            ]
            gap = _gap(sheet, by_role, buckets, step)
            if gap is not None:
                element.gaps.append(gap)
    return _trend(sheets, elements, scale=sheets[-1].scale)


def _items(sheet):
    return sheet.items


def _buckets(sheet):
    """Each respondent's role bucket, or None where the sheet may not be
    split: anonymous, or too few people in the roles."""
    if sheet.anonymous:
        return None
    respondents = {person: role for person, _item, _value, role in sheet.scores}
    return role_buckets(respondents)


def _values(sheet, key):
    return [value for _person, item, value, _role in sheet.scores if item == key]


def _values_by_role(sheet, key, buckets):
    found = {}
    for person, item, value, _role in sheet.scores:
        if item == key:
            found.setdefault(buckets[person], []).append(value)
    return found


def _in_order(buckets):
    """Bucket keys in a stable order: commissioners, providers, the other
    roles by key, and "other roles" last."""
    return sorted(
        set(buckets.values()),
        key=lambda bucket: (
            bucket == OTHER_ROLES,
            bucket not in (COMMISSIONER, PROVIDER),
            bucket,
        ),
    )


def _score(sheet, role, values, step):
    scored = [value for value in values if value is not None]
    distribution = tuple((value, scored.count(value)) for value, _label in sheet.scale)
    mean = fmean(scored) if scored else None
    return Score(sheet.occasion, role, mean, len(scored), distribution, step)


def _gap(sheet, by_role, buckets, step):
    """The gap where both commissioners and providers are buckets of their
    own (so each has at least three respondents) and both scored."""
    if not {COMMISSIONER, PROVIDER} <= set(buckets.values()):
        return None
    means = {}
    for role in (COMMISSIONER, PROVIDER):
        scored = [value for value in by_role.get(role, []) if value is not None]
        if not scored:
            return None
        means[role] = fmean(scored)
    return Gap(sheet.occasion, means[COMMISSIONER], means[PROVIDER], step)


# -- the spectrum -------------------------------------------------------------


def spectrum_trends(sheets):
    """A Trend per spectrum family: mean "now" and "aspiration" per
    dimension per workshop (never split by role)."""
    return [_spectrum_trend(group) for group in _families(sheets)]


def _spectrum_trend(sheets):
    steps = element_steps(sheets, lambda sheet: sheet.points, _dimensions)
    elements = _elements(sheets, _dimensions)
    for sheet in sheets:
        for key, _wording, _label in sheet.dimensions:
            marks = [mark for mark in sheet.marks if mark[1] == key]
            now = [mark[2] for mark in marks if mark[2] is not None]
            wanted = [mark[3] for mark in marks if mark[3] is not None]
            elements[key].overall.append(
                Movement(
                    sheet.occasion,
                    fmean(now) if now else None,
                    fmean(wanted) if wanted else None,
                    len(now),
                    len(wanted),
                    steps[sheet.occasion.key, key],
                )
            )
    # Each dimension's poles as last worded.
    poles = {key: (left, right) for sheet in sheets for key, left, right in sheet.poles}
    return _trend(sheets, elements, scale=(), points=sheets[-1].points, poles=poles)


def _dimensions(sheet):
    return sheet.dimensions


# -- shared -------------------------------------------------------------------


def element_steps(sheets, scale_of, items_of):
    """{(occasion key, element key): Step}: an element starts a new segment
    where its wording, or the sheet's scale, differs from the last sheet
    that had it."""
    last, steps = {}, {}
    for sheet in sheets:
        scale = scale_of(sheet)
        for key, wording, _label in items_of(sheet):
            step = Step()
            if key in last:
                before_wording, before_scale, before = last[key]
                changes = frozenset(
                    change
                    for change, differs in (
                        (WORDING, before_wording != wording),
                        (SCALE, before_scale != scale),
                    )
                    if differs
                )
                step = Step(before.segment + bool(changes), changes)
            last[key] = (wording, scale, step)
            steps[sheet.occasion.key, key] = step
    return steps


def _elements(sheets, items_of):
    """An empty Element per key, in the latest sheet's order, then any that
    only earlier sheets had; each labelled with its latest wording."""
    labels = {}
    for sheet in sheets:
        for key, _wording, label in items_of(sheet):
            labels.pop(key, None)
            labels[key] = label
    latest = [key for key, _wording, _label in items_of(sheets[-1])]
    earlier = [key for key in labels if key not in latest]
    return {key: Element(key, labels[key]) for key in latest + earlier}


def _trend(sheets, elements, **kind_specific):
    """The Trend of one family's sheets, named as the latest one names it."""
    latest = sheets[-1]
    return Trend(
        family=latest.family,
        title=latest.title,
        occasions=[sheet.occasion for sheet in sheets],
        elements=list(elements.values()),
        **kind_specific,
    )


def _families(sheets):
    """Sheets grouped by method family, families in order of first use."""
    groups = {}
    for sheet in sheets:
        groups.setdefault(sheet.family, []).append(sheet)
    return list(groups.values())
