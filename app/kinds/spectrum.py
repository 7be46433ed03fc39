"""The spectrum: each person marks, on every dimension between two poles,
where their area is now and where it should be; the reveal shows how many
placed each dimension where, overall and by role, as dot plots.

Marks travel only on their author's private stream until the reveal, and
after it only as counts: no mark is ever sent with its author.
"""

from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _

from app import audiences, privacy
from app import charts as chart_specs
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import spectrum_report
from app.kinds.base import ActivityKind
from app.kinds.content import method_content
from app.kinds.roles import split_by_role, with_role_labels
from app.kinds.spectrum_forms import MarkForm
from app.methods.texts import display
from app.models import Activity, Participant, SpectrumMark

PHASES = ("not_started", "mark", "reveal", "closed")
WHICH = ("now", "aspiration")


def new_content(method):
    return {"method": method, "revealed": False}


def snapshot(activity, stream_key):
    """The spectrum as `stream_key` sees it now."""
    owner = audiences.private_owner(stream_key)
    if owner is not None:
        return {"mine": _mine(activity, owner)}
    state = {}
    if stream_key in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        state["marked"] = _marked_count(activity)
    if privacy.results_visible(activity, stream_key):
        state["results"] = results(activity)
    return state


def charts(activity):
    """Dot plots of where people placed each dimension, now and where it
    should be: overall, and by role where the room is large enough."""
    content = method_content(activity)
    dimensions = [
        {
            "key": dimension["key"],
            "label": display(dimension["label"]),
            "left": display(dimension["left"]),
            "right": display(dimension["right"]),
        }
        for dimension in content["dimensions"]
    ]
    found, points = results(activity), content["points"]
    specs = [
        ("overall", chart_specs.spectrum_dots(dimensions, points, found["overall"]))
    ]
    if found["by_role"]:
        marks = with_role_labels(found["by_role"])
        by_role = chart_specs.spectrum_dots(dimensions, points, marks, by_role=True)
        specs.append(("by_role", by_role))
    return specs


def summary(activity):
    return _("People who marked: %(people)d.", people=_marked_count(activity))


KIND = ActivityKind(
    key="spectrum",
    phases=PHASES,
    snapshot=snapshot,
    new_content=new_content,
    reveal_phases=frozenset({"reveal", "closed"}),
    charts=charts,
    summary=summary,
    report=spectrum_report.report,
    records=spectrum_report.records,
)


def project(workshop, refs, stream_key):
    activity = db.session.get(Activity, refs["activity"])
    return {"activity": activity.public_id, "state": snapshot(activity, stream_key)}


@action("spectrum.mark", MarkForm, project, kind="spectrum")
def mark(ctx, data):
    """Set one's own marks on a dimension, now and where it should be
    (private until the reveal); two empty marks take the marks back."""
    activity, person = ctx.activity, ctx.loaded.participant
    dimension = _dimension(activity, data["dimension"])
    now, aspiration = (_position(activity, data[which]) for which in WHICH)
    _store(activity, person, dimension, now, aspiration)
    return Outcome(
        refs={"activity": activity.id},
        audiences=_audiences(ctx, person),
        result={"dimension": dimension, "now": now, "aspiration": aspiration},
    )


def _store(activity, person, dimension, now, aspiration):
    """Upsert the person's row; no row at all once nothing is marked, so a
    row always means "has marked" (for the count and the respondents)."""
    row = db.session.scalar(
        sa.select(SpectrumMark).filter_by(
            activity_id=activity.id, participant_id=person.id, dimension=dimension
        )
    )
    if now is None and aspiration is None:
        if row is not None:
            db.session.delete(row)
    else:
        row = row or SpectrumMark(
            activity_id=activity.id, participant_id=person.id, dimension=dimension
        )
        row.now, row.aspiration = now, aspiration
        db.session.add(row)
    db.session.flush()


def _audiences(ctx, person):
    """The marker's own stream, and the streams that see the count; once the
    results are out (a mark after going back to marking), every shared
    stream, since every one of them shows the results."""
    shared = [audiences.FACILITATORS, audiences.PROJECTOR_STREAM]
    if ctx.activity.content.get("revealed"):
        shared = audiences.shared(ctx.workshop)
    return {key: False for key in (audiences.private(person), *shared)}


def results(activity):
    """Counts per dimension, now or aspiration, and position, overall and by
    role bucket. Nothing here names or points to a person."""
    rows = db.session.execute(
        sa.select(SpectrumMark, Participant.role)
        .join(Participant, SpectrumMark.participant_id == Participant.id)
        .filter(SpectrumMark.activity_id == activity.id)
    ).all()
    buckets = split_by_role(activity, rows)
    placed = [(row, which, spot) for row, _role in rows for which, spot in _spots(row)]
    order = {key: n for n, key in enumerate(_dimension_keys(activity))}
    overall = Counter((row.dimension, which, spot) for row, which, spot in placed)
    view = {
        "respondents": len({row.participant_id for row, _role in rows}),
        "overall": _listed(overall, ("dimension", "which", "position"), order),
        "by_role": None,
    }
    if buckets is not None:
        split = Counter(
            (row.dimension, buckets[row.participant_id], which, spot)
            for row, which, spot in placed
        )
        fields = ("dimension", "role", "which", "position")
        view["by_role"] = _listed(split, fields, order)
    return view


def _spots(row):
    """(which, position) for each of a row's marks that is set."""
    marks = ((which, getattr(row, which)) for which in WHICH)
    return [(which, spot) for which, spot in marks if spot is not None]


def _listed(counter, fields, order):
    """Counter entries as rows, in the method's order of dimensions."""
    rows = [dict(zip(fields, key, strict=True), count=n) for key, n in counter.items()]
    return sorted(
        rows,
        key=lambda row: (
            order[row["dimension"]],
            row.get("role", ""),
            WHICH.index(row["which"]),
            row["position"],
        ),
    )


def _mine(activity, participant):
    rows = db.session.scalars(
        sa.select(SpectrumMark).filter_by(
            activity_id=activity.id, participant_id=participant.id
        )
    )
    return {
        row.dimension: {"now": row.now, "aspiration": row.aspiration} for row in rows
    }


def _marked_count(activity):
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(SpectrumMark.participant_id))).filter_by(
            activity_id=activity.id
        )
    )


def _dimension_keys(activity):
    return [item["key"] for item in method_content(activity).get("dimensions", [])]


def _dimension(activity, key):
    if key not in _dimension_keys(activity):
        raise Refused("not_found", _("That dimension is not on this spectrum."))
    return key


def _position(activity, value):
    """A point between the poles (1 to the method's points), or None."""
    if value is None:
        return None
    if not 1 <= value <= method_content(activity).get("points", 0):
        raise Refused("invalid", _("Choose a point between the two ends."))
    return value
