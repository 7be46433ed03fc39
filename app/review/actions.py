"""A reviewer's (or facilitator's) comment on a saved workshop, on the
write path: the only change a reviewer may make (app/permissions.py).

It reaches no live screen (no audience): the report page lists comments
when it is opened.
"""

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from app.changes import Outcome, action
from app.extensions import db
from app.forms import MayNameAnActivity, strip
from app.models import ReviewComment

BODY_MAX = 2_000


def body_field(label=None, **kwargs):
    return TextAreaField(
        label,
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write a comment first.")),
            Length(max=BODY_MAX, message=_l("Keep it to %(max)d characters or fewer.")),
        ],
        **kwargs,
    )


class ReviewCommentPayload(MayNameAnActivity, Form):
    body = body_field()
    # An activity's public id; empty: the workshop as a whole.
    activity = StringField(filters=[strip], validators=[Length(max=24)])


def _nothing_live(workshop, refs, stream_key):
    return {}


@action("review.comment", ReviewCommentPayload, _nothing_live)
def comment(ctx, data):
    """Add a comment on the workshop or one of its activities (reviewers
    and facilitators of the team)."""
    row = ReviewComment(
        workshop_id=ctx.workshop.id,
        activity_id=ctx.activity.id if ctx.activity is not None else None,
        author_id=ctx.loaded.user.id,
        body=data["body"],
    )
    db.session.add(row)
    db.session.flush()
    return Outcome(
        refs={"comment": row.id}, audiences={}, result={"comment": row.public_id}
    )
