"""The worker and its runner (app/exports/worker.py, runner.py): progress,
chart images kept by their spec's hash, a worker that cannot write the
database, and the two child processes: work done there and not here, a
child that dies failing its jobs and started again on next use.

The child-process tests run the real `python -m app.exports.worker` on a
SQLite file (an in-memory database cannot be shared with a child); the
server around them is this test's app. The whole mechanism under a real
server is tested in test_worker_process.py.
"""

import os
import signal
import time
import uuid

import pytest
import sqlalchemy as sa

from app import create_app
from app.exports import chart_images, formats, jobs, runner, worker
from app.extensions import db
from app.models import ExportJob, Team
from app.report import pages as report_pages
from config import TestingConfig
from tests import builders
from tests.apps import app_with

SPEC = {
    "data": {"values": [{"score": "2", "people": 3}, {"score": "1", "people": 5}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "score", "type": "nominal"},
        "y": {"field": "people", "type": "quantitative"},
    },
}
WAIT = 60  # seconds: a child's start (the app, then vl-convert) on a busy machine


@pytest.fixture
def drawn(monkeypatch):
    """Charts drawn in this process by a stand-in; the specs it was given."""
    specs = []

    def svg(spec):
        specs.append(spec)
        return f"<svg>{len(specs)}</svg>"

    monkeypatch.setattr(chart_images, "svg", svg)
    return specs


@pytest.fixture
def process_app(tmp_path, monkeypatch):
    """An app whose exports and charts are made by real child processes, on
    a SQLite file the children open from the environment they inherit."""
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("APP_CONFIG", "development")
    monkeypatch.setenv("DATABASE_URL", url)

    class ProcessConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = url
        EXPORT_WORKER = "process"
        EXPORTS_DIR = tmp_path / "exports"

    with app_with(ProcessConfig) as app:
        try:
            yield app
        finally:
            runner.stop(app)


