"""Asking for an export, following its progress, and downloading it: for the
owning team's members (facilitators and reviewers); 404 for anyone else."""

from flask import (
    Blueprint,
    abort,
    jsonify,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.auth.access import team_workshop_or_404
from app.errors import render_error
from app.exports import formats, jobs
from app.forms import choices

bp = Blueprint("exports", __name__)


class ExportForm(FlaskForm):
    format = RadioField(
        _l("Format"),
        choices=choices({key: format.label for key, format in formats.FORMATS.items()}),
        validators=[InputRequired()],
    )


@bp.app_template_global()
def export_form():
    """The form asking for an export (templates/exports/_request.html)."""
    return ExportForm(format="pdf")


@bp.app_template_global()
def recent_exports(workshop):
    """The workshop's latest export jobs, newest first."""
    return jobs.recent(workshop)


@bp.app_template_global()
def export_status_text(job):
    return jobs.status_text(job)


@bp.app_template_global()
def export_format(job):
    """The job's format: its label, extension and media type."""
    return formats.FORMATS[job.format]


@bp.route("/<workshop_id>/exports", methods=["POST"], endpoint="request")
@login_required
def ask(workshop_id):
    """Ask the worker for an export of the workshop; its page follows."""
    workshop = team_workshop_or_404(workshop_id)
    form = ExportForm()
    if not form.validate_on_submit():
        labels = ", ".join(str(format.label) for format in formats.FORMATS.values())
        return render_error(
            400, _("Choose one of the formats offered: %(labels)s.", labels=labels)
        )
    job = jobs.request_export(workshop, current_user, form.format.data)
    return redirect(_job_url("exports.job", workshop, job), code=303)


@bp.route("/<workshop_id>/exports/<job_id>")
@login_required
def job(workshop_id, job_id):
    """An export's page: its progress, then its download or what went wrong."""
    workshop, job = _workshop_job(workshop_id, job_id)
    return render_template(
        "exports/job.html",
        workshop=workshop,
        job=job,
        format=formats.FORMATS[job.format],
        status=_status(workshop, job),
    )


@bp.route("/<workshop_id>/exports/<job_id>.json")
@login_required
def status(workshop_id, job_id):
    """An export's status, for its page to follow without reloading."""
    workshop, job = _workshop_job(workshop_id, job_id)
    response = jsonify(_status(workshop, job))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<workshop_id>/exports/<job_id>/download")
@login_required
def download(workshop_id, job_id):
    """The made file, as an attachment; 404 until it is ready."""
    workshop, job = _workshop_job(workshop_id, job_id)
    path = jobs.file_path(job)
    if path is None:
        abort(404)
    return send_file(
        path,
        mimetype=formats.FORMATS[job.format].mimetype,
        as_attachment=True,
        download_name=jobs.download_name(job, workshop),
        max_age=0,
    )


def _workshop_job(workshop_id, job_id):
    workshop = team_workshop_or_404(workshop_id)
    job = jobs.find(workshop, job_id)
    if job is None:
        abort(404)
    return workshop, job


def _status(workshop, job):
    """What the job's page shows, as data."""
    done = job.status == "done"
    return {
        "id": job.public_id,
        "format": job.format,
        "status": job.status,
        "status_text": jobs.status_text(job),
        "progress": job.progress or 0,
        "message": job.message if job.status == "failed" else None,
        "download_url": _job_url("exports.download", workshop, job) if done else None,
        "worker_pid": jobs.worker_pid(job),
    }


def _job_url(endpoint, workshop, job):
    return url_for(endpoint, workshop_id=workshop.public_id, job_id=job.public_id)
