"""The report's changes on the write path (facilitators only): the
facilitator's own words, and publishing or withdrawing a share link.

None of them reaches a live screen (no audience): they change what the
report says, which is read when it is opened.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import strip
from app.models import ReportText, ShareLink
from app.models.types import utcnow

SUMMARY_MAX, LIST_MAX = 20_000, 5_000


def bounded(limit):
    message = _l("Keep it to %(max)d characters or fewer.")
    return [Length(max=limit, message=message)]


class ReportTextPayload(Form):
    summary = TextAreaField(filters=[strip], validators=bounded(SUMMARY_MAX))
    key_messages = TextAreaField(filters=[strip], validators=bounded(LIST_MAX))
    next_steps = TextAreaField(filters=[strip], validators=bounded(LIST_MAX))


class NoFields(Form):
    """Publishing a link takes nothing but who publishes it."""


class ShareRef(Form):
    link = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say which link.")), Length(max=24)],
    )


def _nothing_live(workshop, refs, stream_key):
    return {}


@action("report.edit_text", ReportTextPayload, _nothing_live)
def edit_text(ctx, data):
    """Save the facilitator's summary, key messages and next steps."""
    text = db.session.get(ReportText, ctx.workshop.id) or ReportText(
        workshop_id=ctx.workshop.id
    )
    text.summary = data["summary"] or ""
    text.key_messages = data["key_messages"] or ""
    text.next_steps = data["next_steps"] or ""
    text.updated_at, text.updated_by_id = utcnow(), ctx.loaded.user.id
    db.session.add(text)
    return Outcome(refs={}, audiences={})


@action("report.share", NoFields, _nothing_live)
def share(ctx, data):
    """Publish a read-only copy of the report at a new unguessable link."""
    link = ShareLink(workshop_id=ctx.workshop.id, created_by_id=ctx.loaded.user.id)
    db.session.add(link)
    db.session.flush()
    return Outcome(
        refs={"link": link.id}, audiences={}, result={"link": link.public_id}
    )


@action("report.withdraw_share", ShareRef, _nothing_live)
def withdraw_share(ctx, data):
    """Withdraw a share link: from now on it says so and shows nothing."""
    link = db.session.scalar(
        sa.select(ShareLink).filter_by(
            workshop_id=ctx.workshop.id, public_id=data["link"]
        )
    )
    if link is None:
        raise Refused("not_found", _("That link does not exist."))
    if not link.is_live:
        raise Refused("not_allowed", _("That link has already been withdrawn."))
    link.withdrawn_at, link.withdrawn_by_id = utcnow(), ctx.loaded.user.id
    return Outcome(refs={"link": link.id}, audiences={})
