"""Who acts on a workshop: ids only, re-read from the database on every use.

A socket connection, an HTTP form and the write path all speak of an Actor;
`load()` turns one into the live rows, or refuses, so a removed participant or
a signed-out facilitator is refused at once, even on a socket still open.
"""

from dataclasses import dataclass

from flask_babel import gettext as _

from app.extensions import db
from app.models import LoginSession, Participant, ShareLink, Workshop

PARTICIPANT = "participant"
FACILITATOR = "facilitator"
PROJECTOR = "projector"
# A member of the team reading saved workshops: comments only.
REVIEWER = "reviewer"
# Someone with no account commenting through a share link open for comments.
COMMENTER = "commenter"


class NotAllowed(Exception):
    """The actor may not act (any more); the message says why, in words."""


@dataclass(frozen=True)
class Actor:
    """Who is acting, as ids only."""

    kind: str
    workshop_id: int
    participant_id: int | None = None
    user_id: int | None = None
    login_session_id: str | None = None
    # A facilitator entering for a participant without a device (scribe).
    proxy_for: int | None = None
    # A commenter's share link.
    share_link_id: int | None = None


@dataclass
class Loaded:
    """An actor's live rows, as of now. A scribe (a facilitator entering for
    someone without a device) has both: the user, and the participant whose
    place they take."""

    actor: Actor
    workshop: Workshop
    participant: Participant | None = None
    user: object = None
    share_link: ShareLink | None = None

    @property
    def acting_as(self):
        """The kind of actor the permission table sees: a scribe acts as the
        participant, and may do only what that participant may."""
        return PARTICIPANT if self.actor.proxy_for else self.actor.kind


def load(actor):
    """The actor's current rows, or NotAllowed if they may no longer act."""
    workshop = db.session.get(Workshop, actor.workshop_id)
    if workshop is None:
        raise NotAllowed(_("This workshop no longer exists."))
    if actor.kind == PARTICIPANT:
        participant = db.session.get(Participant, actor.participant_id)
        if participant is None or participant.workshop_id != workshop.id:
            raise NotAllowed(_("Your place in this workshop no longer exists."))
        if participant.is_removed:
            raise NotAllowed(_("You were removed from this workshop."))
        return Loaded(actor, workshop, participant=participant)
    if actor.kind == FACILITATOR:
        user = _signed_in(actor)
        if not user.can_facilitate:
            raise NotAllowed(_("Your sign-in has ended. Sign in again."))
        if user.team_id != workshop.team_id:
            raise NotAllowed(_("You do not facilitate this workshop."))
        return Loaded(actor, workshop, participant=_proxied(actor, workshop), user=user)
    if actor.kind == REVIEWER:
        user = _signed_in(actor)
        if user.team_id != workshop.team_id:
            raise NotAllowed(_("You do not review this team's workshops."))
        return Loaded(actor, workshop, user=user)
    if actor.kind == COMMENTER:
        return Loaded(actor, workshop, share_link=_commenting(actor, workshop))
    if actor.kind == PROJECTOR:
        return Loaded(actor, workshop)  # the link is all it needs; it only reads
    raise NotAllowed(_("You cannot change this workshop."))


def _signed_in(actor):
    """The user of a sign-in still current, or NotAllowed."""
    login_session = db.session.get(LoginSession, actor.login_session_id or "")
    user = login_session.user if login_session else None
    if user is None or user.id != actor.user_id or not user.is_active:
        raise NotAllowed(_("Your sign-in has ended. Sign in again."))
    return user


def _commenting(actor, workshop):
    """A commenter's share link, while it takes comments."""
    link = db.session.get(ShareLink, actor.share_link_id or 0)
    if link is None or link.workshop_id != workshop.id:
        raise NotAllowed(_("This link does not work."))
    if not link.is_live:
        raise NotAllowed(_("This link no longer works."))
    if not link.takes_comments:
        raise NotAllowed(_("Comments on this link are closed."))
    return link


def _proxied(actor, workshop):
    """The participant a scribe enters for (None if not a scribe): only
    someone of this workshop, still in it, who has no device."""
    if actor.proxy_for is None:
        return None
    participant = db.session.get(Participant, actor.proxy_for)
    if participant is None or participant.workshop_id != workshop.id:
        raise NotAllowed(_("That person is not in this workshop."))
    if participant.is_removed:
        raise NotAllowed(_("That person was removed from this workshop."))
    if participant.has_device:
        raise NotAllowed(_("You can only enter for someone here without a device."))
    return participant


def for_reviewer(workshop, user, login_session_id):
    """The actor for a team member reviewing a saved workshop."""
    return Actor(
        REVIEWER, workshop.id, user_id=user.id, login_session_id=login_session_id
    )


def for_commenter(link):
    """The actor for someone commenting through a share link."""
    return Actor(COMMENTER, link.workshop_id, share_link_id=link.id)


def for_facilitator(workshop, user, login_session_id):
    """The actor for a facilitator signed in on this request."""
    return Actor(
        FACILITATOR,
        workshop.id,
        user_id=user.id,
        login_session_id=login_session_id,
    )
