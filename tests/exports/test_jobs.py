"""Export job rows (app/exports/jobs.py): asked for, moved along by the
worker's replies, failed when a server restarts, and their files removed
with their workshop. The worker runs inline here (TestingConfig); the real
child process is tested in test_runner.py and test_worker_process.py."""

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, refresh

from app.exports import formats, jobs, runner, worker
from app.extensions import db
from app.models import ExportJob, Workshop
from app.plan import service
from tests import builders


@pytest.fixture
def exports_dir(app, tmp_path):
    """Exports (and chart images, beside them) in a folder of this test."""
    app.config["EXPORTS_DIR"] = tmp_path / "exports"
    return tmp_path / "exports"


@pytest.fixture
def writer(monkeypatch):
    """Every format written by a stand-in that reports progress halfway; its
    calls. The real writers have their own tests."""
    calls = []

    def write(key, workshop, path, progress):
        calls.append((key, workshop.title))
        progress(50)
        path.write_bytes(f"{key} of {workshop.title}".encode())

    monkeypatch.setattr(formats, "write", write)
    return calls


@pytest.fixture
def user(team):
    return builders.make_user(team)


def _ask(app, workshop, user, format_key="md", language="en"):
    with app.test_request_context(headers={"Accept-Language": language}):
        refresh()  # the test's app context outlives each request's language
        return jobs.request_export(workshop, user, format_key)


def _job(job_id):
    db.session.expire_all()
    return db.session.get(ExportJob, job_id)


def _queued(workshop, status="queued", **fields):
    job = ExportJob(workshop_id=workshop.id, format="pdf", status=status, **fields)
    db.session.add(job)
    db.session.commit()
    return job


def test_an_export_asked_for_is_made_into_a_file(
    app, workshop, user, exports_dir, writer
):
    """Asking makes a job row and hands it to the worker; when the file is
    written the job is done, at 100 %, naming its file."""
    job = _job(_ask(app, workshop, user, "md").id)

    assert writer == [("md", "Test workshop")]
    assert (job.status, job.progress, job.message) == ("done", 100, None)
    assert job.requested_by_id == user.id and job.finished_at is not None
    assert job.filename == f"{job.public_id}.md"
    assert (exports_dir / job.filename).read_text() == "md of Test workshop"
    assert jobs.file_path(job) == exports_dir / job.filename


def test_an_export_is_written_in_the_language_it_was_asked_in(
    app, workshop, user, exports_dir, writer
):
    """The job keeps the asker's interface language for the worker to use."""
    assert _ask(app, workshop, user, language="cy").language == "cy"
    assert _ask(app, workshop, user, language="en").language == "en"


def test_a_failing_writer_fails_the_job_in_words_for_people(
    app, workshop, user, exports_dir, monkeypatch
):
    """An error in a writer fails the job with a message for the person who
    asked (never the error's own text) and leaves no file, not even a part."""

    def broken(key, workshop, path, progress):
        path.write_bytes(b"half a file")
        raise ValueError("internal detail: /srv/secret")

    monkeypatch.setattr(formats, "write", broken)
    job = _job(_ask(app, workshop, user).id)

    assert job.status == "failed" and job.filename is None
    assert job.message == worker.failure_message()
    assert "secret" not in job.message
    assert list(exports_dir.iterdir()) == []
    assert jobs.file_path(job) is None


def test_progress_moves_a_job_forward_only(workshop):
    """The first progress makes a job running; progress never goes back,
    and nothing moves a finished job but a late "done"."""
    job = _queued(workshop)
    jobs.mark_progress(job.id, 40)
    jobs.mark_progress(job.id, 20)
    assert (_job(job.id).status, _job(job.id).progress) == ("running", 40)

    jobs.mark_failed(job.id, "It broke.")
    jobs.mark_progress(job.id, 90)
    jobs.mark_failed(job.id, "Again.")
    failed = _job(job.id)
    assert (failed.status, failed.progress, failed.message) == (
        "failed",
        40,
        "It broke.",
    )


def test_a_late_done_wins_over_a_failure(workshop, exports_dir):
    """A file the worker finished is whole: its "done" stands even after the
    job was failed meanwhile (e.g. by another process's restart)."""
    job = _queued(workshop, status="running")
    jobs.mark_failed(job.id, jobs.RESTARTED)
    jobs.mark_done(job.id, "late.pdf", worker_pid=4321)

    done = _job(job.id)
    assert (done.status, done.filename, done.message) == ("done", "late.pdf", None)
    assert jobs.worker_pid(done) == 4321


