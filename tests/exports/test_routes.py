"""Asking for an export, its page and status, and its download: for the
owning team's members only. The worker runs inline (TestingConfig), with a
stand-in writer: the formats have their own tests."""

import re

import pytest
import sqlalchemy as sa
from flask import render_template_string
from flask_login import login_user

from app.exports import formats
from app.extensions import db
from app.models import ExportJob
from tests import builders

SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)


@pytest.fixture(autouse=True)
def exports_dir(app, tmp_path):
    app.config["EXPORTS_DIR"] = tmp_path / "exports"
    return tmp_path / "exports"


@pytest.fixture(autouse=True)
def writer(monkeypatch):
    def write(key, workshop, path, progress):
        progress(60)
        path.write_bytes(f"{key}: {workshop.title}".encode())

    monkeypatch.setattr(formats, "write", write)


def _exports(workshop):
    return f"/workshops/{workshop.public_id}/exports"


def _job_url(job, suffix=""):
    workshop = job.workshop_public_id
    return f"/workshops/{workshop}/exports/{job.public_id}{suffix}"


def _jobs():
    return db.session.scalars(sa.select(ExportJob).order_by(ExportJob.id)).all()


def _ask(client, workshop, format_key="pdf"):
    return client.post(_exports(workshop), data={"format": format_key})


def _made(workshop, status="done", format_key="pdf", **fields):
    job = ExportJob(workshop_id=workshop.id, format=format_key, status=status, **fields)
    db.session.add(job)
    db.session.commit()
    job.workshop_public_id = workshop.public_id
    return job


def test_a_facilitator_asks_for_an_export_and_downloads_it(
    client, facilitator, workshop
):
    """Asking leads to the job's page; when made, the status says so and the
    download is the file, as an attachment named after the workshop."""
    response = _ask(client, workshop, "docx")
    (job,) = _jobs()
    job.workshop_public_id = workshop.public_id
    assert response.status_code == 303
    assert response.location == _job_url(job)

    status = client.get(_job_url(job, ".json")).get_json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["download_url"] == _job_url(job, "/download")
    assert status["message"] is None and status["format"] == "docx"

    with client.get(status["download_url"]) as download:
        assert download.status_code == 200
        assert download.data == b"docx: Test workshop"
        assert download.headers["Content-Disposition"] == (
            "attachment; filename=test-workshop-report.docx"
        )
        assert download.mimetype == formats.FORMATS["docx"].mimetype


def test_a_reviewer_of_the_team_may_export_too(client, auth, workshop):
    """Reviewers read outputs: they may ask for a file and download it."""
    auth.login(builders.make_user(workshop.team, role="reviewer"))
    assert _ask(client, workshop, "csv").status_code == 303
    (job,) = _jobs()
    job.workshop_public_id = workshop.public_id
    with client.get(_job_url(job, "/download")) as download:
        assert download.data == b"csv: Test workshop"


@pytest.mark.parametrize("data", [{"format": "exe"}, {"format": ""}, {}])
def test_a_format_not_offered_is_refused_and_nothing_is_made(
    client, facilitator, workshop, data
):
    """A bad format gets a 400 naming the formats offered; no job row."""
    response = client.post(_exports(workshop), data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Choose one of the formats offered" in page and "Word (.docx)" in page
    assert _jobs() == []


def test_another_team_gets_not_found_everywhere(client, auth, workshop):
    """Members of another team get 404 from every export route, and their
    request makes nothing."""
    job = _made(workshop, filename="made.pdf")
    auth.login(builders.make_user(builders.make_team(name="Elsewhere")))

    assert _ask(client, workshop).status_code == 404
    for suffix in ("", ".json", "/download"):
        assert client.get(_job_url(job, suffix)).status_code == 404
    assert len(_jobs()) == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, workshop):
    job = _made(workshop)
    for response in (
        _ask(client, workshop),
        client.get(_job_url(job)),
        client.get(_job_url(job, ".json")),
        client.get(_job_url(job, "/download")),
    ):
        assert response.status_code == 302
        assert response.location.startswith("/auth/login")
    assert len(_jobs()) == 1


def test_a_job_is_found_only_under_its_own_workshop(client, facilitator, workshop):
    """Another workshop of the same team does not lead to this job."""
    other = builders.make_workshop(workshop.team, title="Other")
    job = _made(workshop)
    job.workshop_public_id = other.public_id
    for suffix in ("", ".json", "/download"):
        assert client.get(_job_url(job, suffix)).status_code == 404


@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_nothing_to_download_until_the_file_is_made(
    client, facilitator, workshop, status
):
    assert client.get(_job_url(_made(workshop, status), "/download")).status_code == 404


def test_a_made_file_that_is_gone_is_not_found(client, facilitator, workshop):
    job = _made(workshop, filename="removed.pdf")
    assert client.get(_job_url(job, "/download")).status_code == 404


def test_a_running_jobs_page_shows_its_progress_and_follows_it(
    client, facilitator, workshop
):
    """While running: a labelled progress bar, the status in a live region,
    a "Refresh" link for browsers without script, and the polling module
    loaded from a file (no inline script, under the CSP)."""
    job = _made(workshop, "running", progress=35)
    page = client.get(_job_url(job)).get_data(as_text=True)

    assert re.search(r'role="status"[^>]*>\s*Being made.', page)
    progress = re.search(r"<progress[^>]*>", page)[0]
    assert 'value="35"' in progress and 'max="100"' in progress
    assert '<label for="export-progress">' in page
    assert f'href="{_job_url(job)}">Refresh</a>' in page
    assert f'data-status-url="{_job_url(job, ".json")}"' in page
    assert 'src="/static/js/export_job.js"' in page
    assert not [tag for tag in SCRIPT.findall(page) if "application/json" not in tag]
    assert re.search(r"<p data-export-download hidden>", page)


def test_a_failed_jobs_page_and_status_say_why(client, facilitator, workshop):
    job = _made(workshop, "failed", message="The export stopped unexpectedly.")
    page = client.get(_job_url(job)).get_data(as_text=True)
    status = client.get(_job_url(job, ".json")).get_json()

    assert "The export stopped unexpectedly." in page
    assert (status["status"], status["status_text"]) == ("failed", "Failed.")
    assert status["message"] == "The export stopped unexpectedly."
    assert status["download_url"] is None


def test_the_status_is_never_cached(client, facilitator, workshop):
    response = client.get(_job_url(_made(workshop, "running"), ".json"))
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/json"


def test_the_report_pages_part_offers_every_format_and_lists_the_jobs(
    app, facilitator, workshop
):
    """The partial the report page includes: one choice per format, and the
    workshop's jobs, newest first, each with its page, and a download only
    once made."""
    done = _made(workshop, "done", "md", filename="x.md")
    running = _made(workshop, "running", "pdf", progress=10)
    with app.test_request_context():
        login_user(facilitator)
        html = render_template_string(
            '{% include "exports/_request.html" %}', workshop=workshop
        )

    assert re.findall(r'name="format"[^>]*value="(\w+)"', html) == list(formats.FORMATS)
    assert f'action="{_exports(workshop)}"' in html
    newest, oldest = html.split("<li ")[1:]
    assert _job_url(running) in newest and _job_url(done) in oldest
    assert "data-export-download hidden" in newest
    assert "data-export-download hidden" not in oldest
    assert _job_url(done, "/download") in oldest