def _until(condition, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while not (value := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


def _finished(job_id):
    db.session.expire_all()
    job = db.session.get(ExportJob, job_id)
    return job if job.status in ("done", "failed") else None


def _ask(app, workshop, format_key="md"):
    user = builders.make_user(workshop.team, email=f"{uuid.uuid4().hex}@example.org")
    with app.test_request_context():
        return jobs.request_export(workshop, user, format_key).id


def test_progress_goes_up_in_whole_percents_not_too_often(monkeypatch):
    """A writer may report progress as often as it likes: the server hears
    whole percents that went up, a quarter of a second apart, except a step
    of 10 or more (and 100), which it hears at once."""
    sent, now = [], [0.0]
    monkeypatch.setattr(worker.time, "monotonic", lambda: now[0])
    progress = worker.Progress(sent.append)
    progress(0)
    progress(5.7)  # too soon
    now[0] = 0.3
    progress(5.7)
    progress(3)  # not up
    progress(15)  # a big step
    progress(16)  # too soon
    progress(100)
    now[0] = 1.0
    progress(100)
    assert [message["progress"] for message in sent] == [0, 5, 15, 100]


def test_a_chart_is_drawn_once_and_kept_by_its_specs_hash(app, tmp_path, drawn):
    """Asking again for the same spec (its keys in any order) reads the kept
    SVG: nothing is drawn twice."""
    app.config["EXPORTS_DIR"] = tmp_path / "exports"
    first = runner.chart_svg(SPEC)
    again = runner.chart_svg(dict(reversed(SPEC.items())))

    assert first == again == "<svg>1</svg>"
    assert drawn == [SPEC]
    path = worker.chart_path(app.config, SPEC)
    assert path.parent == tmp_path / "charts" and len(path.stem) == 64
    assert path.read_text() == first


def test_a_workshops_charts_are_kept_in_its_own_folder(app, tmp_path, workshop, drawn):
    app.config["EXPORTS_DIR"] = tmp_path / "exports"
    runner.chart_svg(SPEC, workshop=workshop)
    kept = list((tmp_path / "charts" / workshop.public_id).iterdir())
    assert [path.suffix for path in kept] == [".svg"]


def test_the_worker_cannot_write_the_database(process_app):
    """The worker's connections refuse writes: on SQLite only the live
    server writes the database (DESIGN.md, "Storage and scale")."""

    class WorkerConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = process_app.config["SQLALCHEMY_DATABASE_URI"]

    the_worker = create_app(WorkerConfig)
    worker.read_only(the_worker)
    with the_worker.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 0
        db.session.add(Team(name="Written by the worker", retention_days=30))
        with pytest.raises(sa.exc.OperationalError, match="readonly"):
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()


def test_charts_and_exports_are_made_in_child_processes(process_app, monkeypatch):
    """With the process worker, nothing is drawn or written in this process:
    both work here would fail, yet the chart comes back and the export is
    made, by another process."""

    def not_here(*args):
        raise AssertionError("made in the server process")

    monkeypatch.setattr(chart_images, "svg", not_here)
    monkeypatch.setattr(formats, "write", not_here)
    workshop = builders.make_workshop(builders.make_team(), title="Forum")

    assert runner.chart_svg(SPEC).startswith("<svg")
    job_id = _ask(process_app, workshop)
    job = _until(lambda: _finished(job_id))

    assert (job.status, job.message) == ("done", None)
    assert jobs.worker_pid(job) not in (None, os.getpid())
    made = process_app.config["EXPORTS_DIR"] / job.filename
    assert made.read_text(encoding="utf-8").startswith("# Forum")
    slots = runner._runner(process_app)
    pids = {slots.charts.child().process.pid, slots.exports.child().process.pid}
    assert len(pids) == 2 and os.getpid() not in pids
    assert jobs.worker_pid(job) == slots.exports.child().process.pid


def test_a_worker_that_dies_fails_its_jobs_and_starts_again(process_app):
    """Killed before it answers, the export worker's job is failed with a
    message saying to ask again; the next export starts a new worker."""
    workshop = builders.make_workshop(builders.make_team(), title="Forum")
    job_id = _ask(process_app, workshop)
    first = runner._runner(process_app).exports.child()
    os.kill(first.process.pid, signal.SIGKILL)

    job = _until(lambda: _finished(job_id))
    assert (job.status, job.message) == ("failed", str(runner.STOPPED))

    again_id = _ask(process_app, workshop)
    again = _until(lambda: _finished(again_id))
    assert again.status == "done"
    second = runner._runner(process_app).exports.child()
    assert second is not first and jobs.worker_pid(again) == second.process.pid


def test_a_page_waits_for_a_chart_no_longer_than_the_timeout(process_app, monkeypatch):
    """A chart not drawn in time is WorkerUnavailable (the worker is still
    starting here), not a page that hangs."""
    monkeypatch.setattr(runner, "PAGE_TIMEOUT", 0.01)
    with pytest.raises(runner.WorkerUnavailable, match="in time"):
        runner.chart_svg(SPEC)


def test_a_report_page_body_is_made_in_the_page_worker(process_app, monkeypatch):
    """The report's HTML comes from the page worker: building it here would
    fail, yet the body comes back, in the asker's language, its typed text
    escaped (a large workshop's report is too long a build for the server's
    event loop)."""

    def not_here(*args, **kwargs):
        raise AssertionError("built in the server process")

    monkeypatch.setattr(report_pages, "report_body_html", not_here)
    workshop = builders.make_workshop(builders.make_team(), title="<i>Forum</i>")
    words = {"summary": "Typed & previewed", "key_messages": "", "next_steps": ""}
    with process_app.test_request_context():
        html = runner.report_html(
            workshop, "report.chart", {"workshop_id": workshop.public_id}, words
        )
    assert "&lt;i&gt;Forum&lt;/i&gt;" in html and "<i>" not in html
    assert "Typed &amp; previewed" in html
