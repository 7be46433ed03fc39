"""The checklist: each person scores every item privately (with a comment and,
where the method asks, a priority mark); the reveal shows the distribution
per item, overall and by role; then the room records an agreed score and note.

Scores travel only on their author's private stream until the reveal, and
after it only as counts: no score or comment is ever sent with its author.
"""

from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import flag_modified

from app import audiences, privacy
from app import charts as chart_specs
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.kinds import checklist_report
from app.kinds.base import ActivityKind
from app.kinds.checklist_forms import AgreeForm, ScoreForm
from app.kinds.content import checklist_items, method_content
from app.kinds.roles import split_by_role, with_role_labels
from app.methods.texts import display
from app.models import Activity, Participant, Score

PHASES = ("not_started", "scoring", "reveal", "agree", "closed")


def new_content(method):
    return {"method": method, "revealed": False, "agreed": {}}


def snapshot(activity, stream_key):
    """The checklist as `stream_key` sees it now."""
    owner = audiences.private_owner(stream_key)
    if owner is not None:
        return {"mine": _mine(activity, owner)}
    state = {"agreed": activity.content.get("agreed", {})}
    if stream_key in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        state["responded"] = _respondent_count(activity)
    if privacy.results_visible(activity, stream_key):
        state["results"] = results(activity)
    return state


def charts(activity):
    """How many gave each score per item: overall, and by role where the
    room is large enough to split (app/charts.py)."""
    content = method_content(activity)
    items = [
        {"key": item["key"], "label": display(item["text"])}
        for item in checklist_items(activity)
    ]
    scale = [
        {"value": point["value"], "label": display(point["label"])}
        for point in content["scale"]
    ]
    found = results(activity)
    overall = chart_specs.checklist_distribution(items, scale, found["overall"])
    specs = [("overall", overall)]
    if found["by_role"]:
        counts = with_role_labels(found["by_role"])
        by_role = chart_specs.checklist_distribution(items, scale, counts, by_role=True)
        specs.append(("by_role", by_role))
    return specs


def summary(activity):
    agreed = activity.content.get("agreed", {})
    return _(
        "People who scored: %(people)d; items agreed: %(agreed)d of %(items)d.",
        people=_respondent_count(activity),
        agreed=len(agreed),
        items=len(checklist_items(activity)),
    )


KIND = ActivityKind(
    key="checklist",
    phases=PHASES,
    snapshot=snapshot,
    new_content=new_content,
    reveal_phases=frozenset({"reveal", "agree", "closed"}),
    charts=charts,
    summary=summary,
    report=checklist_report.report,
    records=checklist_report.records,
)


def project(workshop, refs, stream_key):
    activity = db.session.get(Activity, refs["activity"])
    return {"activity": activity.public_id, "state": snapshot(activity, stream_key)}


@action("checklist.score", ScoreForm, project, kind="checklist")
def score(ctx, data):
    """Set one's own score, comment and priority for an item (private)."""
    activity, person = ctx.activity, ctx.loaded.participant
    item = _item(activity, data["item"])
    value = _value(activity, data["value"])
    settings = method_content(activity)
    row = db.session.scalar(
        sa.select(Score).filter_by(
            activity_id=activity.id, participant_id=person.id, item=item
        )
    ) or Score(activity_id=activity.id, participant_id=person.id, item=item)
    row.value = value
    row.comment = data["comment"] if settings.get("comments") else ""
    row.priority = bool(data["priority"]) and bool(settings.get("priorities"))
    db.session.add(row)
    db.session.flush()
    return Outcome(
        refs={"activity": activity.id},
        audiences={
            audiences.private(person): False,
            audiences.FACILITATORS: False,
            audiences.PROJECTOR_STREAM: False,
        },
        result={"item": item, "value": value},
    )


@action("checklist.agree", AgreeForm, project, kind="checklist")
def agree(ctx, data):
    """Record the score and note the room agreed for an item."""
    activity = ctx.activity
    if not method_content(activity).get("agree"):
        raise Refused("not_allowed", _("This checklist has no agreed scores."))
    item = _item(activity, data["item"])
    agreed = activity.content.setdefault("agreed", {})
    agreed[item] = {"value": _value(activity, data["value"]), "note": data["note"]}
    flag_modified(activity, "content")
    return Outcome(
        refs={"activity": activity.id},
        audiences={key: False for key in audiences.shared(ctx.workshop)},
        result={"item": item},
    )


def results(activity):
    """Counts per item and score, overall and by role bucket; comments and
    priority counts per item. Nothing here names or points to a person."""
    rows = db.session.execute(
        sa.select(Score, Participant.role)
        .join(Participant, Score.participant_id == Participant.id)
        .filter(Score.activity_id == activity.id)
        .order_by(Score.id)
    ).all()
    buckets = split_by_role(activity, rows)
    scored = [row for row, _role in rows if row.value is not None]
    overall = Counter((row.item, row.value) for row in scored)
    view = {
        "respondents": len({row.participant_id for row, _role in rows}),
        "overall": _count_rows(overall),
        "by_role": None,
        "comments": _comments(row for row, _role in rows),
        "priorities": dict(Counter(row.item for row, _r in rows if row.priority)),
    }
    if buckets is not None:
        split = Counter(
            (row.item, buckets[row.participant_id], row.value) for row in scored
        )
        view["by_role"] = [
            {"item": item, "role": role, "value": value, "count": count}
            for (item, role, value), count in sorted(split.items(), key=str)
        ]
    return view


def _count_rows(counter):
    return [
        {"item": item, "value": value, "count": count}
        for (item, value), count in sorted(counter.items(), key=str)
    ]


def _comments(rows):
    comments = {}
    for row in rows:
        if row.comment:
            comments.setdefault(row.item, []).append(row.comment)
    return comments


def _mine(activity, participant):
    rows = db.session.scalars(
        sa.select(Score).filter_by(
            activity_id=activity.id, participant_id=participant.id
        )
    )
    return {
        row.item: {"value": row.value, "comment": row.comment, "priority": row.priority}
        for row in rows
    }


def _respondent_count(activity):
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Score.participant_id))).filter_by(
            activity_id=activity.id
        )
    )


def _item(activity, key):
    if key not in {item["key"] for item in checklist_items(activity)}:
        raise Refused("not_found", _("That item is not on this checklist."))
    return key


def _value(activity, value):
    """A score on the method's scale, or None for no score."""
    if value is None:
        return None
    scale = {point["value"] for point in method_content(activity).get("scale", [])}
    if value not in scale:
        raise Refused("invalid", _("Choose a score from the scale."))
    return value
