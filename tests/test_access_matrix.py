"""Who may do what: every route, every kind of actor, in one table.

Each cell is run on a fresh app with the same cast: an anonymous visitor, a
participant who joined the workshop, a facilitator and an admin of another
team, and a reviewer, a facilitator and an admin of the workshop's own team.
A refusal must change nothing. A new route fails
`test_every_route_is_in_the_matrix` until it has a row in EXPECTED and REQUESTS.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from fnmatch import fnmatchcase
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask import current_app

from app.extensions import db
from app.kinds.checklist import new_content as new_checklist
from app.methods.library import get_builtin
from app.models import (
    Activity,
    ExportJob,
    FollowUp,
    FollowUpUpdate,
    Group,
    Invite,
    LinkComment,
    LoginSession,
    Participant,
    Redaction,
    ReportText,
    Score,
    Series,
    ShareLink,
    Team,
    TeamMethod,
    User,
    Workshop,
)
from app.models.types import utcnow
from app.report.redaction import comment_target
from app.tokens import projector_token
from tests import builders
from tests.clients import isolated_client
from tests.conftest import join_as

ACTORS = (
    "anonymous",
    "participant",  # joined the workshop in this browser, no account
    "other_facilitator",  # a facilitator of another team
    "other_admin",  # an admin of another team: every role check passes
    "reviewer",
    "facilitator",
    "admin",
)


@dataclass(frozen=True)
class Outcome:
    """What an actor gets: a status, and for a redirect where it leads."""

    name: str
    status: tuple
    location: str | None = None  # a path pattern; {placeholders} from the world
    refused: bool = False


def goes(path, refused=False):
    return Outcome(f"redirect to {path}", (301, 302, 303), path, refused)


OK = Outcome("allowed", tuple(range(200, 300)))
LOGIN = Outcome("redirect to sign in", (302,), "/auth/login", refused=True)
E403 = Outcome("403 forbidden", (403,), refused=True)
E404 = Outcome("404 not found", (404,), refused=True)
E400 = Outcome("400 bad request", (400,), refused=True)
SHUT = goes("/auth/login", refused=True)  # setup, once the install has users
HOME = goes("/workshops/")
NEW = goes("/workshops/*/")
RUN = goes("/workshops/{workshop}/")  # the workshop console
PLAN = goes("/workshops/{workshop}/agenda")
TEAM = goes("/team/")
ROOT = goes("/")
SIGN = goes("/auth/login")  # a reset: sign in with the new password
JOIN = goes("/join/{code}")
MINE = goes("/w/{workshop}")
COPY = goes("/library/*/edit")  # a new copy, in the actor's own team
SAVED = goes("/library/{method}")
LIB = goes("/library/")
REPORT = goes("/workshops/{workshop}/report")
JOB = goes("/workshops/{workshop}/exports/*")
PUBLISH = goes("/workshops/{workshop}/report/publish")
COMMENTED = goes("/shared/{open_share}")
SERIES = goes("/series/*")  # a new series' page
SHOWN = goes("/series/{series}")  # the series' own page
NEXT = goes("/workshops/*/agenda")  # the next workshop's agenda
ACTS = goes("/series/{series}/actions")  # the series' actions page
MAKE = goes("/workshops/{workshop}/actions/new")

# Columns are the ACTORS, in order. A cell is OK (2xx), LOGIN (redirect to sign
# in, with `next`), E403, E404, or a redirect to the success page named above.
# LOGIN, E403, E404 and SHUT are refusals: the database must not change.
# fmt: off
EXPECTED = {
    #                               anon   partic other  oadmin review facil  admin
    "main.index GET":              (OK,    OK,    HOME,  HOME,  HOME,  HOME,  HOME),
    "main.set_language POST":      (ROOT,  ROOT,  ROOT,  ROOT,  ROOT,  ROOT,  ROOT),
    "main.health GET":             (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "auth.login GET":              (OK,    OK,    HOME,  HOME,  HOME,  HOME,  HOME),
    "auth.login POST":             (HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME),
    "auth.logout POST":            (LOGIN, LOGIN, ROOT,  ROOT,  ROOT,  ROOT,  ROOT),
    "auth.setup GET":              (SHUT,  SHUT,  SHUT,  SHUT,  SHUT,  SHUT,  SHUT),
    "auth.setup POST":             (SHUT,  SHUT,  SHUT,  SHUT,  SHUT,  SHUT,  SHUT),
    "auth.accept_invite GET":      (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "auth.accept_invite POST":     (HOME,  HOME,  HOME,  HOME,  HOME,  HOME,  HOME),
    "auth.reset_password GET":     (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "auth.reset_password POST":    (SIGN,  SIGN,  SIGN,  SIGN,  SIGN,  SIGN,  SIGN),
    "auth.change_password GET":    (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "auth.change_password POST":   (LOGIN, LOGIN, HOME,  HOME,  HOME,  HOME,  HOME),
    "team.index GET":              (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "team.invite POST":            (LOGIN, LOGIN, E403,  OK,    E403,  E403,  OK),
    "team.reset_link POST":        (LOGIN, LOGIN, E403,  E404,  E403,  E403,  OK),
    "team.change_role POST":       (LOGIN, LOGIN, E403,  E404,  E403,  E403,  TEAM),
    "team.remove_member POST":     (LOGIN, LOGIN, E403,  E404,  E403,  E403,  TEAM),
    "team.settings POST":          (LOGIN, LOGIN, E403,  TEAM,  E403,  E403,  TEAM),
    # The safeguarding log: admins, and the lead (nobody here); each their own team's.
    "team.safeguarding_log GET":   (LOGIN, LOGIN, E403,  OK,    E403,  E403,  OK),
    "plan.index GET":              (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "plan.new GET":                (LOGIN, LOGIN, OK,    OK,    E403,  OK,    OK),
    "plan.new POST":               (LOGIN, LOGIN, NEW,   NEW,   E403,  NEW,   NEW),
    "plan.edit GET":               (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "plan.edit POST":              (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "plan.delete GET":             (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "plan.delete POST":            (LOGIN, LOGIN, E404,  E404,  E403,  HOME,  HOME),
    "run.console GET":             (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "run.projector GET":           (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "run.qr GET":                  (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    # The projector link is the key: whoever holds it sees the room's view.
    "screen.show GET":             (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "screen.qr GET":               (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # Revealed results' charts: the team and the workshop's participants.
    "results.charts GET":          (E404,  OK,    E404,  E404,  OK,    OK,    OK),
    "run.remove_participant POST": (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.agenda GET":              (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "run.add_activity POST":       (LOGIN, LOGIN, E404,  E404,  E403,  PLAN,  PLAN),
    "run.edit_activity POST":      (LOGIN, LOGIN, E404,  E404,  E403,  PLAN,  PLAN),
    "run.move_activity POST":      (LOGIN, LOGIN, E404,  E404,  E403,  PLAN,  PLAN),
    "run.remove_activity POST":    (LOGIN, LOGIN, E404,  E404,  E403,  PLAN,  PLAN),
    "run.start_activity POST":     (LOGIN, LOGIN, E404,  E404,  E403,  PLAN,  PLAN),
    "run.set_phase POST":          (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.create_group POST":       (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.assign_group POST":       (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.balance_groups POST":     (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.add_without_device POST": (LOGIN, LOGIN, E404,  E404,  E403,  RUN,   RUN),
    "run.scribe GET":              (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "run.rehearse POST":           (LOGIN, LOGIN, E404,  E404,  E403,  NEW,   NEW),
    # The world's workshop is no rehearsal (tests/run/test_rehearsal.py).
    "run.reset_rehearsal POST":    (LOGIN, LOGIN, E404,  E404,  E403,  E400,  E400),
    "run.preview GET":             (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    # Only the team's safeguarding lead (tests/run/test_safeguarding.py).
    "run.reveal_author GET":       (LOGIN, LOGIN, E404,  E404,  E403,  E403,  E403),
    "run.reveal_author POST":      (LOGIN, LOGIN, E404,  E404,  E403,  E403,  E403),
    "join.enter_code GET":         (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "join.enter_code POST":        (JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    "join.join GET":               (OK,    MINE,  OK,    OK,    OK,    OK,    OK),
    "join.join POST":              (MINE,  MINE,  MINE,  MINE,  MINE,  MINE,  MINE),
    "join.rejoin GET":             (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "join.rejoin POST":            (MINE,  MINE,  MINE,  MINE,  MINE,  MINE,  MINE),
    "join.workshop GET":           (JOIN,  OK,    JOIN,  JOIN,  JOIN,  JOIN,  JOIN),
    "join.leave POST":             (ROOT,  ROOT,  ROOT,  ROOT,  ROOT,  ROOT,  ROOT),
    # The team's method library: team pages, not workshop changes.
    "library.index GET":           (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "library.builtin GET":         (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "library.copy POST":           (LOGIN, LOGIN, COPY,  COPY,  E403,  COPY,  COPY),
    "library.show GET":            (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "library.edit GET":            (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "library.edit POST":           (LOGIN, LOGIN, E404,  E404,  E403,  SAVED, SAVED),
    "library.delete POST":         (LOGIN, LOGIN, E404,  E404,  E403,  LIB,   LIB),
    # The report: the team reads it; its facilitators write and share it.
    "report.page GET":             (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "report.edit_text POST":       (LOGIN, LOGIN, E404,  E404,  E403,  REPORT, REPORT),
    "report.share POST":           (LOGIN, LOGIN, E404,  E404,  E403,  REPORT, REPORT),
    "report.withdraw_share POST":  (LOGIN, LOGIN, E404,  E404,  E403,  REPORT, REPORT),
    "report.chart GET":            (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    # A live share link is the key: whoever holds it reads the report.
    "report.shared GET":           (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    "report.shared_chart GET":     (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # A link open for comments: whoever holds it comments, with no account.
    "report.comment POST":         (COMMENTED, COMMENTED, COMMENTED, COMMENTED,
                                    COMMENTED, COMMENTED, COMMENTED),
    # Before publishing: the team's facilitators review and redact.
    "report.publish GET":          (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "report.redact POST":          (LOGIN, LOGIN, E404,  E404,  E403, PUBLISH, PUBLISH),
    "report.unredact POST":        (LOGIN, LOGIN, E404,  E404,  E403, PUBLISH, PUBLISH),
    # Team review: any member of the team comments (through the write path)
    # and searches the team's own workshops; another team's search finds
    # only its own.
    "review.comment POST":         (LOGIN, LOGIN, E404,  E404,  REPORT, REPORT, REPORT),
    "search.index GET":            (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    # Exports: the whole team asks for them and downloads them.
    "exports.request POST":        (LOGIN, LOGIN, E404,  E404,  JOB,   JOB,   JOB),
    "exports.job GET":             (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "exports.status GET":          (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "exports.download GET":        (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    # A series' actions: the team reads them; its facilitators change them
    # (through the series' workshop) and publish the summary.
    "follow_ups.index GET":        (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "follow_ups.show GET":         (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "follow_ups.create POST":      (LOGIN, LOGIN, E404,  E404,  E403,  ACTS,  ACTS),
    "follow_ups.edit POST":        (LOGIN, LOGIN, E404,  E404,  E403,  ACTS,  ACTS),
    "follow_ups.update POST":      (LOGIN, LOGIN, E404,  E404,  E403,  ACTS,  ACTS),
    "follow_ups.publish_summary POST": (LOGIN, LOGIN, E404, E404, E403, ACTS, ACTS),
    "follow_ups.withdraw_summary POST": (LOGIN, LOGIN, E404, E404, E403, ACTS, ACTS),
    "follow_ups.new GET":          (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "follow_ups.create_from_workshop POST":
                                   (LOGIN, LOGIN, E404,  E404,  E403,  MAKE,  MAKE),
    # The published summary's address is the key: no account needed.
    "follow_ups.summary GET":      (OK,    OK,    OK,    OK,    OK,    OK,    OK),
    # The involvement record names everyone: the team's facilitators only.
    "involvement.page GET":        (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "involvement.download GET":    (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    # Series: the team reads them; its facilitators make them, and the next
    # workshop from one of theirs (another team's series is not found).
    "series.index GET":            (LOGIN, LOGIN, OK,    OK,    OK,    OK,    OK),
    "series.new GET":              (LOGIN, LOGIN, OK,    OK,    E403,  OK,    OK),
    "series.new POST":             (LOGIN, LOGIN, SERIES, SERIES, E403, SERIES, SERIES),
    "series.show GET":             (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "series.edit GET":             (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "series.edit POST":            (LOGIN, LOGIN, E404,  E404,  E403,  SHOWN, SHOWN),
    "series.chart GET":            (LOGIN, LOGIN, E404,  E404,  OK,    OK,    OK),
    "series.next_workshop GET":    (LOGIN, LOGIN, E404,  E404,  E403,  OK,    OK),
    "series.next_workshop POST":   (LOGIN, LOGIN, E404,  E404,  E403,  NEXT,  NEXT),
    # Importing an archive makes a workshop in the facilitator's own team; a
    # form with no file is refused.
    "imports.upload GET":          (LOGIN, LOGIN, OK,    OK,    E403,  OK,    OK),
    "imports.upload POST":         (LOGIN, LOGIN, E400,  E400,  E403,  E400,  E400),
}
# fmt: on

NEW_PASSWORD = "another long passphrase"
NEW_PASSWORDS = {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
ACCOUNT = {"name": "New Colleague", "email": "new@example.org", **NEW_PASSWORDS}
WORKSHOP = {"title": "Planned", "engagement_level": "consultation"}
# Forms that change a workshop carry a fresh op_id (filled in per request).
CHANGE = {"op_id": "{op_id}"}
JOIN_FORM = {
    "display_name": "Alex",
    "role": "provider",
    "organisation_type": "private_provider",
}

# A valid edit of the world's copy of the open board (version 1).
METHOD_EDIT = {
    "version": "1",
    "title": "Our board",
    "summary": "Notes in one column.",
    "instructions": "Write one idea a note.",
    "engagement": "consultation",
    "minutes": "30",
    "columns-0-key": "ideas",
    "columns-0-label": "Ideas",
}

# The request each row makes: URL and form (None: a GET). {placeholders} are
# filled with the world's real ids.
REQUESTS = {
    "main.index GET": ("/", None),
    "main.set_language POST": ("/language", {"language": "cy", "next": "/"}),
    "main.health GET": ("/healthz", None),
    "auth.login GET": ("/auth/login", None),
    "auth.login POST": (
        "/auth/login",
        {"email": "admin@example.org", "password": builders.PASSWORD},
    ),
    "auth.logout POST": ("/auth/logout", {}),
    "auth.setup GET": ("/auth/setup", None),
    "auth.setup POST": ("/auth/setup", {**ACCOUNT, "team_name": "Second team"}),
    "auth.accept_invite GET": ("/auth/invite/{invite}", None),
    "auth.accept_invite POST": ("/auth/invite/{invite}", ACCOUNT),
    "auth.reset_password GET": ("/auth/reset/{reset}", None),
    "auth.reset_password POST": ("/auth/reset/{reset}", NEW_PASSWORDS),
    "auth.change_password GET": ("/auth/password", None),
    "auth.change_password POST": (
        "/auth/password",
        {"current": builders.PASSWORD, **NEW_PASSWORDS},
    ),
    "team.index GET": ("/team/", None),
    "team.invite POST": ("/team/invite", {"role": "reviewer"}),
    "team.reset_link POST": ("/team/members/{member}/reset", {}),
    "team.change_role POST": ("/team/members/{member}/role", {"role": "facilitator"}),
    "team.remove_member POST": ("/team/members/{member}/remove", {}),
    "team.safeguarding_log GET": ("/team/safeguarding", None),
    "run.add_without_device POST": (
        "/workshops/{workshop}/participants/without-device",
        {**CHANGE, **JOIN_FORM},
    ),
    "run.scribe GET": ("/workshops/{workshop}/scribe/{no_device}", None),
    "run.rehearse POST": ("/workshops/{workshop}/rehearsal", {}),
    "run.reset_rehearsal POST": ("/workshops/{workshop}/rehearsal/reset", {}),
    "run.preview GET": ("/workshops/{workshop}/preview/{checklist}", None),
    "run.reveal_author GET": ("/workshops/{workshop}/notes/{note}/reveal", None),
    "run.reveal_author POST": (
        "/workshops/{workshop}/notes/{note}/reveal",
        {**CHANGE, "reason": "A safeguarding concern"},
    ),
    "team.settings POST": (
        "/team/settings",
        {"name": "Renamed", "retention_days": "30"},
    ),
    "plan.index GET": ("/workshops/", None),
    "plan.new GET": ("/workshops/new", None),
    "plan.new POST": ("/workshops/new", WORKSHOP),
    "plan.edit GET": ("/workshops/{workshop}/edit", None),
    "plan.edit POST": ("/workshops/{workshop}/edit", {**WORKSHOP, **CHANGE}),
    "plan.delete GET": ("/workshops/{workshop}/delete", None),
    "plan.delete POST": ("/workshops/{workshop}/delete", {}),
    "run.console GET": ("/workshops/{workshop}/", None),
    "run.projector GET": ("/workshops/{workshop}/show", None),
    "run.qr GET": ("/workshops/{workshop}/qr.svg", None),
    "screen.show GET": ("/screen/{screen}", None),
    "screen.qr GET": ("/screen/{screen}/qr.svg", None),
    "results.charts GET": ("/results/{workshop}/{checklist}/charts.json", None),
    "run.remove_participant POST": (
        "/workshops/{workshop}/participants/{participant}/remove",
        CHANGE,
    ),
    "run.agenda GET": ("/workshops/{workshop}/agenda", None),
    "run.add_activity POST": (
        "/workshops/{workshop}/activities",
        {"method": "open-board", "title": "Ideas", **CHANGE},
    ),
    # No activity by these ids: the write path refuses, flashed on the agenda.
    "run.edit_activity POST": (
        "/workshops/{workshop}/activities/nosuchactivity/edit",
        {"title": "Renamed", **CHANGE},
    ),
    "run.move_activity POST": (
        "/workshops/{workshop}/activities/nosuchactivity/move",
        {"direction": "up", **CHANGE},
    ),
    "run.remove_activity POST": (
        "/workshops/{workshop}/activities/nosuchactivity/remove",
        CHANGE,
    ),
    "run.start_activity POST": (
        "/workshops/{workshop}/current",
        {"current": "", **CHANGE},
    ),
    # No activity by that id: the write path refuses it, flashed on the console.
    "run.set_phase POST": (
        "/workshops/{workshop}/activities/nosuchactivity/phase",
        {"phase": "writing", **CHANGE},
    ),
    "run.create_group POST": (
        "/workshops/{workshop}/groups",
        {"name": "Table A", **CHANGE},
    ),
    # Two groups of whoever has joined, mixed by role.
    "run.balance_groups POST": (
        "/workshops/{workshop}/groups/balance",
        {"count": "2", **CHANGE},
    ),
    # An empty group: out of every group (the write path takes it).
    "run.assign_group POST": (
        "/workshops/{workshop}/participants/{participant}/group",
        {"group": "", **CHANGE},
    ),
    "join.enter_code GET": ("/join", None),
    "join.enter_code POST": ("/join", {"code": "{code}"}),
    "join.join GET": ("/join/{code}", None),
    "join.join POST": ("/join/{code}", JOIN_FORM),
    "join.rejoin GET": ("/rejoin", None),
    "join.rejoin POST": ("/rejoin", {"code": "{code}", "rejoin_code": "{rejoin}"}),
    "join.workshop GET": ("/w/{workshop}", None),
    "join.leave POST": ("/w/{workshop}/leave", {}),
    "library.index GET": ("/library/", None),
    "library.builtin GET": ("/library/builtin/ccps-checklist", None),
    "library.copy POST": ("/library/builtin/ccps-checklist/copy", {}),
    "library.show GET": ("/library/{method}", None),
    "library.edit GET": ("/library/{method}/edit", None),
    "library.edit POST": ("/library/{method}/edit", METHOD_EDIT),
    "library.delete POST": ("/library/{method}/delete", {}),
    "report.page GET": ("/workshops/{workshop}/report", None),
    "report.edit_text POST": (
        "/workshops/{workshop}/report/text",
        {"summary": "A good day.", "save": "y", **CHANGE},
    ),
    "report.share POST": ("/workshops/{workshop}/report/share", CHANGE),
    "report.withdraw_share POST": (
        "/workshops/{workshop}/report/share/{share_link}/withdraw",
        CHANGE,
    ),
    "report.chart GET": (
        "/workshops/{workshop}/report/charts/{checklist}/overall.svg",
        None,
    ),
    "report.shared GET": ("/shared/{share}", None),
    "report.shared_chart GET": ("/shared/{share}/charts/{checklist}/overall.svg", None),
    "report.comment POST": (
        "/shared/{open_share}/comments",
        {**CHANGE, "name": "", "about": "", "body": "Prices still unclear"},
    ),
    "report.publish GET": ("/workshops/{workshop}/report/publish", None),
    "report.redact POST": (
        "/workshops/{workshop}/report/redact",
        {**CHANGE, "target": "{comment}", "reason": "Names someone"},
    ),
    "report.unredact POST": (
        "/workshops/{workshop}/report/unredact",
        {**CHANGE, "target": "{redacted}"},
    ),
    "review.comment POST": (
        "/workshops/{workshop}/report/review-comments",
        {"body": "Worth reading before the tender", **CHANGE},
    ),
    "search.index GET": ("/search?q=price+transparency&role=provider", None),
    "exports.request POST": ("/workshops/{workshop}/exports", {"format": "md"}),
    "exports.job GET": ("/workshops/{workshop}/exports/{job}", None),
    "exports.status GET": ("/workshops/{workshop}/exports/{job}.json", None),
    "exports.download GET": ("/workshops/{workshop}/exports/{job}/download", None),
    "involvement.page GET": ("/workshops/{workshop}/involvement", None),
    "involvement.download GET": ("/workshops/{workshop}/involvement.csv", None),
    "series.index GET": ("/series/", None),
    "series.new GET": ("/series/new", None),
    "series.new POST": ("/series/new", {"title": "Care home forum"}),
    "series.show GET": ("/series/{series}", None),
    "series.edit GET": ("/series/{series}/edit", None),
    "series.edit POST": ("/series/{series}/edit", {"title": "Renamed forum"}),
    # The world's revealed checklist is in its series: its trend's chart.
    "series.chart GET": (
        "/series/{series}/charts/checklist-ccps-checklist-means.svg",
        None,
    ),
    "series.next_workshop GET": ("/series/{series}/workshops/{workshop}/next", None),
    "series.next_workshop POST": (
        "/series/{series}/workshops/{workshop}/next",
        {"title": "Next quarter"},
    ),
    "imports.upload GET": ("/workshops/import", None),
    "imports.upload POST": ("/workshops/import", {}),
    "follow_ups.index GET": ("/series/{series}/actions", None),
    "follow_ups.show GET": ("/series/{series}/actions/{follow_up}", None),
    "follow_ups.create POST": (
        "/series/{series}/actions",
        {"title": "Pay travel time", "due_date": "2030-06-30", **CHANGE},
    ),
    "follow_ups.edit POST": (
        "/series/{series}/actions/{follow_up}/edit",
        {"follow_up": "{follow_up}", "title": "Renamed", "version": "1", **CHANGE},
    ),
    "follow_ups.update POST": (
        "/series/{series}/actions/{follow_up}/update",
        {"follow_up": "{follow_up}", "body": "Done it", "status": "done", **CHANGE},
    ),
    # The world's summary is published: publishing again is refused (flashed).
    "follow_ups.publish_summary POST": ("/series/{series}/summary", CHANGE),
    "follow_ups.withdraw_summary POST": ("/series/{series}/summary/withdraw", CHANGE),
    "follow_ups.new GET": ("/workshops/{workshop}/actions/new", None),
    "follow_ups.create_from_workshop POST": (
        "/workshops/{workshop}/actions/new",
        {"title": "Pay travel time", **CHANGE},
    ),
    "follow_ups.summary GET": ("/you-said-we-did/{summary}", None),
}

CHEAP_HASH = builders.CHEAP_PASSWORD_HASH


def _account(team, actor, role, is_admin=False):
    user = User(
        team=team,
        email=f"{actor}@example.org",
        name=actor.replace("_", " ").title(),
        role=role,
        is_admin=is_admin,
        password_hash=CHEAP_HASH,
    )
    db.session.add(user)
    return user


def _made_export(workshop):
    """A finished Markdown export of `workshop`, its file in place."""
    job = ExportJob(workshop_id=workshop.id, format="md", status="done", progress=100)
    db.session.add(job)
    db.session.flush()
    job.filename = f"{job.public_id}.md"
    folder = Path(current_app.config["EXPORTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / job.filename).write_text("# A report\n", encoding="utf-8")
    db.session.commit()
    return job


def _series_with_an_action(team, workshop):
    """A series holding `workshop`, with an action and a published summary."""
    series = Series(team_id=team.id, title="Forum", summary_token="a-summary-token")
    db.session.add(series)
    db.session.flush()
    workshop.series_id = series.id
    follow_up = FollowUp(
        series_id=series.id, raised_in_id=workshop.id, title="Publish the fees"
    )
    db.session.add(follow_up)
    db.session.commit()
    return series, follow_up


def build_world():
    """Two teams, their members, a workshop with a participant, two links."""
    home = builders.make_team(name="Home team")
    other = builders.make_team(name="Other team")
    accounts = {
        "reviewer": _account(home, "reviewer", "reviewer"),
        "facilitator": _account(home, "facilitator", "facilitator"),
        "admin": _account(home, "admin", "facilitator", is_admin=True),
        "other_facilitator": _account(other, "other_facilitator", "facilitator"),
        "other_admin": _account(other, "other_admin", "facilitator", is_admin=True),
    }
    member = _account(home, "member", "reviewer")  # the one team routes act on
    workshop = builders.make_workshop(home)
    target = builders.make_participant(workshop, display_name="Sam")
    no_device = builders.make_participant(
        workshop, display_name="Noa", has_device=False
    )
    invite, invite_token = Invite.issue(72, purpose="invite", team=home)
    reset, reset_token = Invite.issue(72, purpose="reset", team=home, user=member)
    method = TeamMethod(
        team_id=home.id,
        kind="board",
        title="Open board",
        content={**get_builtin("open-board").as_content(), "version": 1},
        copied_from="open-board",
        copied_from_version=1,
    )
    checklist = Activity(
        workshop_id=workshop.id,
        kind="checklist",
        title="Checklist",
        position="a0",
        phase="reveal",
        content={
            **new_checklist(get_builtin("ccps-checklist").as_content()),
            "revealed": True,
        },
    )
    db.session.add_all([invite, reset, method, checklist])
    db.session.commit()
    # A score, so the series' trend has a line to draw (series.chart).
    score = Score(
        activity_id=checklist.id, participant_id=target.id, item="element-1", value=2
    )
    db.session.add(score)
    db.session.commit()
    share = ShareLink(workshop_id=workshop.id)
    db.session.add(share)
    db.session.commit()
    # Before publishing: a comment on the checklist to redact, a redaction
    # to take back, and a link open for comments.
    score.comment = "Prices are never explained"
    redacted = Redaction(workshop_id=workshop.id, target="note:gone", reason="Why")
    open_share = ShareLink(
        workshop_id=workshop.id, comments_until=utcnow() + timedelta(days=7)
    )
    db.session.add_all([redacted, open_share])
    db.session.commit()
    job = _made_export(workshop)
    series, follow_up = _series_with_an_action(home, workshop)
    ids = {
        "workshop": workshop.public_id,
        "checklist": checklist.public_id,
        "code": workshop.join_code,
        "participant": target.public_id,
        "no_device": no_device.public_id,
        "note": "no-such-note",
        "rejoin": target.rejoin_code,
        "member": member.id,
        "invite": invite_token,
        "reset": reset_token,
        "screen": projector_token(workshop),
        "method": method.public_id,
        "share": share.token,
        "share_link": share.public_id,
        "open_share": open_share.token,
        "comment": comment_target(checklist.public_id, "element-1", score.comment),
        "redacted": redacted.target,
        "job": job.public_id,
        "series": series.public_id,
        "follow_up": follow_up.public_id,
        "summary": series.summary_token,
    }
    return accounts, workshop, ids


def fill(template, ids):
    return template.format(**ids) if isinstance(template, str) else template


def snapshot():
    """Everything a request could change, as plain values."""
    rows = {
        User: ("id", "role", "is_admin", "removed_at", "password_hash", "language"),
        Team: ("id", "name", "retention_days"),
        Workshop: ("id", "title", "purpose", "closed_at"),
        Participant: ("id", "removed_at", "group_id"),
        Group: ("id", "name"),
        Invite: ("id", "used_at"),
        LoginSession: ("id", "user_id"),
        TeamMethod: ("id", "title", "version"),
        ReportText: ("workshop_id", "summary"),
        ShareLink: ("id", "withdrawn_at"),
        ExportJob: ("id", "status"),
        Redaction: ("id", "target"),
        LinkComment: ("id",),
        Series: ("id", "summary_token"),
        FollowUp: ("id", "title", "status", "version"),
        FollowUpUpdate: ("id",),
    }
    return {
        model.__name__: sorted(
            tuple(getattr(row, column) for column in columns)
            for row in db.session.scalars(sa.select(model))
        )
        for model, columns in rows.items()
    }


def check(outcome, response, ids):
    """Assert `response` is `outcome`; a message says what came instead."""
    got = f"{response.status_code} {response.headers.get('Location', '')}"
    assert response.status_code in outcome.status, f"expected {outcome.name}, got {got}"
    if outcome.location is not None:
        location = urlsplit(response.headers["Location"])
        assert not location.netloc, f"redirect off the site: {got}"
        assert fnmatchcase(location.path, fill(outcome.location, ids)), got
    if outcome is LOGIN:
        assert "next" in parse_qs(location.query), got
    if outcome is E403:
        assert b"You do not have permission to do that." in response.data
    if outcome is E404:
        assert b"This page does not exist, or you cannot see it." in response.data


def sign_in_as(actor, client, accounts, workshop):
    if actor == "participant":
        assert join_as(client, workshop).status_code == 302
    elif actor != "anonymous":
        data = {"email": accounts[actor].email, "password": builders.PASSWORD}
        response = client.post("/auth/login", data=data)
        assert response.headers["Location"] == "/workshops/"


CELLS = [
    pytest.param(row, actor, outcome, id=f"{row} as {actor}")
    for row, outcomes in EXPECTED.items()
    for actor, outcome in zip(ACTORS, outcomes, strict=True)
]


@pytest.mark.parametrize(("row", "actor", "expected"), CELLS)
def test_access(app, row, actor, expected):
    """Each actor gets the outcome EXPECTED gives them; a refusal changes nothing."""
    accounts, workshop, ids = build_world()
    client = isolated_client(app)
    sign_in_as(actor, client, accounts, workshop)
    url, form = REQUESTS[row]
    method = row.split()[1]
    ids = {**ids, "op_id": str(uuid.uuid4())}
    data = None if form is None else {k: fill(v, ids) for k, v in form.items()}
    before = snapshot()

    response = client.open(fill(url, ids), method=method, data=data)
    response.close()  # a download streams its file until closed

    check(expected, response, ids)
    if expected.refused:
        assert snapshot() == before


def test_every_route_is_in_the_matrix(app):
    """Every endpoint and method the app serves has a row, and no row is stale."""
    served = {
        f"{rule.endpoint} {method}"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert sorted(served - EXPECTED.keys()) == [], "add these routes to EXPECTED"
    assert sorted(EXPECTED.keys() - served) == [], "these rows name no route"
    assert EXPECTED.keys() == REQUESTS.keys()


def test_matrix_requests_reach_the_endpoint_they_name(app):
    """Each row's URL routes to the endpoint and method the row is about."""
    names = ("workshop", "code", "participant", "rejoin", "invite", "reset")
    names += ("no_device", "note")
    names += ("share", "share_link", "job", "open_share")
    names += ("series", "follow_up", "summary")
    ids = dict.fromkeys((*names, "screen", "method", "checklist"), "x")
    adapter = app.url_map.bind("localhost")
    for row, (url, _form) in REQUESTS.items():
        endpoint, method = row.split()
        path = fill(url, {**ids, "member": 7}).split("?")[0]
        matched, _args = adapter.match(path, method=method)
        assert matched == endpoint, row
