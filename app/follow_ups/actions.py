"""Actions ("you said, we did") on the write path: facilitators only.

An action belongs to a series, and changes only through `apply()` in a
workshop of that series (DESIGN.md: series-level changes take the same
steps): the workshop where it is raised or reviewed, or, from a page with no
workshop in view, the series' most recent one. An action of another series
does not exist here. The room and the projector see the public fields of
each change; facilitators also see whose it is.
"""

import secrets

from flask_babel import gettext as _

from app import audiences
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.follow_ups import service
from app.follow_ups.forms import CreatePayload, EditPayload, NoFields, UpdatePayload
from app.follow_ups.sources import raised_text
from app.models import FollowUp, FollowUpUpdate
from app.models.types import utcnow

TOKEN_BYTES = 24
# Public "you said, we did" content: the room and its screen see it too.
SEEN_BY = (audiences.FACILITATORS, audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM)


def project_follow_up(workshop, refs, stream_key):
    """The action as `stream_key` sees it: the team's view for facilitators,
    the public fields for everyone else."""
    follow_up = db.session.get(FollowUp, refs.get("follow_up") or 0)
    if follow_up is None:
        return {}
    if stream_key == audiences.FACILITATORS:
        return {"follow_up": service.team_view(follow_up)}
    return {"follow_up": service.public_view(follow_up)}


def _nothing_live(workshop, refs, stream_key):
    return {}


def _changed(follow_up, **result):
    return Outcome(
        refs={"follow_up": follow_up.id},
        audiences=dict.fromkeys(SEEN_BY, False),
        result={
            "follow_up": follow_up.public_id,
            "version": follow_up.version,
            **result,
        },
        kept=(follow_up,),
    )


def _words(follow_up, data):
    follow_up.title = data["title"]
    follow_up.owner_organisation = data["owner_organisation"] or ""
    follow_up.owner_person = data["owner_person"] or ""
    follow_up.due_date = data["due_date"]
    follow_up.updated_at = utcnow()


@action("follow_up.create", CreatePayload, project_follow_up)
def create(ctx, data):
    """Agree an action in this workshop, typed in or made from a note, a
    topic or a checklist item (whose words the server copies)."""
    series = service.series_of(ctx.workshop)
    follow_up = FollowUp(
        series_id=series.id,
        raised_in_id=ctx.workshop.id,
        created_by_id=ctx.loaded.user.id,
        raised_text="",
    )
    if data["source_kind"]:
        follow_up.raised_text = raised_text(
            ctx.activity, data["source_kind"], data["source_ref"]
        )
        follow_up.source_kind = data["source_kind"]
        follow_up.source_ref = data["source_ref"]
    _words(follow_up, data)
    db.session.add(follow_up)
    db.session.flush()
    return _changed(follow_up)


@action("follow_up.edit", EditPayload, project_follow_up)
def edit(ctx, data):
    """Change what an action says, from the version it was read at (a stale
    edit is refused with the current words)."""
    follow_up = service.find(service.series_of(ctx.workshop), data["follow_up"])
    if data["version"] != follow_up.version:
        raise Refused(
            "stale",
            _("Someone changed this action while you were editing it."),
            current=service.team_view(follow_up),
        )
    _words(follow_up, data)
    follow_up.version += 1
    return _changed(follow_up)


@action("follow_up.update", UpdatePayload, project_follow_up)
def update(ctx, data):
    """Add a dated note on how an action is going, and/or set its status."""
    follow_up = service.find(service.series_of(ctx.workshop), data["follow_up"])
    entry = FollowUpUpdate(
        follow_up=follow_up,
        body=data["body"] or "",
        status=data["status"] or None,
        created_by_id=ctx.loaded.user.id,
    )
    if entry.status:
        follow_up.status = entry.status
    follow_up.updated_at = utcnow()
    db.session.add(entry)
    db.session.flush()
    return _changed(follow_up, update=entry.public_id)


@action("follow_up.publish_summary", NoFields, _nothing_live)
def publish_summary(ctx, data):
    """Publish the series' "you said, we did" summary at a new unguessable
    address, readable with no account."""
    series = service.series_of(ctx.workshop)
    if series.summary_token:
        raise Refused("not_allowed", _("The summary is already published."))
    series.summary_token = secrets.token_urlsafe(TOKEN_BYTES)
    return Outcome(refs={"series": series.id}, audiences={}, result={"published": True})


@action("follow_up.withdraw_summary", NoFields, _nothing_live)
def withdraw_summary(ctx, data):
    """Withdraw the public summary: its address shows nothing from now on."""
    series = service.series_of(ctx.workshop)
    if not series.summary_token:
        raise Refused("not_allowed", _("The summary is not published."))
    series.summary_token = None
    return Outcome(refs={"series": series.id}, audiences={})
