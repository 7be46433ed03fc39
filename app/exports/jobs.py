"""Export job rows, kept by the live server: asked for, then moved along by
the worker's replies (queued -> running -> done | failed).

Only the live server writes these rows (on SQLite it is the one process that
writes the database). Each write is one short transaction among the write
path's writers (`app.transactions.writing`); a job row is not workshop
state, so it is not an action of `apply()`.
"""

import re
import shutil
import unicodedata
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.exports import formats, worker
from app.extensions import db
from app.models import ExportJob
from app.models.types import utcnow
from app.transactions import writing

ACTIVE = ("queued", "running")
RECENT = 10  # jobs listed on the report page
RESTARTED = _l("The server restarted before this export was ready; please ask again.")

# Which process made each file, while this server runs: the proof that an
# export ran outside the live server (shown in the job's status).
_made_by = {}


def request_export(workshop, user, format_key):
    """A new job for `format_key` of `workshop`, committed, then handed to
    the worker; the job."""
    from app.exports import runner

    language = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    workshop_id, user_id = workshop.id, user.id  # read before writing() expires them
    with writing(workshop_id):
        job = ExportJob(
            workshop_id=workshop_id,
            requested_by_id=user_id,
            format=format_key,
            language=language,
        )
        db.session.add(job)
        db.session.commit()
    runner.submit_export(job)
    return job


def recent(workshop, limit=RECENT):
    """The workshop's latest jobs, newest first."""
    return db.session.scalars(
        sa.select(ExportJob)
        .filter_by(workshop_id=workshop.id)
        .order_by(ExportJob.created_at.desc(), ExportJob.id.desc())
        .limit(limit)
    ).all()


def find(workshop, public_id):
    """The workshop's job with this public id, or None."""
    return db.session.scalar(
        sa.select(ExportJob).filter_by(workshop_id=workshop.id, public_id=public_id)
    )


def mark_progress(job_id, percent):
    """The worker is at `percent`: the job is running."""
    with _job(job_id) as job:
        if job is not None and job.status in ACTIVE:
            job.status = "running"
            job.progress = max(job.progress or 0, min(100, int(percent)))


def mark_done(job_id, filename, worker_pid=None):
    """The worker has written `filename`: the job is done. A late answer
    wins over a failure recorded meanwhile: the file is whole."""
    with _job(job_id) as job:
        if job is not None:
            job.status, job.progress, job.filename = "done", 100, filename
            job.message, job.finished_at = None, utcnow()
    if job is None:  # deleted with its workshop while it was made
        _remove([_exports_dir() / filename])
    elif worker_pid is not None:
        _made_by[job_id] = worker_pid


def mark_failed(job_id, message):
    """The job failed, for the reason `message` (words for the person who
    asked, in the job's language when lazy)."""
    with _job(job_id) as job:
        if job is not None and job.status in ACTIVE:
            with force_locale(job.language):
                job.message = str(message)
            job.status, job.finished_at = "failed", utcnow()


def fail_abandoned():
    """At start-up: jobs a previous server left queued or running will never
    finish; say so. (SQLite has one server process; with several processes
    on PostgreSQL, one restarting also fails the others' jobs in progress,
    and their late answers still mark them done.)"""
    abandoned = db.session.scalars(
        sa.select(ExportJob.id).where(ExportJob.status.in_(ACTIVE))
    ).all()
    for job_id in abandoned:
        mark_failed(job_id, RESTARTED)
    for partial in _exports_dir().glob("*.part"):
        partial.unlink(missing_ok=True)
    return len(abandoned)


def worker_pid(job):
    """The process that made `job`'s file, if this server saw it made."""
    return _made_by.get(job.id)


def file_path(job):
    """The made file of a done job, if it is still there."""
    if job.status != "done" or not job.filename:
        return None
    path = _exports_dir() / job.filename
    return path if path.is_file() else None


def download_name(job, workshop):
    """A file name people recognise: "<workshop title>-report.pdf"."""
    what = {"csv": "data", "xlsx": "data", "json": "archive"}.get(job.format, "report")
    extension = formats.FORMATS[job.format].extension
    return f"{slug(workshop.title) or 'workshop'}-{what}.{extension}"


def slug(text):
    """Lower-case ASCII words joined by hyphens, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def status_text(job):
    """What the job is doing, in words."""
    if job.status == "queued":
        return _("Waiting for its turn.")
    if job.status == "running":
        return _("Being made.")
    if job.status == "done":
        return _("Ready to download.")
    return _("Failed.")


def files_of(workshops):
    """Every file kept for `workshops`: their exports and chart images (read
    before the workshops are deleted, removed with `remove_files` after)."""
    ids = [workshop.id for workshop in workshops]
    names = db.session.scalars(
        sa.select(ExportJob.filename).where(
            ExportJob.workshop_id.in_(ids), ExportJob.filename.is_not(None)
        )
    ).all()
    charts = worker.charts_dir(current_app.config)
    return [_exports_dir() / name for name in names] + [
        charts / workshop.public_id for workshop in workshops
    ]


def remove_files(paths):
    """Remove files and folders that `files_of` named."""
    _remove(paths)


def _remove(paths):
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _exports_dir():
    return Path(current_app.config["EXPORTS_DIR"])


@contextmanager
def _job(job_id):
    """The job row, in a short write transaction committed on leaving; None
    if it is gone (its workshop deleted)."""
    workshop_id = db.session.scalar(
        sa.select(ExportJob.workshop_id).where(ExportJob.id == job_id)
    )
    if workshop_id is None:
        yield None
        return
    with writing(workshop_id):
        yield db.session.get(ExportJob, job_id)
        db.session.commit()
