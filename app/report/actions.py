"""The report's changes on the write path (facilitators only): the
facilitator's own words, publishing or withdrawing a share link (of the
whole report or of one pathway, with an expiry and a closing date for
comments), and redacting a contribution before publishing.

None of them reaches a live screen (no audience): they change what the
report says, which is read when it is opened.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import strip
from app.models import Activity, Redaction, ReportText, ShareLink
from app.models.types import utcnow
from app.report import redaction, sharing

SUMMARY_MAX, LIST_MAX = 20_000, 5_000


def bounded(limit):
    message = _l("Keep it to %(max)d characters or fewer.")
    return [Length(max=limit, message=message)]


class ReportTextPayload(Form):
    summary = TextAreaField(filters=[strip], validators=bounded(SUMMARY_MAX))
    key_messages = TextAreaField(filters=[strip], validators=bounded(LIST_MAX))
    next_steps = TextAreaField(filters=[strip], validators=bounded(LIST_MAX))


def a_day(form, field):
    """A day as YYYY-MM-DD (a date input sends it so), or nothing."""
    if field.data:
        try:
            field.data = date.fromisoformat(field.data)
        except ValueError:
            raise ValidationError(_("Give the date as YYYY-MM-DD.")) from None
    else:
        field.data = None


class ShareSettings(Form):
    """A new link: the whole report or one pathway (its public id), the day
    it expires and the last day it takes comments (each optional)."""

    pathway = StringField(filters=[strip], validators=[Length(max=24)])
    expires_on = StringField(filters=[strip], validators=[Length(max=10), a_day])
    comments_until = StringField(filters=[strip], validators=[Length(max=10), a_day])


class RedactPayload(Form):
    target = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say what to redact.")), Length(max=80)],
    )
    reason = TextAreaField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Say why it is redacted.")),
            *bounded(redaction.REASON_MAX),
        ],
    )


class TargetRef(Form):
    target = StringField(
        filters=[strip],
        validators=[DataRequired(message=_l("Say which one.")), Length(max=80)],
    )


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


@action("report.share", ShareSettings, _nothing_live)
def share(ctx, data):
    """Publish a read-only copy of the report (or of one pathway) at a new
    unguessable link, until a day if given, open for comments until a day
    if given."""
    activity_id = _pathway_id(ctx, data["pathway"])
    expires_at, comments_until = _days(data)
    link = ShareLink(
        workshop_id=ctx.workshop.id,
        created_by_id=ctx.loaded.user.id,
        activity_id=activity_id,
        expires_at=expires_at,
        comments_until=comments_until,
    )
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


def _pathway_id(ctx, public_id):
    """The row id of the pathway a link shares alone (None: the report)."""
    if not public_id:
        return None
    activity = ctx.find(Activity, public_id, _("That pathway does not exist here."))
    if activity.kind != "pathway":
        raise Refused("invalid", _("Only a pathway can be shared on its own."))
    return activity.id


def _days(data):
    """(expires_at, comments_until) from the days given: neither in the
    past, and comments closing no later than the link expires."""
    expires, closes, today = data["expires_on"], data["comments_until"], sharing.today()
    if expires is not None and expires < today:
        raise Refused("invalid", _("The link cannot expire on a day already past."))
    if closes is not None and closes < today:
        raise Refused(
            "invalid", _("The closing date for comments must be in the future.")
        )
    if closes is not None and expires is not None and closes > expires:
        raise Refused(
            "invalid", _("Comments must close on or before the day the link expires.")
        )
    return (
        sharing.end_of(expires) if expires else None,
        sharing.end_of(closes) if closes else None,
    )


@action("report.redact", RedactPayload, _nothing_live)
def redact(ctx, data):
    """Leave a contribution out of everything published, keeping it in the
    record with who redacted it and why (facilitators)."""
    target = data["target"]
    if not redaction.names_a_contribution(ctx.workshop, target):
        raise Refused("not_found", _("That contribution does not exist here."))
    if target in redaction.redactions_of(ctx.workshop):
        raise Refused("not_allowed", _("That contribution is already redacted."))
    row = Redaction(
        workshop_id=ctx.workshop.id,
        target=target,
        reason=data["reason"],
        redacted_by_id=ctx.loaded.user.id,
    )
    db.session.add(row)
    db.session.flush()
    return Outcome(refs={"redaction": row.id}, audiences={})


@action("report.unredact", TargetRef, _nothing_live)
def unredact(ctx, data):
    """Publish a redacted contribution again (facilitators)."""
    row = redaction.redactions_of(ctx.workshop).get(data["target"])
    if row is None:
        raise Refused("not_found", _("That contribution is not redacted."))
    db.session.delete(row)
    return Outcome(refs={"redaction": row.id}, audiences={})
