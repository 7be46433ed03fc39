"""The live server's side of the export worker (DESIGN.md, "Storage and
scale"): exports and chart images are made in child processes, never in a
green thread of the live server.

Two children run app/exports/worker.py: one serves pages (report bodies
and chart images, quick, while a page waits), one makes exports (long), so
a 2,000-note PDF never delays a page. Both start with the server
(`start`, from wsgi.py); a child that dies fails what it was doing and is
started again on next use.

The protocol is JSON, one message a line, on a socket pair:

    server -> worker  {"id": n, "op": "export", "job": <job row id>,
                       "folder": <where exports go>}
                      {"id": n, "op": "chart", "spec": {...},
                       "path": <where its SVG is kept>}
                      {"id": n, "op": "report", "workshop": <row id>,
                       "language": ..., "chart_endpoint": ...,
                       "chart_values": {...}, "words": {...} or null}
    worker -> server  {"id": n, "progress": <percent>}  (an export, on the way)
                      {"id": n, "done": {"filename": ..., "pid": <its pid>}}
                      {"id": n, "done": {"svg": ...}}  (a chart)
                      {"id": n, "done": {"html": ...}}  (a report's body)
                      {"id": n, "error": <words for the person who asked>}

A background task reads each child's replies. After monkey patching the
socket pair is green, so waiting on it never blocks the event loop. Export
replies are written into the job's row (app/exports/jobs.py); a page asking
for a chart waits for its reply, with a timeout, and the SVG is kept on
disk by the hash of its specification, so asking again draws nothing.

EXPORT_WORKER = "inline" (in-process tests, whose in-memory database no
child could open) does the same work in the calling thread.
"""

import itertools
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

from flask import Response, abort, current_app
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.exports import jobs, worker
from app.extensions import socketio

ROOT = Path(__file__).resolve().parents[2]
PAGE_TIMEOUT = 30  # seconds a page waits: the worker may be starting
STOPPED = _l("The export stopped unexpectedly; please ask again.")

log = logging.getLogger(__name__)
_runners_guard = threading.Lock()


class WorkerUnavailable(Exception):
    """The worker could not draw a chart, or not in time."""


def start(app):
    """With the server: fail the jobs a previous server left unfinished, and
    start both workers."""
    with app.app_context():
        jobs.fail_abandoned()
    if app.config["EXPORT_WORKER"] != "inline":
        runner = _runner(app)
        runner.charts.child()
        runner.exports.child()


def stop(app):
    """End both workers and wait for them (a server that exits ends them
    anyway: each reads the end of its pipe and exits)."""
    runner = app.extensions.pop("export_runner", None)
    for slot in (runner.charts, runner.exports) if runner else ():
        slot.stop()


def submit_export(job):
    """Have the worker make `job`'s file; its replies move the job along."""
    app = current_app._get_current_object()
    if app.config["EXPORT_WORKER"] == "inline":
        return _export_inline(app, job.id)
    folder = str(app.config["EXPORTS_DIR"])
    request = {"op": "export", "job": job.id, "folder": folder}
    try:
        _runner(app).exports.send(request, ExportReplies(app, job.id))
    except OSError:
        log.exception("could not reach the export worker")
        jobs.mark_failed(job.id, STOPPED)


def chart_svg(spec, workshop=None):
    """The SVG of a Vega-Lite `spec`, drawn by the worker (kept on disk by
    the spec's hash: drawn once). With `workshop`, kept in its folder and
    deleted with it. Raises WorkerUnavailable if it cannot be drawn in time."""
    app = current_app._get_current_object()
    owner = workshop.public_id if workshop is not None else None
    path = worker.chart_path(app.config, spec, owner)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        pass
    if app.config["EXPORT_WORKER"] == "inline":
        return worker.make_chart(spec, path)
    reply = Reply()
    try:
        request = {"op": "chart", "spec": spec, "path": str(path)}
        _runner(app).charts.send(request, reply)
    except OSError as error:
        raise WorkerUnavailable("the chart worker cannot be reached") from error
    return reply.result(PAGE_TIMEOUT)["svg"]


def chart_response(spec, owner):
    """A page's chart image: the SVG of `spec` kept with `owner` (a workshop
    or a series); 503 if the worker cannot draw it in time."""
    try:
        svg = chart_svg(spec, workshop=owner)
    except WorkerUnavailable:
        abort(503)
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-cache"
    return response


def keep_only_charts(owner, specs):
    """Delete the chart images in `owner`'s folder (a series', by public id)
    that none of `specs` draws: once its trends move on, yesterday's pictures
    are never asked for again."""
    config = current_app.config
    keep = {worker.chart_path(config, spec, owner).name for spec in specs}
    for path in (worker.charts_dir(config) / owner).glob("*.svg"):
        if path.name not in keep:
            path.unlink(missing_ok=True)


def report_html(workshop, chart_endpoint, chart_values, words=None):
    """The report body of `workshop` as HTML, made by the worker in this
    request's language (app/report/pages.py). Raises WorkerUnavailable if
    it is not made in time."""
    from app.report.pages import report_body_html

    app = current_app._get_current_object()
    if app.config["EXPORT_WORKER"] == "inline":
        return report_body_html(workshop, chart_endpoint, chart_values, words)
    request = {
        "op": "report",
        "workshop": workshop.id,
        "language": str(get_locale()),
        "chart_endpoint": chart_endpoint,
        "chart_values": chart_values,
        "words": words,
    }
    reply = Reply()
    try:
        _runner(app).charts.send(request, reply)
    except OSError as error:
        raise WorkerUnavailable("the page worker cannot be reached") from error
    return reply.result(PAGE_TIMEOUT)["html"]


