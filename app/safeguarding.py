"""Revealing the author of an anonymous contribution (DESIGN.md, "Privacy and
anonymity"): the team's safeguarding lead alone may, giving a reason; each
reveal is a row of the audit log, and nothing is broadcast to anyone.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import DataRequired, Length

from app import privacy
from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import strip
from app.models import AuthorReveal, Note, Workshop
from app.workshop_actions import id_field

REASON_MIN, REASON_MAX = 10, 2000


class RevealForm(Form):
    activity = id_field()
    note = id_field()
    reason = StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Say why the author must be revealed.")),
            Length(
                min=REASON_MIN,
                max=REASON_MAX,
                message=_l("Give a reason of %(min)d to %(max)d characters."),
            ),
        ],
    )


def is_lead(user, team):
    return user is not None and team.safeguarding_lead_id == user.id


def project_nothing(workshop, refs, stream_key):
    return {}  # never called: a reveal goes to no stream


@action("author.reveal", RevealForm, project_nothing)
def reveal_author(ctx, data):
    """Record why the lead needs to know who wrote a note, and let them see it."""
    if not is_lead(ctx.loaded.user, ctx.workshop.team):
        raise Refused(
            "not_allowed",
            _("Only the team's safeguarding lead can reveal an author."),
        )
    if not privacy.is_anonymous(ctx.activity):
        raise Refused("invalid", _("This activity is not anonymous."))
    note = db.session.scalar(
        sa.select(Note).filter_by(activity_id=ctx.activity.id, public_id=data["note"])
    )
    if note is None:
        raise Refused("not_found", _("That note does not exist here."))
    reveal = AuthorReveal(
        workshop_id=ctx.workshop.id,
        activity_id=ctx.activity.id,
        note_id=note.id,
        revealed_by_id=ctx.loaded.user.id,
        reason=data["reason"],
    )
    db.session.add(reveal)
    db.session.flush()
    return Outcome(
        refs={"reveal": reveal.id}, audiences={}, result={"reveal": reveal.id}
    )


def author_of(reveal):
    """Who wrote the revealed note, in words, for the lead's eyes only."""
    note = reveal.note
    if note is None:
        return None
    if note.author is not None:
        return note.author.display_name
    return note.author_user.name if note.author_user else None


def reveals_of(team):
    """The team's audit log, newest first."""
    return db.session.scalars(
        sa.select(AuthorReveal)
        .join(Workshop, Workshop.id == AuthorReveal.workshop_id)
        .filter(Workshop.team_id == team.id)
        .order_by(AuthorReveal.created_at.desc(), AuthorReveal.id.desc())
    ).all()
