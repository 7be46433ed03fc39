"""A message from the facilitators to everyone (issue 7, "Breakout groups":
"broadcasts a message to all"): a short text on every participant's screen
and the projector, until it is cleared or replaced.

It goes to every shared stream (the room, each group, the projector and
the facilitators) and is in their snapshots, so a late page or a moved
participant sees it too. Each device may dismiss it for itself; that is the
browser's business, not the workshop's.
"""

from flask_babel import lazy_gettext as _l
from wtforms import Form, StringField
from wtforms.validators import DataRequired, Length

from app import audiences
from app.changes import Outcome, action
from app.extensions import db
from app.forms import strip
from app.models import Workshop
from app.models.types import utcnow

MAX_LENGTH = 280


class AnnouncementForm(Form):
    text = StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Write the message first.")),
            Length(
                max=MAX_LENGTH, message=_l("Keep it to %(max)d characters or fewer.")
            ),
        ],
    )


class NoFields(Form):
    """Clearing the message takes nothing but who clears it."""


def announcement_view(workshop):
    """The message now shown to everyone, or None."""
    if not workshop.announcement:
        return None
    return {"text": workshop.announcement, "at": workshop.announced_at.isoformat()}


def announcement_state(workshop, stream_key):
    """What a shared stream's snapshot says of the message (private streams
    never carry it: the shared ones a participant reads already do)."""
    if stream_key.startswith("private:"):
        return {}
    return {"announcement": announcement_view(workshop)}


def project_announcement(workshop, refs, stream_key):
    return {"announcement": announcement_view(db.session.get(Workshop, workshop.id))}


def _to_everyone(workshop):
    return Outcome(refs={}, audiences=dict.fromkeys(audiences.shared(workshop), False))


@action("workshop.announce", AnnouncementForm, project_announcement)
def announce(ctx, data):
    """Show a message on every screen, replacing any before (facilitators)."""
    ctx.workshop.announcement = data["text"]
    ctx.workshop.announced_at = utcnow()
    return _to_everyone(ctx.workshop)


@action("workshop.clear_announcement", NoFields, project_announcement)
def clear_announcement(ctx, data):
    """Take the message off every screen (facilitators)."""
    ctx.workshop.announcement = None
    ctx.workshop.announced_at = None
    return _to_everyone(ctx.workshop)