def test_replies_of_the_worker_are_recorded_in_the_row(workshop):
    """runner.record turns each reply of the protocol into the row's state."""
    made, broken = _queued(workshop), _queued(workshop)
    runner.record(made.id, {"id": 1, "progress": 30})
    assert (_job(made.id).status, _job(made.id).progress) == ("running", 30)
    runner.record(made.id, {"id": 1, "done": {"filename": "x.pdf", "pid": 77}})
    runner.record(broken.id, {"id": 2, "error": "Could not."})

    assert (_job(made.id).status, jobs.worker_pid(_job(made.id))) == ("done", 77)
    assert (_job(broken.id).status, _job(broken.id).message) == ("failed", "Could not.")


def test_a_restart_fails_the_jobs_left_unfinished(workshop, exports_dir):
    """At start-up, jobs a previous server left queued or running are failed
    with a message saying to ask again; finished ones are untouched, and
    half-written files are removed."""
    queued, running = _queued(workshop), _queued(workshop, status="running")
    done = _queued(workshop, status="done", filename="kept.pdf")
    exports_dir.mkdir()
    (exports_dir / "kept.pdf").write_bytes(b"%PDF")
    (exports_dir / "half.pdf.part").write_bytes(b"%PD")

    assert jobs.fail_abandoned() == 2

    for job in (queued, running):
        assert _job(job.id).status == "failed"
        assert _job(job.id).message == str(jobs.RESTARTED)
    assert _job(done.id).status == "done"
    assert sorted(path.name for path in exports_dir.iterdir()) == ["kept.pdf"]


def test_a_failure_message_is_kept_in_the_jobs_language(workshop, monkeypatch):
    """A message given lazily is stored in the language of the job, not of
    whatever context writes the row."""
    job = _queued(workshop, language="cy")
    seen = []

    class Lazy:
        def __str__(self):
            from flask_babel import get_locale

            seen.append(str(get_locale()))
            return "neges"

    with force_locale("en"):
        jobs.mark_failed(job.id, Lazy())
    assert seen == ["cy"] and _job(job.id).message == "neges"


def test_deleting_a_workshop_removes_its_files(
    app, team, workshop, user, exports_dir, writer
):
    """Deleting a workshop deletes its export files and its chart images;
    another workshop's stay."""
    other = builders.make_workshop(team, title="Other")
    gone = _job(_ask(app, workshop, user).id).filename
    kept = _job(_ask(app, other, user).id).filename
    chart = worker.chart_path(app.config, {"mark": "bar"}, workshop.public_id)
    chart.parent.mkdir(parents=True)
    chart.write_text("<svg/>")

    service.delete_workshop(workshop)

    assert not (exports_dir / gone).exists()
    assert not chart.parent.exists()
    assert (exports_dir / kept).exists()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Workshop)) == 1


def test_a_file_finished_after_its_workshop_was_deleted_is_removed(
    workshop, exports_dir
):
    """The worker may finish a file after the workshop is gone: the file is
    removed, not left behind with nobody to see it."""
    job_id = _queued(workshop, status="running").id
    service.delete_workshop(workshop)
    exports_dir.mkdir()
    (exports_dir / "orphan.pdf").write_bytes(b"%PDF")

    jobs.mark_done(job_id, "orphan.pdf")

    assert not (exports_dir / "orphan.pdf").exists()


@pytest.mark.parametrize(
    "title, key, name",
    [
        ("Provider forum: Q3 – Café", "pdf", "provider-forum-q3-cafe-report.pdf"),
        ("Provider forum", "docx", "provider-forum-report.docx"),
        ("Provider forum", "csv", "provider-forum-data.csv"),
        ("Provider forum", "xlsx", "provider-forum-data.xlsx"),
        ("Provider forum", "json", "provider-forum-archive.zip"),
        ("«»", "md", "workshop-report.md"),
    ],
)
def test_a_download_is_named_after_its_workshop(workshop, title, key, name):
    """The downloaded file's name says what it is: the title as a slug."""
    workshop.title = title
    job = ExportJob(workshop_id=workshop.id, format=key)
    assert jobs.download_name(job, workshop) == name
