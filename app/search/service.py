"""Searching a team's saved workshops: `search()` is the one interface.

It brings the team's entries up to date (app/search/index.py), asks the
database's full-text engine (app/search/backends.py) for the entries with
every term, within the filters, newest first, and reads what each result
shows: the text with its matches marked, the workshop, its day, the
writer's role, a name only for someone who agreed to be named, and the
method. A redaction is checked again as the results are read, so none
can show, whatever the entries hold.
"""

import math
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.methods.library import get_builtin
from app.methods.lookup import TEAM_PREFIX, team_method
from app.methods.texts import display
from app.models import (
    Activity,
    FollowUp,
    Participant,
    Redaction,
    SearchEntry,
    Series,
    Workshop,
)
from app.search import backends, index
from app.search.backends import CLOSE, OPEN
from app.vocabulary import role_labels

PER_PAGE = 50
EXCERPT = 400  # characters of a long text shown around its first match

KIND_LABELS = {
    "note": _l("Note"),
    "card": _l("Pathway card"),
    "topic": _l("Scenario topic"),
    "comment": _l("Checklist comment"),
    "agreed": _l("Agreed note"),
    "review_comment": _l("Reviewer's comment"),
    "link_comment": _l("Comment sent through a link"),
    "action": _l("Action"),
    "action_update": _l("Action update"),
}


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; None: no limit."""

    series_id: int | None = None
    since: object = None  # a date
    until: object = None
    role: str | None = None
    method: str | None = None


@dataclass(frozen=True)
class Hit:
    kind: str
    segments: tuple  # (text, is a match) pairs, in order
    day: object
    workshop_id: str | None  # public id: the report's address
    workshop_title: str
    activity_id: str | None
    activity_title: str
    series_id: str | None  # public id: the series' page
    series_title: str
    role: str
    name: str
    method: str


@dataclass(frozen=True)
class Results:
    hits: tuple
    total: int
    page: int
    pages: int
    # Workshops changed since they were indexed that could not be indexed
    # now (the database was busy): left out of these results.
    left_out: int


def search(team_id, terms, filters=Filters(), page=1):
    """The team's entries holding every term, within `filters`, newest
    first, `PER_PAGE` to a page."""
    skipped = index.refresh(team_id)
    matching = backends.backend_for(db.engine.dialect.name).matching(terms)
    where = _conditions(team_id, matching, filters, skipped)
    total = db.session.scalar(
        _joined(sa.select(sa.func.count()).select_from(matching.source)).where(*where)
    )
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(1, page), pages)
    rows = db.session.execute(
        _joined(_columns(matching).select_from(matching.source))
        .where(*where)
        .order_by(
            SearchEntry.occurred_on.desc().nulls_last(), matching.rank, SearchEntry.id
        )
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    labels = _Labels(team_id)
    hits = tuple(_hit(row, labels) for row in rows)
    return Results(hits, total, page, pages, len(skipped))


def _joined(query):
    """The entry's action (if any), its workshop (its own, or its action's)
    and what a result shows of them."""
    return (
        query.outerjoin(FollowUp, FollowUp.id == SearchEntry.follow_up_id)
        .outerjoin(
            Workshop,
            Workshop.id
            == sa.func.coalesce(SearchEntry.workshop_id, FollowUp.raised_in_id),
        )
        .outerjoin(Activity, Activity.id == SearchEntry.activity_id)
        .outerjoin(Participant, Participant.id == SearchEntry.participant_id)
        .outerjoin(Series, Series.id == SearchEntry.series_id)
    )


def _columns(matching):
    return sa.select(
        SearchEntry.kind,
        SearchEntry.role,
        SearchEntry.method,
        SearchEntry.occurred_on,
        matching.marked.label("marked"),
        Workshop.public_id.label("workshop_id"),
        Workshop.title.label("workshop_title"),
        Activity.public_id.label("activity_id"),
        Activity.title.label("activity_title"),
        Series.public_id.label("series_id"),
        Series.title.label("series_title"),
        # The name only of someone who agreed to be named.
        sa.case(
            (Participant.consent_named.is_(True), Participant.display_name), else_=""
        ).label("name"),
    )


def _conditions(team_id, matching, filters, skipped):
    where = [
        matching.condition,
        SearchEntry.team_id == team_id,
        ~sa.exists().where(
            Redaction.workshop_id == Workshop.id, Redaction.target == SearchEntry.ref
        ),
    ]
    if skipped:
        where.append(sa.func.coalesce(Workshop.id, 0).notin_(skipped.workshops))
        if skipped.series:
            where.append(
                sa.func.coalesce(SearchEntry.series_id, 0).notin_(skipped.series)
            )
    return where + _filtered(filters)


def _filtered(filters):
    where = []
    if filters.series_id is not None:
        where.append(SearchEntry.series_id == filters.series_id)
    if filters.since is not None:
        where.append(SearchEntry.occurred_on >= filters.since)
    if filters.until is not None:
        where.append(SearchEntry.occurred_on <= filters.until)
    if filters.role:
        where.append(SearchEntry.role == filters.role)
    if filters.method:
        where.append(SearchEntry.method == filters.method)
    return where


class _Labels:
    """Words for roles and methods, each looked up once per search."""

    def __init__(self, team_id):
        self.team_id = team_id
        self.roles = role_labels()
        self._methods = {}

    def method(self, ref):
        if not ref:
            return ""
        if ref not in self._methods:
            self._methods[ref] = method_label(self.team_id, ref)
        return self._methods[ref]


def method_label(team_id, ref):
    """A method's title: the team's own copy's, or the built-in one's."""
    if ref.startswith(TEAM_PREFIX):
        row = team_method(team_id, ref.removeprefix(TEAM_PREFIX))
        return row.title if row is not None else ""
    method = get_builtin(ref)
    return display(method.as_content()["title"]) if method is not None else ref


def _hit(row, labels):
    return Hit(
        kind=str(KIND_LABELS.get(row.kind, row.kind)),
        segments=segments(excerpt(row.marked or "")),
        day=row.occurred_on,
        workshop_id=row.workshop_id,
        workshop_title=row.workshop_title or "",
        activity_id=row.activity_id,
        activity_title=row.activity_title or "",
        series_id=row.series_id,
        series_title=row.series_title or "",
        role=labels.roles.get(row.role, "") if row.role else "",
        name=row.name or "",
        method=labels.method(row.method),
    )


def excerpt(marked):
    """A long text cut to about EXCERPT characters from a little before its
    first match (marks kept whole: a cut never falls inside one)."""
    plain_length = len(marked) - marked.count(OPEN) - marked.count(CLOSE)
    if plain_length <= EXCERPT:
        return marked
    first = max(0, marked.find(OPEN))
    start = _word_start(marked, max(0, first - EXCERPT // 4))
    end = _word_end(marked, start + EXCERPT)
    cut = marked[start:end]
    if cut.count(OPEN) > cut.count(CLOSE):
        cut += CLOSE
    return ("…" if start else "") + cut + ("…" if end < len(marked) else "")


def _word_start(text, at):
    space = text.rfind(" ", 0, at)
    return 0 if space < 0 else space + 1


def _word_end(text, at):
    if at >= len(text):
        return len(text)
    space = text.find(" ", at)
    return len(text) if space < 0 else space


def segments(marked):
    """(text, is a match) pairs of a marked text: the template escapes each,
    so no text is ever markup."""
    found, matched, current = [], False, []
    for char in marked:
        if char in (OPEN, CLOSE):
            if current:
                found.append(("".join(current), matched))
            matched, current = char == OPEN, []
        else:
            current.append(char)
    if current:
        found.append(("".join(current), matched))
    return tuple(found)
