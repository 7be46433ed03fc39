"""Share links: the link a token names, whether it still shows anything,
what it shows (the whole report, or one pathway alone, sent out for
comment), and the dates a facilitator sets on it.

Dates are days: a link expires, and comments close, at the end of the day
named (UTC), so "open until 30 June" still takes comments on 30 June.
"""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from flask import Response, abort, render_template, render_template_string, url_for
from flask_babel import gettext as _

from app.extensions import db
from app.models import Activity, ShareLink, agenda_of
from app.models.types import utcnow
from app.report import model, redaction

TOKEN_MAX = 64

SECTION = (
    '{% from "report/_report.html" import report_section %}'
    '<article class="report report-pathway-only">'
    '<header class="report-header"><h1>{{ title }}</h1></header>'
    "{{ report_section(section, chart_src) }}"
    "</article>"
)


def link_named(token):
    """The share link `token` names, or None (whatever its state)."""
    if not token:
        return None
    return db.session.scalar(sa.select(ShareLink).filter_by(token=token[:TOKEN_MAX]))


def live_link(token):
    """The live link `token` names; else a page saying why there is nothing
    to see: unknown (404), withdrawn or expired (410)."""
    link = link_named(token)
    if link is None:
        abort(Response(render_template("report/link_gone.html", why="unknown"), 404))
    if link.is_withdrawn:
        abort(Response(render_template("report/link_gone.html", why="withdrawn"), 410))
    if link.is_expired:
        abort(Response(render_template("report/link_gone.html", why="expired"), 410))
    return link


def shared_activity(link):
    """The pathway a link shares alone, or None (the whole report)."""
    return db.session.get(Activity, link.activity_id) if link.activity_id else None


def shows_activity(link, activity_public_id):
    """Whether the link shows that activity's section (and its charts)."""
    activity = shared_activity(link)
    return activity is None or activity.public_id == activity_public_id


def pathway_body(workshop, link, chart_endpoint, chart_values):
    """The HTML of a pathway shared alone: the workshop's title and the
    pathway's section as published (autoescaped by its template)."""
    activity = shared_activity(link)
    section = model.section(workshop, activity.public_id, redaction.PUBLISHED)

    def chart_src(section, chart):
        values = {**chart_values, "activity_id": section.id, "chart_key": chart.key}
        return url_for(chart_endpoint, **values)

    return render_template_string(
        SECTION, title=workshop.title, section=section, chart_src=chart_src
    )


def pathways(workshop):
    """The workshop's pathway activities, in agenda order."""
    return agenda_of(workshop.id, kind="pathway")


def end_of(day):
    """The moment a day named on a link ends (UTC)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def last_day(moment):
    """The day named on a link, from the moment it ends (see `end_of`)."""
    return (moment - timedelta(microseconds=1)).date()


def day_words(moment):
    """The day named on a link, as people read it: "14 Jan 2026"."""
    return last_day(moment).strftime("%d %b %Y")


def today():
    return utcnow().date()


def scope(link):
    """What a link shares, in words."""
    activity = shared_activity(link)
    if activity is None:
        return _("The whole report")
    return _("The pathway “%(title)s” alone", title=activity.title)


def links_of(workshop):
    """The workshop's share links, newest first."""
    return db.session.scalars(
        sa.select(ShareLink)
        .filter_by(workshop_id=workshop.id)
        .order_by(ShareLink.created_at.desc(), ShareLink.id.desc())
    ).all()
