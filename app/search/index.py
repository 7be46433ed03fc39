"""Keeping the search entries current: rebuilt before a search, only for
what changed since it was last indexed.

Every change to a workshop goes through `apply()`, which moves its `seq`
(DESIGN.md): notes, hides, reveals, redactions, comments, and the series'
actions too, since a series-level change goes through one of its
workshops. So a workshop whose `seq` has moved past its `indexed_seq` is
stale, and nothing else is (creating, joining and deleting change no entry:
a deleted workshop's entries go with it by cascade).

The unit rebuilt is a series (its stale workshops and all its actions) or
a workshop in none. It is rebuilt holding every one of its workshops'
write locks, taken as `apply()` takes them, so no change lands between
reading the state and recording the `seq` it was read at.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa

from app import transactions
from app.extensions import db
from app.follow_ups.service import raised_words
from app.models import SearchEntry, Workshop
from app.search.backends import MARKS
from app.search.collect import follow_up_entries, workshop_entries


@dataclass
class Skipped:
    """What could not be rebuilt just now (SQLite stayed busy): a search
    leaves these workshops and series out rather than show stale text."""

    workshops: set = field(default_factory=set)
    series: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.workshops)

    def __len__(self):
        return len(self.workshops)


def refresh(team_id):
    """Rebuild the team's stale entries; what could not be, Skipped."""
    skipped = Skipped()
    for unit, stale in _stale_units(team_id).items():
        members = _members(unit, stale)
        try:
            _rebuild(team_id, unit, members)
        except transactions.Busy:
            skipped.workshops.update(members)
            if unit > 0:
                skipped.series.add(unit)
    return skipped


def _stale_units(team_id):
    """{series id (or -workshop id for a workshop in none): [stale ids]}."""
    rows = db.session.execute(
        sa.select(Workshop.id, Workshop.series_id).filter(
            Workshop.team_id == team_id,
            Workshop.rehearsal_of_id.is_(None),
            sa.or_(
                Workshop.indexed_seq.is_(None), Workshop.indexed_seq != Workshop.seq
            ),
        )
    ).all()
    db.session.rollback()  # no read transaction carried into the writes
    units = {}
    for workshop_id, series_id in rows:
        key = series_id if series_id is not None else -workshop_id
        units.setdefault(key, []).append(workshop_id)
    return units


def _members(unit, stale):
    """Every workshop of the unit, in id order (the order locks are taken)."""
    if unit < 0:
        return stale
    return sorted(
        db.session.scalars(
            sa.select(Workshop.id).filter(
                Workshop.series_id == unit, Workshop.rehearsal_of_id.is_(None)
            )
        )
    )


def _rebuild(team_id, unit, members):
    """Rebuild a unit's stale workshops and, for a series, its actions."""
    with transactions.writing(members[0]):
        _lock_the_rest(members[1:])
        workshops = db.session.scalars(
            sa.select(Workshop).filter(Workshop.id.in_(members))
        ).all()
        for workshop in workshops:
            if workshop.indexed_seq != workshop.seq:
                _rebuild_workshop(team_id, workshop)
        if unit > 0:
            _rebuild_actions(team_id, unit)
        db.session.commit()


def _lock_the_rest(workshop_ids):
    """The other workshops' row locks (PostgreSQL), in id order; SQLite's
    one writer already excludes everyone."""
    if workshop_ids and db.engine.dialect.name != "sqlite":
        db.session.execute(
            sa.select(Workshop.id)
            .filter(Workshop.id.in_(workshop_ids))
            .order_by(Workshop.id)
            .with_for_update(key_share=True)
        ).all()


def _rebuild_workshop(team_id, workshop):
    db.session.execute(
        sa.delete(SearchEntry).filter(
            SearchEntry.workshop_id == workshop.id, SearchEntry.follow_up_id.is_(None)
        )
    )
    common = {
        "team_id": team_id,
        "workshop_id": workshop.id,
        "series_id": workshop.series_id,
        "follow_up_id": None,
    }
    _insert([{**entry, **common} for entry in workshop_entries(workshop)])
    # As a statement: the session's copy of `seq` may be older than the row.
    db.session.execute(
        sa.update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(indexed_seq=workshop.seq)
        .execution_options(synchronize_session=False)
    )


def _rebuild_actions(team_id, series_id):
    db.session.execute(
        sa.delete(SearchEntry).filter(
            SearchEntry.series_id == series_id, SearchEntry.follow_up_id.isnot(None)
        )
    )
    common = {"team_id": team_id, "workshop_id": None, "series_id": series_id}
    _insert(
        [{**entry, **common} for entry in follow_up_entries(series_id, raised_words)]
    )


def _insert(rows):
    if rows:
        db.session.execute(sa.insert(SearchEntry), _clean(rows))


def _clean(rows):
    """The text as stored: without the two characters search results mark
    matches with (app/search/backends.py), so no text can fake a mark."""
    table = {ord(mark): " " for mark in MARKS}
    return [{**row, "text": row["text"].translate(table)} for row in rows]
