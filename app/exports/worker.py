"""The export worker: a child process of the live server that makes exports
and chart images, which run for seconds without yielding (DESIGN.md,
"Storage and scale").

Run as `python -m app.exports.worker FD ROLE` (ROLE: charts or exports), by
app/exports/runner.py only. FD is one end of a socket pair: the server
sends one JSON request a line and reads JSON replies a line (the protocol
is described in runner.py). The worker never writes the database: its
connections are read-only, and the server writes the job rows from the
replies. It writes files only under instance/: an export to EXPORTS_DIR,
through a temporary file renamed when complete, and each chart image to
the charts folder beside it.

Nothing here is monkey patched: this process serves no sockets but its one
pipe, and handles one request at a time; it exits when the server does.
"""

import hashlib
import json
import logging
import os
import socket
import sys
import threading
import time
from importlib import import_module
from pathlib import Path

import sqlalchemy as sa

log = logging.getLogger("app.exports.worker")

# Progress is a database write on the server: at most this often.
PROGRESS_INTERVAL = 0.25  # seconds
BIG_STEP = 10  # percent: sent at once
WARM_SPEC = {"data": {"values": [{"x": 1}]}, "mark": "point"}


def main(fd, role=""):
    """Serve requests on socket `fd` until the server closes it."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING,
        format=f"export worker {os.getpid()}: %(levelname)s %(message)s",
    )
    from app import create_app

    app = create_app()
    read_only(app)
    _end_with_the_server()
    warm(role)
    channel = socket.socket(fileno=fd)
    channel.setblocking(True)  # the server's end was green; this one is not
    send = _sender(channel)
    with channel.makefile("rb") as lines:
        for line in lines:
            message = json.loads(line)
            send({"id": message.get("id"), **handle(app, message, send)})


def warm(role):
    """Load now what a first request would wait for: the chart renderer,
    and for exports every format's writer (WeasyPrint, python-docx...)."""
    from app.exports import chart_images, formats

    try:
        chart_images.svg(WARM_SPEC)
        if role == "exports":
            for format in formats.FORMATS.values():
                import_module(format.module)
    except Exception:
        log.exception("warming up failed; the first request will say why")


def handle(app, message, send):
    """The final reply to one request (without its id); progress on the way."""
    if message.get("op") == "export":
        progress = Progress(lambda percent: send({"id": message["id"], **percent}))
        return export(app, message["job"], Path(message["folder"]), progress)
    if message.get("op") == "chart":
        return chart(message["spec"], Path(message["path"]))
    if message.get("op") == "report":
        return report(app, message)
    return {"error": f"unknown request {message.get('op')!r}"}


