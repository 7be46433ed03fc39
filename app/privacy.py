"""Each activity's privacy settings (DESIGN.md, "Privacy and anonymity").

- Anonymous mode: nobody sees authors, in any stream, snapshot or output;
  the server keeps the link only so people can change their own writing.
  It cannot be switched off once anything has been written.
- Facilitators see private writing before the reveal: off by default, and
  it cannot be switched on once anyone has written privately, since they
  wrote believing nobody else would see it.

Both settings are on every screen (`activity_view`), so people know.
"""

import sqlalchemy as sa
from flask_babel import gettext as _

from app import audiences
from app.changes import Refused
from app.extensions import db
from app.models import Note, Participant, PathwayCard, Score, SpectrumMark

# What people write in an activity, whatever its kind.
CONTRIBUTIONS = (Note, Score, SpectrumMark, PathwayCard)


def is_anonymous(activity):
    return bool(activity.content.get("anonymous"))


def facilitators_see_private(activity):
    return bool(activity.content.get("facilitators_see_private"))


def settings_view(activity):
    return {
        "anonymous": is_anonymous(activity),
        "facilitators_see_private": facilitators_see_private(activity),
        # Whether private writing has been revealed: the console's
        # "presenting" switch hides what facilitators may see before.
        "revealed": bool(activity.content.get("revealed")),
    }


def results_visible(activity, stream_key):
    """Whether a stream sees an activity's results (counts of private scores
    and marks): after the reveal, or facilitators if the setting allows."""
    if activity.content.get("revealed"):
        return True
    return stream_key == audiences.FACILITATORS and facilitators_see_private(activity)


def apply_settings(activity, anonymous, see_private):
    """Set both settings, within their rules; True if what any stream may
    see has changed (answered with snapshots)."""
    before = (is_anonymous(activity), facilitators_see_private(activity))
    if before[0] and not anonymous and _has_contributions(activity):
        raise Refused(
            "not_allowed",
            _("Anonymous mode cannot be switched off once anything has been written."),
        )
    if see_private and not before[1]:
        if _has_contributions(activity):
            raise Refused(
                "not_allowed",
                _(
                    "Facilitators can only be allowed to see private writing "
                    "before anyone has written."
                ),
            )
    activity.content["anonymous"] = bool(anonymous)
    activity.content["facilitators_see_private"] = bool(see_private)
    return (bool(anonymous), bool(see_private)) != before


def writers_streams(activity):
    """The private streams of everyone who has a note in `activity`."""
    people = db.session.scalars(
        sa.select(Participant)
        .join(Note, Note.author_participant_id == Participant.id)
        .filter(Note.activity_id == activity.id)
        .distinct()
    )
    return [audiences.private(person) for person in people]


def _has_contributions(activity):
    return any(
        db.session.scalar(sa.select(model.id).filter_by(activity_id=activity.id))
        for model in CONTRIBUTIONS
    )