def record(job_id, message):
    """Write one reply of the worker into the job's row."""
    if "progress" in message:
        jobs.mark_progress(job_id, message["progress"])
    elif "done" in message:
        done = message["done"]
        jobs.mark_done(job_id, done["filename"], done.get("pid"))
    else:
        jobs.mark_failed(job_id, message.get("error") or STOPPED)


def _export_inline(app, job_id):
    """The worker's work, here and now; its replies recorded after it."""
    replies = []
    folder = Path(app.config["EXPORTS_DIR"])
    final = worker.export(app, job_id, folder, worker.Progress(replies.append))
    for message in [*replies, final]:
        record(job_id, message)


def _runner(app):
    """This app's two worker slots, made once."""
    with _runners_guard:
        runner = app.extensions.get("export_runner")
        if runner is None:
            runner = app.extensions["export_runner"] = Runner(app)
        return runner


class Runner:
    def __init__(self, app):
        self.charts = Slot(app, "charts")
        self.exports = Slot(app, "exports")


class Slot:
    """One kind of work's worker: started when needed, again after it dies."""

    def __init__(self, app, name):
        self.app, self.name = app, name
        self._child = None
        self._lock = threading.Lock()

    def child(self):
        with self._lock:
            if self._child is None or not self._child.alive:
                self._child = Child(self.app, self.name)
            return self._child

    def stop(self, timeout=10):
        with self._lock:
            child, self._child = self._child, None
        if child is not None:
            child.stop(timeout)

    def send(self, request, replies):
        """Send `request`; `replies` hears back. A child that died unnoticed
        is replaced and the request sent once more."""
        try:
            return self.child().send(request, replies)
        except OSError:
            return self.child().send(request, replies)


class Child:
    """One worker process, its end of the socket pair, and its reader."""

    def __init__(self, app, name):
        self.app, self.name = app, name
        ours, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.exports.worker", str(theirs.fileno()), name],
            pass_fds=(theirs.fileno(),),
            env=_child_environment(),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.socket, self.alive = ours, True
        self.pending = {}  # request id -> what hears its replies
        self._ids = itertools.count(1)
        self._sending = threading.Lock()
        self._ended_event = threading.Event()
        log.info("%s worker started (pid %s)", name, self.process.pid)
        socketio.start_background_task(self._read)

    def send(self, request, replies):
        request_id = next(self._ids)
        self.pending[request_id] = replies
        line = json.dumps({"id": request_id, **request}).encode() + b"\n"
        try:
            with self._sending:
                self.socket.sendall(line)
        except OSError:
            self.pending.pop(request_id, None)
            self.alive = False
            raise
        return request_id

    def stop(self, timeout):
        """Close the pipe (the child exits at its end) and wait for the end."""
        try:
            self.socket.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # closed already
        self._ended_event.wait(timeout)

    def _read(self):
        try:
            for message in _lines(self.socket):
                self._deliver(message)
        except OSError:
            pass  # the pipe broke: the child is gone
        except Exception:
            log.exception("%s worker: reading its replies failed", self.name)
        finally:
            self._ended()

    def _deliver(self, message):
        request_id = message.get("id")
        replies = self.pending.get(request_id)
        if replies is None:
            return  # a chart whose page stopped waiting
        if "progress" not in message:
            del self.pending[request_id]
        try:
            replies.reply(message)
        except Exception:
            log.exception("%s worker: a reply could not be recorded", self.name)

    def _ended(self):
        """The child closed its end (it died, or was killed): end it for
        good, and fail whatever it had not answered."""
        self.alive = False
        self.socket.close()
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        log.warning("%s worker (pid %s) ended (%s)", self.name, self.process.pid, code)
        pending, self.pending = self.pending, {}
        for replies in pending.values():
            try:
                replies.stopped()
            except Exception:
                log.exception("%s worker: could not fail a request", self.name)
        self._ended_event.set()


class ExportReplies:
    """Hears an export's replies and writes them into its job's row."""

    def __init__(self, app, job_id):
        self.app, self.job_id = app, job_id

    def reply(self, message):
        with self.app.app_context():
            record(self.job_id, message)

    def stopped(self):
        with self.app.app_context():
            jobs.mark_failed(self.job_id, STOPPED)


class Reply:
    """Waits for one page request's reply (a chart, a report body)."""

    def __init__(self):
        self.ready = threading.Event()
        self.message = {}

    def reply(self, message):
        self.message = message
        self.ready.set()

    def stopped(self):
        self.ready.set()

    def result(self, timeout):
        if not self.ready.wait(timeout):
            raise WorkerUnavailable("the page worker did not answer in time")
        if "done" not in self.message:
            raise WorkerUnavailable(self.message.get("error") or "the worker stopped")
        return self.message["done"]


def _lines(sock):
    """JSON messages read from `sock`, one a line, until it closes."""
    buffer = b""
    while chunk := sock.recv(65536):
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _child_environment():
    """The server's environment (the same config and database), except what
    would make the child a server: it is never monkey patched and joins no
    message queue. The app's folder is importable wherever the server runs."""
    env = dict(os.environ, ASYNC_MODE="threading")
    env.pop("SOCKETIO_MESSAGE_QUEUE", None)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)
    return env
