"""Reading a series' workshops into the plain rows that app/series/trends.py
works from: each workshop's revealed checklists and spectrums, with their
frozen wording and the scores and marks given (never who gave them)."""

import textwrap

import sqlalchemy as sa
from flask_babel import format_date

from app import privacy
from app.extensions import db
from app.kinds.content import checklist_items, method_content, method_of
from app.methods.texts import display
from app.models import Participant, Score, SpectrumMark, Workshop, agenda_of
from app.series.trends import ChecklistSheet, Occasion, SpectrumSheet


def workshops_of(series):
    """The series' workshops by date (undated last), rehearsals left out."""
    workshops = db.session.scalars(
        sa.select(Workshop).filter_by(series_id=series.id, rehearsal_of_id=None)
    ).all()
    return sorted(
        workshops,
        key=lambda w: (w.date is None, w.date or w.created_at.date(), w.created_at),
    )


def occasions(workshops):
    """An Occasion per workshop, labelled by its date (or its title), each
    label unique so an axis keeps them apart."""
    found, seen = [], set()
    for workshop in workshops:
        label = _label(workshop)
        unique, n = label, 1
        while unique in seen:
            n += 1
            unique = f"{label} ({n})"
        seen.add(unique)
        found.append(Occasion(workshop.public_id, unique))
    return found


def _label(workshop):
    if workshop.date is not None:
        return format_date(workshop.date, "medium")
    return textwrap.shorten(workshop.title, 28, placeholder="…")


def checklist_sheets(workshops):
    """A ChecklistSheet per workshop and method family that has a revealed
    checklist (the last of that family on its agenda), in workshop order."""
    return [
        _checklist_sheet(occasion, activity)
        for occasion, activity in _revealed(workshops, "checklist")
    ]


def spectrum_sheets(workshops):
    """A SpectrumSheet per workshop and family with a revealed spectrum."""
    return [
        _spectrum_sheet(occasion, activity)
        for occasion, activity in _revealed(workshops, "spectrum")
    ]


def family_of(activity):
    """The method an activity's frozen copy is, or came from (a team's copy
    of a built-in method joins the built-in one's trend)."""
    method = method_of(activity)
    copied = method.get("copied_from") or {}
    return copied.get("method") or method.get("method") or activity.kind


def _revealed(workshops, kind):
    """(Occasion, activity) pairs: per workshop, the last revealed activity
    of `kind` of each family, in workshop order."""
    pairs = []
    for workshop, occasion in zip(workshops, occasions(workshops), strict=True):
        activities = agenda_of(workshop.id, kind=kind)
        last = {
            family_of(activity): activity
            for activity in activities
            if activity.content.get("revealed")
        }
        pairs += [(occasion, activity) for activity in last.values()]
    return pairs


def _checklist_sheet(occasion, activity):
    anonymous = privacy.is_anonymous(activity)
    rows = db.session.execute(
        sa.select(Score.participant_id, Score.item, Score.value, Participant.role)
        .join(Participant, Score.participant_id == Participant.id)
        .filter(Score.activity_id == activity.id)
        .order_by(Score.id)
    ).all()
    return ChecklistSheet(
        occasion=occasion,
        family=family_of(activity),
        title=display(method_of(activity).get("title")),
        items=tuple(
            _wording(item["key"], display(item["text"]))
            for item in checklist_items(activity)
        ),
        scale=tuple(
            (point["value"], display(point["label"]))
            for point in method_content(activity).get("scale", [])
        ),
        anonymous=anonymous,
        # An anonymous checklist carries no role, here or anywhere.
        scores=tuple(
            (person, item, value, None if anonymous else role)
            for person, item, value, role in rows
        ),
    )


def _spectrum_sheet(occasion, activity):
    content = method_content(activity)
    dimensions = content.get("dimensions", [])
    rows = db.session.execute(
        sa.select(
            SpectrumMark.participant_id,
            SpectrumMark.dimension,
            SpectrumMark.now,
            SpectrumMark.aspiration,
        )
        .filter(SpectrumMark.activity_id == activity.id)
        .order_by(SpectrumMark.id)
    ).all()
    return SpectrumSheet(
        occasion=occasion,
        family=family_of(activity),
        title=display(method_of(activity).get("title")),
        dimensions=tuple(_dimension(item) for item in dimensions),
        poles=tuple(
            (item["key"], display(item["left"]), display(item["right"]))
            for item in dimensions
        ),
        points=content.get("points", 0),
        marks=tuple(tuple(row) for row in rows),
    )


def _dimension(dimension):
    label = display(dimension.get("label")) or ""
    poles = (display(dimension["left"]), display(dimension["right"]))
    key, wording, _text = _wording(dimension["key"], " | ".join((label, *poles)))
    return key, wording, label or " – ".join(poles)


def _wording(key, text):
    """(key, wording to compare, label): spacing alone is no change."""
    return key, " ".join(text.split()), text
