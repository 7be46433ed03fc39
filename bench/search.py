"""The `search` run: how long a search for "price transparency" takes
across a seeded year of forums, against bare baselines measured in the same
run, on SQLite and (when it can be started) PostgreSQL.

1. Seed a fresh database, built by the migrations (so the full-text index
   is the migration's): one team, one series, FORUMS monthly workshops,
   each with a closed board of NOTES notes from 40 participants of four
   roles, a revealed CCPS checklist with a comment from each, and five
   actions of the series with an update each. One note in fifty, one
   comment in ten and one action in five mention price transparency.
2. The first search after seeding indexes every workshop (the entries are
   built lazily, app/search/index.py): timed once, as "first search".
3. Then SEARCHES searches through the service (`app.search.service.search`:
   the staleness check, the full-text query with its count, the page of 50
   results with their details), and as many GETs of the search page by a
   signed-in reviewer (Flask's test client, in process: routing, the form,
   the template), each timed.
   Then CHANGES searches each just after one forum changed (its `seq`
   moved), so that forum is indexed again before the search.
4. Baselines, on the same rows in the same run: a primary-key SELECT of
   one entry (the floor of any query), and a LIKE '%price transparency%'
   scan of the team's entries (what a search without a full-text index
   would do; it finds the phrase only, and is not stemmed).

Reported: median and p95 of each, and the ratios of the search's to each
baseline's.
"""

import statistics
import tempfile
import time
import uuid
from datetime import date, timedelta

FORUMS, NOTES, PEOPLE = 12, 500, 40
QUICK_FORUMS, QUICK_NOTES = 4, 200
SEARCHES = 50
CHANGES = 10  # searches timed just after a forum changed
QUERY = "price transparency"
AIM_MS = 1000
ROLES = ("provider", "commissioner", "lived_experience", "procurement")
COLUMNS = ("issues", "ways-forward", "enablers", "barriers")
WORDS = (
    "travel time between visits is not paid and carers leave for retail "
    "the same carer each week matters more than the length of the visit "
    "commissioners and providers should agree outcomes before the tender"
).split()


def note_text(i):
    if i % 50 == 7:
        return f"Note {i}: we need price transparency on the hourly rate"
    return f"Note {i}: " + " ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(12))


def measure(log, quick=False, db_dir=None):
    """Run on SQLite, then PostgreSQL if it starts; the Markdown section."""
    import local_services

    forums, notes = (QUICK_FORUMS, QUICK_NOTES) if quick else (FORUMS, NOTES)
    rows = []
    with tempfile.TemporaryDirectory(prefix="cg-bench-search-", dir=db_dir) as work:
        rows.append(
            _run(log, "SQLite", f"sqlite:///{work}/bench.sqlite", forums, notes)
        )
    try:
        postgres = local_services.Postgres(durable=True).start()
    except local_services.Unavailable as why:
        log(f"search: no PostgreSQL ({why})")
        postgres = None
    if postgres is not None:
        try:
            url = postgres.create_database()
            rows.append(_run(log, "PostgreSQL", url, forums, notes))
        finally:
            postgres.stop()
    return _section(forums, notes, rows)


def _run(log, name, database_url, forums, notes):
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from bench.seed import ROOT, SECRET
    from config import TestingConfig

    class SearchConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = SECRET

    app = create_app(SearchConfig)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        try:
            log(f"search: {name}: seeding {forums} forums of {notes} notes")
            seeded = seed(forums, notes)
            log(f"search: {name}: searching")
            return {"database": name, **_timings(app, seeded)}
        finally:
            db.session.remove()
            db.engine.dispose()


