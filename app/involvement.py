"""The involvement record: when each participant was present, so a team can
pay or thank people (those with lived experience above all) for their time.

A stretch of presence (`Attendance`) opens when a participant's first socket
connects and closes when their last one closes (app/realtime/presence.py
counts the sockets). Coming back within GRACE continues the same stretch, so
a dropped connection or a page reload is not a departure.

The record is team-internal: its facilitators see it, with everyone's name,
whatever they chose about outputs; reviewers do not (they read outputs, and
this is not one). It is never part of the report, a share link or an export,
and goes with the workshop when it is deleted.

These rows are not workshop state anyone is shown live, so they are written
outside apply(): one short transaction among the writers
(app/transactions.py), and a failure is logged, never raised into the
socket's connect or disconnect.
"""

import io
import logging
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from defusedcsv import csv
from flask import Blueprint, Response, render_template
from flask_babel import gettext as _

from app.auth.access import facilitator_required, team_workshop_or_404
from app.exports.jobs import slug
from app.extensions import db
from app.models import Attendance, Participant
from app.models.types import utcnow
from app.transactions import writing
from app.vocabulary import ORGANISATION_TYPES, PARTICIPANT_ROLES

GRACE = timedelta(seconds=60)

log = logging.getLogger(__name__)
bp = Blueprint("involvement", __name__)


# Recording presence: called by the socket handlers (app/realtime/events.py).


def arrived(workshop_id, participant_id):
    """A participant's first socket connected: continue their last stretch
    if they left it within GRACE, else open a new one."""
    _safely(_arrive, workshop_id, participant_id)


def departed(workshop_id, participant_id):
    """A participant's last socket closed: close their open stretch."""
    _safely(_depart, workshop_id, participant_id)


def _safely(record, workshop_id, participant_id):
    try:
        with writing(workshop_id):
            record(workshop_id, participant_id, utcnow())
            db.session.commit()
    except Exception:
        # Presence must never cost anyone their connection.
        log.exception("could not record attendance")
        db.session.rollback()


def _arrive(workshop_id, participant_id, now):
    latest = _latest(workshop_id, participant_id)
    if latest is not None and (latest.left_at is None or now - latest.left_at <= GRACE):
        latest.left_at = None
        return
    db.session.add(
        Attendance(
            workshop_id=workshop_id, participant_id=participant_id, arrived_at=now
        )
    )


def _depart(workshop_id, participant_id, now):
    latest = _latest(workshop_id, participant_id)
    if latest is not None and latest.left_at is None:
        latest.left_at = now


def _latest(workshop_id, participant_id):
    return db.session.scalar(
        sa.select(Attendance)
        .filter_by(workshop_id=workshop_id, participant_id=participant_id)
        .order_by(Attendance.arrived_at.desc(), Attendance.id.desc())
        .limit(1)
    )


# Reading the record.


@dataclass(frozen=True)
class Involvement:
    """One participant's presence in a workshop, summed up."""

    participant: Participant
    first_arrival: object  # datetime or None: never connected
    last_departure: object  # datetime or None: still here, or never connected
    still_here: bool
    present: timedelta
    stretches: int


def record_of(workshop, now=None):
    """Every participant of `workshop` (removed ones too), in order of
    joining, with their stretches summed; an open stretch counts to now, or
    to the workshop's close if it is closed."""
    end = workshop.closed_at or now or utcnow()
    stretches = db.session.scalars(
        sa.select(Attendance)
        .filter_by(workshop_id=workshop.id)
        .order_by(Attendance.arrived_at, Attendance.id)
    ).all()
    by_participant = {}
    for stretch in stretches:
        by_participant.setdefault(stretch.participant_id, []).append(stretch)
    return [
        _summed(participant, by_participant.get(participant.id, []), end)
        for participant in workshop.participants
    ]


def _summed(participant, stretches, end):
    still_here = any(s.left_at is None for s in stretches)
    present = sum(
        (max((s.left_at or end) - s.arrived_at, timedelta()) for s in stretches),
        timedelta(),
    )
    departures = [s.left_at for s in stretches if s.left_at is not None]
    return Involvement(
        participant=participant,
        first_arrival=stretches[0].arrived_at if stretches else None,
        last_departure=None if still_here or not departures else max(departures),
        still_here=still_here,
        present=present,
        stretches=len(stretches),
    )


def minutes(duration):
    """A duration in whole minutes (rounded down: time actually present)."""
    return int(duration.total_seconds() // 60)


def duration_text(duration):
    """A duration as hours and minutes, e.g. "2 h 05 min"."""
    hours, mins = divmod(minutes(duration), 60)
    if hours:
        return _("%(hours)d h %(minutes)02d min", hours=hours, minutes=mins)
    return _("%(minutes)d min", minutes=mins)


def stamp(moment):
    """A UTC time as the record shows it: "2025-03-04 10:15"."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


# The page and its CSV (facilitators of the team).


@bp.route("/workshops/<workshop_id>/involvement")
@facilitator_required
def page(workshop_id):
    """Who was present, when and for how long: facilitators of the team."""
    workshop = team_workshop_or_404(workshop_id)
    return render_template(
        "involvement/page.html",
        workshop=workshop,
        rows=record_of(workshop),
        roles=PARTICIPANT_ROLES,
        organisation_types=ORGANISATION_TYPES,
        duration_text=duration_text,
        stamp=stamp,
    )


@bp.route("/workshops/<workshop_id>/involvement.csv")
@facilitator_required
def download(workshop_id):
    """The involvement record as CSV: facilitators of the team."""
    workshop = team_workshop_or_404(workshop_id)
    name = f"{slug(workshop.title) or 'workshop'}-involvement.csv"
    return Response(
        csv_text(record_of(workshop)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


def csv_text(rows):
    """The record as CSV text (with a byte order mark, so Excel reads UTF-8);
    a cell a spreadsheet would take for a formula is kept as text."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(_headers())
    writer.writerows([_cell(value) for value in _csv_row(row)] for row in rows)
    return out.getvalue()


def _headers():
    return [
        _("Name"),
        _("Role"),
        _("Organisation type"),
        _("Organisation"),
        _("Has a device"),
        _("Removed"),
        _("Joined (UTC)"),
        _("First arrival (UTC)"),
        _("Last departure (UTC)"),
        _("Minutes present"),
        _("Stretches of presence"),
    ]


def _csv_row(row):
    person = row.participant
    return [
        person.display_name,
        str(PARTICIPANT_ROLES.get(person.role, person.role)),
        str(ORGANISATION_TYPES.get(person.organisation_type, "")),
        person.organisation or "",
        _("yes") if person.has_device else _("no"),
        _("yes") if person.is_removed else _("no"),
        stamp(person.joined_at),
        stamp(row.first_arrival),
        _("still here") if row.still_here else stamp(row.last_departure),
        str(minutes(row.present)),
        str(row.stretches),
    ]


def _cell(value):
    # defusedcsv quotes = + - @ | %; a leading tab or carriage return it lets
    # through (as app/exports/tables.py does).
    return "'" + value if value[:1] in ("\t", "\r") else value
