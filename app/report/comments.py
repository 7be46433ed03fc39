"""Comments sent through a share link open for comments, by people with no
account (the COMMENTER actor: app/actors.py checks the link is live and
still open on every comment).

A comment comes into the workshop's record: the team reads them on the
report page ("Comments received"). They are never shown on the link itself
nor put in any export: commenters write to the facilitators, not for
publication, and a name given there was given to them alone.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    Form,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length

from app.changes import Outcome, Refused, action
from app.extensions import db
from app.forms import ChangeForm, strip
from app.kinds import pathway_view
from app.kinds.report_parts import projected
from app.models import (
    Activity,
    LinkComment,
    PathwayCard,
    ShareLink,
    Workshop,
    agenda_of,
)
from app.report import redaction, sharing

NAME_MAX, BODY_MAX, ABOUT_MAX = 60, 2_000, 80


def _length(limit):
    return Length(max=limit, message=_l("Keep it to %(max)d characters or fewer."))


class CommentPayload(Form):
    """A comment as the write path checks it (the page's form, or any other)."""

    name = StringField(filters=[strip], validators=[_length(NAME_MAX)])
    body = TextAreaField(
        filters=[strip],
        validators=[DataRequired(message=_l("Write your comment.")), _length(BODY_MAX)],
    )
    about = StringField(filters=[strip], validators=[_length(ABOUT_MAX)])


class CommentForm(ChangeForm):
    """The comment form on a share link open for comments."""

    name = StringField(
        _l("Your name (optional)"),
        description=_l("Leave it blank to comment without a name."),
        filters=[strip],
        validators=[_length(NAME_MAX)],
    )
    about = SelectField(_l("What is your comment about?"), validate_choice=False)
    body = TextAreaField(
        _l("Your comment"),
        description=_l("Up to 2,000 characters. Only the facilitators read it."),
        filters=[strip],
        validators=[DataRequired(message=_l("Write your comment.")), _length(BODY_MAX)],
    )
    submit = SubmitField(_l("Send the comment"))

    def offer(self, link):
        """Fill the "about" list with what this link's readers can name."""
        choices = about_choices(link)
        self.about.choices = [
            SelectChoice("", _("The whole of it")),
            *(SelectChoice(key, label) for key, label in choices.items()),
        ]
        return self


def _nothing_live(workshop, refs, stream_key):
    return {}


@action("link.comment", CommentPayload, _nothing_live)
def comment(ctx, data):
    """Keep a comment sent through a share link open for comments (anyone
    holding the link, while it takes comments)."""
    link = ctx.loaded.share_link
    about = data["about"] or None
    if about is not None and about not in about_choices(link):
        raise Refused("invalid", _("Choose what your comment is about from the list."))
    row = LinkComment(
        share_link_id=link.id,
        workshop_id=ctx.workshop.id,
        author_name=data["name"] or "",
        target=about,
        body=data["body"],
    )
    db.session.add(row)
    db.session.flush()
    return Outcome(refs={"comment": row.id}, audiences={}, result={"ok": True})


def about_choices(link):
    """What a comment through `link` may be about, {public id: label}: a
    pathway's steps as published (a pathway shared alone), else the
    report's activities."""
    activity = sharing.shared_activity(link)
    if activity is None:
        return {row.public_id: row.title for row in agenda_of(link.workshop_id)}
    return _steps(activity)


def _steps(activity):
    """A pathway's published steps in order: "2. Get an assessment", with
    the group's name where the pathway has more than one road."""
    withheld = redaction.Withheld(db.session.get(Workshop, activity.workshop_id))
    roads = withheld.roads(
        activity, projected(pathway_view.snapshot, activity)["roads"]
    )
    roads = [road for road in roads if road["steps"]]
    steps = {}
    for road in roads:
        prefix = (
            f"{road['group']['name']}: " if road["group"] and len(roads) > 1 else ""
        )
        for number, step in enumerate(road["steps"], start=1):
            steps[step["id"]] = f"{prefix}{number}. {_short(step['text'])}"
    return steps


def _short(text, limit=80):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Received:
    """A comment as the team reads it."""

    public_id: str
    created_at: object
    name: str
    about: str
    body: str
    link: str  # what the link shared


def received(workshop):
    """The comments sent through the workshop's links, oldest first."""
    rows = db.session.execute(
        sa.select(LinkComment, ShareLink)
        .join(ShareLink, LinkComment.share_link_id == ShareLink.id)
        .filter(LinkComment.workshop_id == workshop.id)
        .order_by(LinkComment.created_at, LinkComment.id)
    ).all()
    labels = _labels(workshop, [row.target for row, _link in rows])
    return [
        Received(
            public_id=row.public_id,
            created_at=row.created_at,
            name=row.author_name,
            about=labels.get(row.target, "") if row.target else "",
            body=row.body,
            link=sharing.scope(link),
        )
        for row, link in rows
    ]


def _labels(workshop, targets):
    """What each comment is about, in words: a step's text or an activity's
    title (a step since deleted: said so)."""
    wanted = {target for target in targets if target}
    labels = {
        row.public_id: _("Step: %(text)s", text=row.text)
        for row in db.session.scalars(
            sa.select(PathwayCard)
            .join(Activity, PathwayCard.activity_id == Activity.id)
            .filter(
                Activity.workshop_id == workshop.id,
                PathwayCard.public_id.in_(wanted),
            )
        )
    }
    labels.update(
        {
            row.public_id: row.title
            for row in agenda_of(workshop.id)
            if row.public_id in wanted
        }
    )
    return {target: labels.get(target, _("A step since removed")) for target in wanted}