def seed(forums, notes):
    """The year of forums, rows written directly (nothing is indexed yet);
    the team's id and its reviewer's email."""
    from fractional_indexing import generate_n_keys_between

    from app import actors, changes
    from app.extensions import db
    from app.models import (
        Activity,
        FollowUp,
        FollowUpUpdate,
        LoginSession,
        Note,
        Participant,
        Score,
        Series,
        Team,
        User,
        Workshop,
    )
    from bench.export import PASSWORD

    team = Team(name="Search benchmark", retention_days=3650)
    fac = User(team=team, email="fac@example.org", name="Fay", role="facilitator")
    reviewer = User(team=team, email="rev@example.org", name="Rae", role="reviewer")
    for user in (fac, reviewer):
        user.set_password(PASSWORD)
    db.session.add_all([team, fac, reviewer])
    db.session.flush()
    series = Series(team_id=team.id, title="Domiciliary care provider forum")
    login = LoginSession(user=fac)
    db.session.add_all([series, login])
    db.session.commit()
    keys = generate_n_keys_between(None, None, -(-notes // len(COLUMNS)))
    first = date(2025, 1, 15)
    for month in range(forums):
        workshop = Workshop(
            team_id=team.id,
            title=f"Provider forum, month {month + 1}",
            date=first + timedelta(days=30 * month),
            engagement_level="consultation",
            purpose="",
            series_id=series.id,
        )
        db.session.add(workshop)
        db.session.commit()
        actor = actors.Actor(
            "facilitator", workshop.id, user_id=fac.id, login_session_id=login.id
        )

        def apply(action, payload, actor=actor):
            made = changes.apply(actor, action, payload, str(uuid.uuid4()))
            return made["result"]["activity"]

        board = apply(
            "workshop.add_activity", {"method": "open-board", "title": "Notes"}
        )
        checklist = apply(
            "workshop.add_activity", {"method": "ccps-checklist", "title": "Checklist"}
        )
        people = [
            Participant(
                workshop_id=workshop.id,
                display_name=f"Delegate {i + 1}",
                role=ROLES[i % len(ROLES)],
                organisation_type="private_provider",
                consent_named=i % 2 == 0,
            )
            for i in range(PEOPLE)
        ]
        db.session.add_all(people)
        db.session.flush()
        board_row = db.session.scalar(db.select(Activity).filter_by(public_id=board))
        board_row.content = {
            **board_row.content,
            "columns": [{"key": key, "title": key} for key in COLUMNS],
        }
        board_row.phase = "closed"
        db.session.add_all(
            Note(
                activity_id=board_row.id,
                column=COLUMNS[i % len(COLUMNS)],
                order_key=keys[i // len(COLUMNS)],
                text=note_text(month * notes + i),
                author_participant_id=people[i % PEOPLE].id,
            )
            for i in range(notes)
        )
        sheet = db.session.scalar(db.select(Activity).filter_by(public_id=checklist))
        sheet.content = {**sheet.content, "revealed": True}
        sheet.phase = "reveal"
        db.session.add_all(
            Score(
                activity_id=sheet.id,
                participant_id=person.id,
                item="element-4",
                value=i % 3,
                comment=(
                    "Open book accounting would bring price transparency"
                    if i % 10 == 3
                    else f"Comment {i}: fee rates are set without us"
                ),
            )
            for i, person in enumerate(people)
        )
        for n in range(5):
            action = FollowUp(
                series_id=series.id,
                raised_in_id=workshop.id,
                title=(
                    "Publish the price transparency framework"
                    if n == 0
                    else f"Action {n} of month {month + 1}: meet the providers"
                ),
                raised_text="Providers asked for it",
            )
            action.updates.append(FollowUpUpdate(body=f"Update on action {n}"))
            db.session.add(action)
        db.session.commit()
    return {"team_id": team.id, "reviewer": reviewer.email}


def _timings(app, seeded):
    from app.extensions import db
    from app.models import SearchEntry
    from app.search import service
    from app.search.backends import backend_for
    from app.search.query import terms_of
    from bench.export import PASSWORD

    terms = terms_of(QUERY)
    team_id = seeded["team_id"]
    with app.test_request_context():
        began = time.perf_counter()
        results = service.search(team_id, terms)
        first = (time.perf_counter() - began) * 1000
        service_ms = _timed(lambda: service.search(team_id, terms))
        changed_ms = _timed(lambda: _after_a_change(team_id, terms), times=CHANGES)
    entries = db.session.scalar(db.select(db.func.count(SearchEntry.id)))
    some_id = db.session.scalar(db.select(db.func.max(SearchEntry.id)))
    pk_ms = _timed(lambda: db.session.get(SearchEntry, some_id, populate_existing=True))
    like = db.select(SearchEntry.id).filter(
        SearchEntry.team_id == team_id, SearchEntry.text.like(f"%{QUERY}%")
    )
    like_ms = _timed(lambda: db.session.execute(like).all())
    found_by_like = len(db.session.execute(like).all())
    matching = backend_for(db.engine.dialect.name).matching(terms)
    match = (
        db.select(SearchEntry.id)
        .select_from(matching.source)
        .filter(matching.condition, SearchEntry.team_id == team_id)
    )
    match_ms = _timed(lambda: db.session.execute(match).all())
    client = app.test_client()
    client.post("/auth/login", data={"email": seeded["reviewer"], "password": PASSWORD})
    page_ms = _timed(lambda: _page(client))
    db.session.rollback()
    return {
        "entries": entries,
        "found": results.total,
        "found_by_like": found_by_like,
        "first": first,
        "service": service_ms,
        "changed": changed_ms,
        "page": page_ms,
        "pk": pk_ms,
        "like": like_ms,
        "match": match_ms,
    }


def _after_a_change(team_id, terms):
    """A search just after one forum changed (its `seq` moved, as any
    change through apply() moves it): that forum is indexed again first."""
    from app.extensions import db
    from app.models import Workshop
    from app.search import service

    db.session.execute(
        db.update(Workshop)
        .where(Workshop.id == db.select(db.func.min(Workshop.id)).scalar_subquery())
        .values(seq=Workshop.seq + 1)
    )
    db.session.commit()
    return service.search(team_id, terms)


def _page(client):
    response = client.get("/search", query_string={"q": QUERY})
    if response.status_code != 200:
        raise RuntimeError(f"the search page answered {response.status_code}")


def _timed(call, times=SEARCHES):
    """(median, p95) in ms of `times` calls, after one untimed warm-up."""
    from app.extensions import db
    from bench.report import percentile

    call()
    samples = []
    for _ in range(times):
        db.session.expire_all()
        began = time.perf_counter()
        call()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return statistics.median(samples), percentile(samples, 0.95)


def _section(forums, notes, rows):
    lines = [
        '## search: "price transparency" across a year of forums',
        "",
        f"{forums} monthly forums of {notes:,} notes, a revealed checklist with "
        f"{PEOPLE} comments and 5 actions each; {SEARCHES} timed runs of each "
        "(after one warm-up), in process.",
        "",
        "| database | entries | found (LIKE finds) | first search ms "
        "| search median / p95 ms | after a change median / p95 ms "
        "| page median / p95 ms "
        "| PK SELECT median / p95 ms | LIKE scan median / p95 ms "
        "| full-text ids median / p95 ms | search ÷ PK (median) "
        "| search ÷ LIKE (median) | full-text ids ÷ LIKE (median) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['database']} | {row['entries']:,} "
            f"| {row['found']} ({row['found_by_like']}) | {row['first']:.0f} "
            f"| {_pair(row['service'])} | {_pair(row['changed'])} "
            f"| {_pair(row['page'])} "
            f"| {_pair(row['pk'], 3)} | {_pair(row['like'])} "
            f"| {_pair(row['match'])} "
            f"| {row['service'][0] / row['pk'][0]:.0f} "
            f"| {row['service'][0] / row['like'][0]:.2f} "
            f"| {row['match'][0] / row['like'][0]:.2f} |"
        )
    worst = max(max(row["page"][1], row["changed"][1]) for row in rows)
    met = "met" if worst < AIM_MS else "not met"
    lines += [
        "",
        f"- aim, a search well under a second (p95 of the page, and of a search "
        f"just after a forum of {notes:,} notes changed): {met} (worst "
        f"{worst:.0f} ms)",
        '- "first search" indexes the whole year at once: once, after the '
        "migration on an install with saved workshops, or after this seeding",
        '- "search" is the service call; "page" the whole GET /search by a '
        "signed-in reviewer (form, query, template); the PK SELECT is the floor "
        "of any query; the LIKE scan reads every entry of the team (and finds "
        'the exact phrase only); "full-text ids" is the same shape as the '
        "LIKE scan (the ids of the team's matching entries) through the index",
    ]
    return "\n".join(lines) + "\n"


def _pair(pair, digits=1):
    return f"{pair[0]:.{digits}f} / {pair[1]:.{digits}f}"
