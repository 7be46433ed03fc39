"""The retention period enforced: closed workshops past it deleted with
everything they hold, the deletion logged without personal data, by the
server's periodic task or `flask retention purge` (app/retention.py)."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from app import rehearsal, retention
from app.exports import worker
from app.extensions import db, socketio
from app.models import (
    Attendance,
    AuthorReveal,
    ExportJob,
    FollowUp,
    LinkComment,
    Redaction,
    RetentionDeletion,
    ReviewComment,
    SearchEntry,
    Series,
    ShareLink,
    Workshop,
)
from app.models.types import utcnow
from app.search import index as search_index
from app.search.ddl import FTS_TABLE
from app.tokens import participant_token
from tests import builders
from tests.realtime.conftest import SocketClient

TITLE = "Domiciliary care forum, spring"
NOTE = "Price transparency for travel time"


@pytest.fixture
def exports_dir(app, tmp_path):
    app.config["EXPORTS_DIR"] = tmp_path / "exports"
    return tmp_path / "exports"


def _export_file(workshop):
    """A finished export of `workshop`, its file in place; the file."""
    job = ExportJob(workshop_id=workshop.id, format="md", status="done", progress=100)
    db.session.add(job)
    db.session.flush()
    job.filename = f"{job.public_id}.md"
    folder = Path(current_app.config["EXPORTS_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / job.filename).write_text("# A report\n", encoding="utf-8")
    db.session.commit()
    return folder / job.filename


def _chart_image(app, workshop):
    chart = worker.chart_path(app.config, {"mark": "bar"}, workshop.public_id)
    chart.parent.mkdir(parents=True, exist_ok=True)
    chart.write_text("<svg/>")
    return chart


def _full_workshop(app, team, title=TITLE):
    """A workshop holding one of everything a workshop can hold."""
    workshop = builders.make_workshop(team, title=title)
    cast = builders.make_cast(workshop)
    cast.ann.organisation = "Homecare Ltd"
    db.session.commit()
    board = builders.make_board(cast.fac)
    note = builders.add_note(cast.ann_actor, board, text=NOTE)
    builders.set_phase(cast.fac, board, "voting")
    builders.act(cast.bob_actor, "board.vote", {"activity": board, "note": note})
    builders.make_group(cast.fac)
    builders.act(cast.fac, "report.share", {})
    user = builders.make_user(team, email=f"{workshop.public_id}@example.org")
    share = db.session.scalars(sa.select(ShareLink).filter_by(workshop_id=workshop.id))
    note_row = builders.note_row(note)
    db.session.add_all(
        [
            Attendance(workshop_id=workshop.id, participant_id=cast.ann.id),
            ReviewComment(workshop_id=workshop.id, author_id=user.id, body="Good"),
            LinkComment(
                workshop_id=workshop.id,
                share_link_id=share.first().id,
                author_name="Provider Pam",
                body="We agree",
            ),
            Redaction(workshop_id=workshop.id, target=f"note:{note}", reason="Named"),
            AuthorReveal(
                workshop_id=workshop.id,
                note_id=note_row.id,
                revealed_by_id=user.id,
                reason="A concern",
            ),
        ]
    )
    db.session.commit()
    rehearsal.rehearse(workshop, user)
    return workshop, cast, user


def _owned(workshop_ids):
    """Every row that belongs to these workshops, by table: the rows that
    refer to them, and so on down (each table's primary keys)."""
    owned = {"workshop": {(i,) for i in workshop_ids}}
    changed = True
    while changed:
        changed = False
        for table in db.metadata.sorted_tables:
            found = owned.setdefault(table.name, set())
            for fk in table.foreign_keys:
                parent = fk.column.table.name
                ids = {key[0] for key in owned.get(parent, ())}
                if not ids or fk.parent.nullable and fk.ondelete == "SET NULL":
                    continue
                rows = db.session.execute(
                    sa.select(*table.primary_key.columns).where(fk.parent.in_(ids))
                ).all()
                new = {tuple(row) for row in rows} - found
                if new:
                    found |= new
                    changed = True
    return {name: keys for name, keys in owned.items() if keys}


def _left_behind(owned):
    """Rows of `owned` still in the database, and any column anywhere still
    pointing at one of them."""
    left = []
    for table in db.metadata.sorted_tables:
        keys = owned.get(table.name, set())
        if keys:
            rows = db.session.execute(sa.select(*table.primary_key.columns)).all()
            left += [(table.name, tuple(r)) for r in rows if tuple(r) in keys]
        for fk in table.foreign_keys:
            ids = {key[0] for key in owned.get(fk.column.table.name, ())}
            if ids:
                count = db.session.scalar(
                    sa.select(sa.func.count())
                    .select_from(table)
                    .where(fk.parent.in_(ids))
                )
                left += [(table.name, fk.parent.name)] * count
    return left


def _ago(days):
    return utcnow() - timedelta(days=days)


@pytest.fixture
def forum(app, exports_dir):
    """A team keeping workshops 365 days: one closed 400 days ago (with one
    of everything, a rehearsal, export files and a chart image), one closed
    10 days ago, and one still open, made 800 days ago."""
    team = builders.make_team(retention_days=365)
    old, cast, _user = _full_workshop(app, team)
    files = [_export_file(old), _chart_image(app, old)]
    recent, _cast, _user = _full_workshop(app, team, title="Summer forum")
    kept_files = [_export_file(recent), _chart_image(app, recent)]
    still_open = builders.make_workshop(team, title="Open", created_at=_ago(800))
    old.closed_at, recent.closed_at = _ago(400), _ago(10)
    db.session.commit()
    search_index.refresh(team.id)  # their search entries, full-text index too
    return {
        "team": team,
        "old": old,
        "cast": cast,
        "files": files,
        "recent": recent,
        "kept_files": kept_files,
        "open": still_open,
    }


def test_a_closed_workshop_past_retention_goes_with_everything(forum):
    """Every row of the workshop and its rehearsal goes, in every table that
    refers to it (and what refers to those), and its files go; the others
    stay whole."""
    old = forum["old"]
    ids = db.session.scalars(
        sa.select(Workshop.id).where(
            sa.or_(Workshop.id == old.id, Workshop.rehearsal_of_id == old.id)
        )
    ).all()
    assert len(ids) == 2  # the workshop and its rehearsal
    owned = _owned(ids)
    # One of everything, so nothing is vacuously absent afterwards.
    for table in (
        "participant", "activity", "note", "vote", "event", "stream",
        "stream_entry", "share_link", "export_job", "attendance",
        "review_comment", "link_comment", "redaction", "author_reveal",
        "breakout_group", "search_entry",
    ):  # fmt: skip
        assert owned.get(table), table
    kept = _owned([forum["recent"].id, forum["open"].id])

    deletions = retention.purge()

    assert len(deletions) == 1
    db.session.expire_all()
    assert _left_behind(owned) == []
    assert not any(path.exists() for path in forum["files"])
    assert _owned([forum["recent"].id, forum["open"].id]) == kept
    assert all(path.exists() for path in forum["kept_files"])
    assert _indexed_words("agree") == _entries_saying("agree") != set()


def _indexed_words(word):
    """Rows the SQLite full-text index finds `word` in (its own table, kept
    by triggers: a row left there would be found after its entry went)."""
    found = db.session.execute(
        sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :word"),
        {"word": word},
    )
    return {rowid for (rowid,) in found}


def _entries_saying(word):
    return set(
        db.session.scalars(
            sa.select(SearchEntry.id).where(SearchEntry.text.contains(word))
        )
    )


def test_screens_still_open_on_a_purged_workshop_are_closed(app, forum):
    """A participant's screen left open on the workshop is told and
    disconnected, as when a facilitator deletes it."""
    ann = forum["cast"].ann
    socket = SocketClient(
        app,
        socketio,
        query_string=f"w={forum['old'].public_id}",
        auth={"token": participant_token(ann)},
        flask_test_client=app.test_client(),
    )
    assert socket.is_connected(), socket.refusal
    socket.get_received()

    retention.purge()

    assert not socket.is_connected()


def test_a_recent_closed_workshop_and_an_open_one_are_kept(forum):
    retention.purge()
    remaining = db.session.scalars(
        sa.select(Workshop.title).where(Workshop.rehearsal_of_id.is_(None))
    ).all()
    assert sorted(remaining) == ["Open", "Summer forum"]


def test_the_period_is_each_teams_own(app, forum):
    """A team keeping workshops 5 days loses one closed 10 days ago; the
    period counts from the close, to the second."""
    forum["team"].retention_days = 5
    db.session.commit()
    recent_id, five_days_on = (
        forum["recent"].id,
        forum["recent"].closed_at + timedelta(days=5),
    )

    assert len(retention.purge(now=five_days_on)) == 1  # the old one only
    assert db.session.get(Workshop, recent_id) is not None
    assert len(retention.purge(now=five_days_on + timedelta(seconds=1))) == 1
    assert db.session.get(Workshop, recent_id) is None


def test_the_log_names_nobody(forum):
    """The log row says which team, when the workshop closed, the period and
    how much went: no title, no name, nothing anyone wrote."""
    old, cast = forum["old"], forum["cast"]
    closed_at, team_id = old.closed_at, old.team_id
    names = (cast.ann.display_name, cast.bob.display_name, cast.ann.organisation)
    assert names == ("Ann", "Bob", "Homecare Ltd")  # what is looked for below

    [deletion] = retention.purge()

    row = db.session.get(RetentionDeletion, deletion.id)
    assert (row.team_id, row.closed_at, row.retention_days) == (
        team_id,
        closed_at,
        365,
    )
    assert row.counts["participants"] == 2 and row.counts["rehearsals"] == 1
    assert row.counts["notes"] == 1 and row.counts["exports"] == 1
    assert row.counts["attendance"] == 1 and row.counts["share_links"] == 1
    stored = json.dumps(
        {column.name: str(getattr(row, column.key)) for column in row.__table__.columns}
    )
    for personal in (TITLE, *names, "Provider Pam", NOTE, "Price"):
        assert personal not in stored


def test_a_series_and_its_actions_stay(forum):
    """The series stays; an action raised in the deleted workshop keeps its
    words and loses only its link to the workshop."""
    old = forum["old"]
    series = Series(team_id=old.team_id, title="Provider forum")
    db.session.add(series)
    db.session.flush()
    old.series_id = series.id
    action = FollowUp(
        series_id=series.id, raised_in_id=old.id, raised_text=NOTE, title="Publish"
    )
    db.session.add(action)
    db.session.commit()

    retention.purge()

    db.session.expire_all()
    kept = db.session.get(FollowUp, action.id)
    assert (kept.raised_text, kept.raised_in_id) == (NOTE, None)
    assert db.session.get(Series, series.id) is not None


def test_a_workshop_reopened_meanwhile_is_kept(forum, monkeypatch):
    """The ids are listed first; a workshop reopened before its turn is read
    again under the write lock and kept."""
    listed = retention.expired_ids(utcnow())
    forum["old"].closed_at = None
    db.session.commit()
    monkeypatch.setattr(retention, "expired_ids", lambda now: listed)
    assert retention.purge() == []
    assert db.session.get(Workshop, forum["old"].id) is not None


def test_the_command_purges_and_says_what_went(runner, forum):
    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 closed workshop(s) past retention" in result.output
    assert "2 participant(s)" in result.output
    assert db.session.scalar(sa.select(sa.func.count(RetentionDeletion.id))) == 1

    again = runner.invoke(args=["retention", "purge"])
    assert "No workshop was past its team's retention period." in again.output


def test_the_server_task_is_off_in_tests(app, monkeypatch):
    """TestingConfig turns the periodic purge off: no task starts."""
    started = []
    monkeypatch.setattr(socketio, "start_background_task", started.append)
    assert app.config["RETENTION_PURGE_INTERVAL"] == 0
    assert retention.start(app) is None
    assert started == []


def test_the_server_task_purges_then_sleeps_the_interval(app, forum, monkeypatch):
    """Turned on, the task purges at once, then every interval."""
    app.config["RETENTION_PURGE_INTERVAL"] = 120
    old_id, recent_id = forum["old"].id, forum["recent"].id
    started, slept = [], []
    monkeypatch.setattr(socketio, "start_background_task", started.append)
    purger = retention.start(app)
    assert started == [purger.run]

    def sleep(seconds):
        slept.append(seconds)
        purger.stop()

    monkeypatch.setattr(socketio, "sleep", sleep)
    purger.run()

    assert slept == [120]
    db.session.expire_all()
    assert db.session.get(Workshop, old_id) is None
    assert db.session.get(Workshop, recent_id) is not None


def test_a_failing_purge_is_logged_and_the_task_goes_on(app, monkeypatch, caplog):
    def broken(now=None):
        raise RuntimeError("database gone")

    monkeypatch.setattr(retention, "purge", broken)
    retention.Purger(app, 60).run_once()
    assert "the purge failed" in caplog.text