def export(app, job_id, folder, progress):
    """Make export job `job_id`'s file in `folder`: `{"done": {...}}` or
    `{"error": text}`, the text in the job's language, safe to show to the
    person who asked."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from app.extensions import db
    from app.models import ExportJob, Workshop
    from app.transactions import reading

    try:
        with app.test_request_context(base_url=app.config["BASE_URL"]), reading():
            job = db.session.get(ExportJob, job_id)
            workshop = job and db.session.get(Workshop, job.workshop_id)
            language = job.language if job else app.config["BABEL_DEFAULT_LOCALE"]
            with force_locale(language):
                if workshop is None:
                    return {"error": _("This workshop no longer exists.")}
                try:
                    filename = write_file(job, workshop, folder, progress)
                except Exception:
                    log.exception("export %s (%s) failed", job.public_id, job.format)
                    return {"error": failure_message()}
        return {"done": {"filename": filename, "pid": os.getpid()}}
    except Exception:
        log.exception("export job %s failed", job_id)
        return {"error": failure_message()}


def failure_message():
    from flask_babel import gettext as _

    return _(
        "The export could not be made. Please ask again; if it fails again, tell us."
    )


def write_file(job, workshop, folder, progress):
    """Write the job's format of `workshop` in `folder`; the file's name.

    Written to a temporary name and renamed when complete: a file under its
    real name is always a whole export.
    """
    from app.exports import formats

    folder.mkdir(parents=True, exist_ok=True)
    filename = f"{job.public_id}.{formats.FORMATS[job.format].extension}"
    partial = folder / f"{filename}.part"
    progress(0)
    try:
        formats.write(job.format, workshop, partial, progress)
        os.replace(partial, folder / filename)
    finally:
        partial.unlink(missing_ok=True)
    progress(100)
    return filename


def report(app, message):
    """A workshop's report as HTML for a page: `{"done": {"html": text}}` or
    `{"error": text}`."""
    from flask_babel import force_locale

    from app.extensions import db
    from app.models import Workshop
    from app.report.pages import report_body_html
    from app.transactions import reading

    try:
        with app.test_request_context(base_url=app.config["BASE_URL"]), reading():
            workshop = db.session.get(Workshop, message["workshop"])
            if workshop is None:
                return {"error": "This workshop no longer exists."}
            with force_locale(message["language"]):
                html = report_body_html(
                    workshop,
                    message["chart_endpoint"],
                    message["chart_values"],
                    message.get("words"),
                )
        return {"done": {"html": html}}
    except Exception:
        log.exception("report of workshop %s failed", message.get("workshop"))
        return {"error": "The report could not be made."}


def chart(spec, path):
    """Draw one chart, kept at `path`: `{"done": {"svg": text}}` or
    `{"error": text}`."""
    try:
        return {"done": {"svg": make_chart(spec, path)}}
    except Exception:
        log.exception("chart failed")
        return {"error": "The chart could not be drawn."}


def make_chart(spec, path):
    """Draw `spec` as SVG, keep it at `path` (the cache), and return it."""
    from app.exports import chart_images

    svg = chart_images.svg(spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_text(svg, encoding="utf-8")
    os.replace(partial, path)
    return svg


def chart_path(config, spec, owner=None):
    """Where the SVG of `spec` is kept: named by the hash of the spec, in
    the folder of the workshop it belongs to (`owner`, a public id) if
    given, so deleting the workshop deletes its charts."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    folder = charts_dir(config)
    if owner:
        folder = folder / owner
    return folder / f"{digest}.svg"


def charts_dir(config):
    """Chart images live beside the exports, under instance/."""
    return Path(config["EXPORTS_DIR"]).parent / "charts"


class Progress:
    """`progress(percent)` for a format's writer: sends whole percents that
    went up, no more often than PROGRESS_INTERVAL unless by a big step (a
    writer may report rarely: a step it skipped could stand for minutes)."""

    def __init__(self, send):
        self.send, self.sent, self.at = send, -1, float("-inf")

    def __call__(self, percent):
        percent = max(0, min(100, int(percent)))
        now = time.monotonic()
        big_step = percent - self.sent >= BIG_STEP or percent == 100
        if percent > self.sent and (big_step or now - self.at >= PROGRESS_INTERVAL):
            self.send({"progress": percent})
            self.sent, self.at = percent, now


def read_only(app):
    """Make every database connection of this process refuse writes, so a
    bug here can never write the database the live server owns."""
    from app.extensions import db

    with app.app_context():
        engine = db.engine
        sa.event.listen(engine, "connect", _refuse_writes(engine.dialect.name))
        engine.dispose()  # connections made before the listener are dropped


def _refuse_writes(dialect):
    statement = {
        "sqlite": "PRAGMA query_only = ON",
        "postgresql": "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
    }.get(dialect)

    def on_connect(dbapi_connection, _record):
        if statement:
            cursor = dbapi_connection.cursor()
            cursor.execute(statement)
            cursor.close()
            # PostgreSQL: a SET in a transaction rolled back is undone.
            dbapi_connection.commit()

    return on_connect


def _end_with_the_server():
    """Exit when the server does, even in the middle of an export (a
    server killed outright never closes the pipe's other end in time to
    stop a long render): a child whose parent is gone is adopted."""
    server = os.getppid()

    def watch():
        while os.getppid() == server:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="server watch").start()


def _sender(channel):
    def send(message):
        channel.sendall(json.dumps(message).encode() + b"\n")

    return send


if __name__ == "__main__":
    main(int(sys.argv[1]), *sys.argv[2:3])
