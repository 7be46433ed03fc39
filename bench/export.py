"""The `export` run: the live server's event-loop lag while its worker makes
the PDF of a 2,000-note workshop, against the same server idle, measured in
the same run (DESIGN.md: an export runs in a separate OS process, never in
a green thread of the live server).

1. Seed: a workshop with a closed board of 2,000 notes (four columns, 40
   participants, half of them named), and a facilitator who signs in.
2. Serve it as `python wsgi.py` does (bench.serve_app: production config,
   eventlet, the in-process lag probe), and sign in.
3. Idle: after SETTLE_SECONDS, probe the server for BASELINE_SECONDS.
4. Ask for the PDF through the report page's form, open the job's page and
   follow its status once a second as the page does, probing all along,
   until it is ready; download it.
5. Report the probe's response times in both windows (p50, p99, max), the
   in-process probe's worst lag, the server's CPU, and the PDF: its pages,
   its size, how long it took and which process made it.

The probe is a thread of this process sending GET /healthz every 10 ms, one
request at a time on a kept-alive connection: its response time is how
long the server took to get to it, plus the request's own cost (the idle
window measures that cost).
"""

import io
import re
import threading
import time
import uuid
from dataclasses import dataclass

import requests

NOTES, QUICK_NOTES = 2000, 500
PEOPLE = 40
COLUMNS = ("issues", "ways-forward", "enablers", "barriers")
BASELINE_SECONDS, QUICK_BASELINE_SECONDS = 10, 5
PROBE_PERIOD = 0.01
SETTLE_SECONDS = 2
AIM_MS = 50
EXPORT_TIMEOUT = 900  # seconds
PASSWORD = "benchmark export password"
WORDS = (
    "travel time between visits is not paid and carers leave for retail "
    "the same carer each week matters more than the length of the visit "
    "commissioners and providers should agree outcomes before the tender "
    "people with lived experience want a say in how hours are used"
).split()


@dataclass
class Seeded:
    email: str
    workshop: str  # public id
    title: str
    sample_note: str


def note_text(i):
    """A note of 8 to 20 words, different for each i."""
    count = 8 + i % 13
    return f"Note {i + 1}: " + " ".join(
        WORDS[(i * 7 + k) % len(WORDS)] for k in range(count)
    )


def seed(notes=NOTES, people=PEOPLE):
    """In the current app context: a workshop whose board holds `notes`
    notes, closed (everything shown), and a facilitator who can sign in
    with PASSWORD. The same workshop serves tests/exports/test_worker_process.py."""
    from fractional_indexing import generate_n_keys_between
    from werkzeug.security import generate_password_hash

    from app import actors, changes
    from app.extensions import db
    from app.models import (
        Activity,
        LoginSession,
        Note,
        Participant,
        Team,
        User,
        Workshop,
    )

    team = Team(name="Export benchmark", retention_days=365)
    user = User(
        team=team, email="export-bench@example.org", name="Fay", role="facilitator"
    )
    user.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    title = f"Home care provider forum ({notes} notes)"
    workshop = Workshop(
        team=team, title=title, engagement_level="consultation", purpose=""
    )
    login = LoginSession(user=user)
    db.session.add_all([team, user, workshop, login])
    db.session.commit()
    facilitator = actors.Actor(
        "facilitator", workshop.id, user_id=user.id, login_session_id=login.id
    )

    def apply(action, payload):
        return changes.apply(facilitator, action, payload, str(uuid.uuid4()))["result"]

    board = apply(
        "workshop.add_activity", {"method": "open-board", "title": "What we heard"}
    )["activity"]
    activity = db.session.scalar(db.select(Activity).filter_by(public_id=board))
    activity.content = {
        **activity.content,
        "columns": [
            {"key": key, "title": key.replace("-", " ").capitalize()} for key in COLUMNS
        ],
    }
    db.session.commit()  # apply() starts from a clean session
    apply("activity.set_phase", {"activity": board, "phase": "writing"})
    authors = [
        Participant(
            workshop=workshop,
            display_name=f"Delegate {i + 1}",
            role=("provider", "commissioner", "lived_experience", "carer")[i % 4],
            organisation_type="private_provider",
            consent_named=i % 2 == 0,
            # Everyone's words are exported: the export is what is timed.
            consent_quoted=True,
        )
        for i in range(people)
    ]
    db.session.add_all(authors)
    db.session.flush()
    per_column = -(-notes // len(COLUMNS))
    keys = generate_n_keys_between(None, None, per_column)
    db.session.add_all(
        Note(
            activity_id=activity.id,
            column=COLUMNS[i % len(COLUMNS)],
            order_key=keys[i // len(COLUMNS)],
            text=note_text(i),
            author_participant_id=authors[i % people].id,
        )
        for i in range(notes)
    )
    db.session.commit()
    apply("activity.set_phase", {"activity": board, "phase": "closed"})
    return Seeded(user.email, workshop.public_id, title, note_text(0))


def build(database_url, notes):
    """Migrate and seed a new database, before the server starts."""
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from bench.seed import ROOT, SECRET
    from config import TestingConfig

    class SeedConfig(TestingConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SECRET_KEY = SECRET

    app = create_app(SeedConfig)
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        try:
            return seed(notes)
        finally:
            db.session.remove()
            db.engine.dispose()


class Browser:
    """A signed-in person, as requests: the app's cookies are Secure under
    the production config, and the benchmark talks plain http on loopback,
    so they are sent back by hand."""

    def __init__(self, url):
        self.url, self.http = url, requests.Session()

    def get(self, path, **kwargs):
        return self._kept(self.http.get(self.url + path, timeout=30, **kwargs))

    def post(self, path, data, **kwargs):
        return self._kept(
            self.http.post(self.url + path, data=data, timeout=30, **kwargs)
        )

    def csrf(self, path="/auth/login"):
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', self.get(path).text)[
            1
        ]

    def sign_in(self, email, password=PASSWORD):
        data = {"email": email, "password": password, "csrf_token": self.csrf()}
        response = self.post("/auth/login", data, allow_redirects=False)
        if response.status_code != 302:
            raise RuntimeError(f"could not sign in: {response.status_code}")
        return self

    def ask_for_export(self, workshop, format_key="pdf"):
        """Post the report page's form; the job's page address."""
        data = {"format": format_key, "csrf_token": self.csrf("/workshops/")}
        response = self.post(
            f"/workshops/{workshop}/exports", data, allow_redirects=False
        )
        if response.status_code != 303:
            raise RuntimeError(f"the export was refused: {response.status_code}")
        return response.headers["Location"]

    def _kept(self, response):
        for cookie in self.http.cookies:
            cookie.secure = False
        return response


class Probe(threading.Thread):
    """GET /healthz every PROBE_PERIOD, one at a time: (sent at, ms) each."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url = f"{url}/healthz"
        self.samples, self.failures = [], 0
        self.running = threading.Event()
        self.running.set()

    def run(self):
        session = requests.Session()
        due = time.monotonic()
        while self.running.is_set():
            before = time.monotonic()
            try:
                session.get(self.url, timeout=10).raise_for_status()
                self.samples.append((before, (time.monotonic() - before) * 1000))
            except requests.RequestException:
                self.failures += 1
            due = max(due + PROBE_PERIOD, time.monotonic())
            time.sleep(max(0.0, due - time.monotonic()))

    def window(self, start, stop):
        """The response times sent in [start, stop), sorted; when the slowest
        was sent, in seconds from `start`."""
        inside = [(ms, at) for at, ms in self.samples if start <= at < stop]
        slowest = max(inside, default=(0, start))[1] - start
        return sorted(ms for ms, _ in inside), slowest

    def stop(self):
        self.running.clear()
        self.join()


def follow(browser, job_url, timeout=EXPORT_TIMEOUT):
    """The job's status once a second, as its page asks, until it is done or
    failed; the last status."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = browser.get(job_url + ".json").json()
        if status["status"] in ("done", "failed"):
            return status
        time.sleep(1)
    raise RuntimeError(f"the export was not ready within {timeout} s")


def measure(log, quick=False, db_dir=None):
    """Run the scenario; its section of the results, in Markdown."""
    import tempfile

    from bench import servers

    notes = QUICK_NOTES if quick else NOTES
    baseline = QUICK_BASELINE_SECONDS if quick else BASELINE_SECONDS
    with tempfile.TemporaryDirectory(prefix="cg-bench-export-", dir=db_dir) as work:
        database_url = f"sqlite:///{work}/bench.sqlite"
        log(f"export: seeding a workshop of {notes} notes")
        seeded = build(database_url, notes)
        fleet = servers.app_servers(work, database_url, "eventlet").start()
        try:
            server = fleet.servers[0]
            readings = _run(server, seeded, baseline, log)
        finally:
            fleet.stop()
    return _section(notes, readings)


def _run(server, seeded, baseline, log):
    browser = Browser(server.url).sign_in(seeded.email)
    browser.get("/workshops/")  # the first pages compile their templates
    probe = Probe(server.url)
    probe.start()
    time.sleep(SETTLE_SECONDS)
    idle_start = time.monotonic()
    cpu_start = server.cpu_seconds()
    log(f"export: the server idle, {baseline} s")
    time.sleep(baseline)
    idle_stop = time.monotonic()
    idle_cpu = server.cpu_seconds() - cpu_start
    log("export: asking for the PDF")
    job_url = browser.ask_for_export(seeded.workshop)
    browser.get(job_url)  # the job's page, as a browser follows the redirect
    status = follow(browser, job_url)
    busy_stop = time.monotonic()
    busy_cpu = server.cpu_seconds() - cpu_start - idle_cpu
    probe.stop()
    if status["status"] != "done":
        raise RuntimeError(f"the export failed: {status['message']}")
    pdf = browser.get(status["download_url"]).content
    _remove_made(status["id"])
    log(f"export: done in {busy_stop - idle_stop:.1f} s")
    return {
        "idle": _window(probe, server, idle_start, idle_stop, idle_cpu),
        "busy": _window(probe, server, idle_stop, busy_stop, busy_cpu),
        "pdf": pdf,
        "worker_pid": status["worker_pid"],
        "server_pid": server.pid,
        "probe_failures": probe.failures,
    }


def _remove_made(job_id):
    """The server keeps the PDF under the app's instance folder (EXPORTS_DIR
    is not set from the environment): removed, it is the benchmark's."""
    from config import Config

    (Config.EXPORTS_DIR / f"{job_id}.pdf").unlink(missing_ok=True)


def _window(probe, server, start, stop, cpu_seconds):
    from bench.report import percentile

    times, slowest_at = probe.window(start, stop)
    seconds = stop - start
    return {
        "seconds": seconds,
        "slowest_at": slowest_at,
        "probes": len(times),
        "p50": percentile(times, 0.50),
        "p99": percentile(times, 0.99),
        "max": times[-1] if times else float("nan"),
        # The probe writes each second's worst at its end: the seconds
        # wholly inside the window, so a neighbour's lag is not counted.
        "loop_lag_max": max(
            server.loop_lag_ms(start + 1, stop - 1), default=float("nan")
        ),
        "cpu": 100 * cpu_seconds / seconds,
    }


def _section(notes, readings):
    import pypdf

    idle, busy, pdf = readings["idle"], readings["busy"], readings["pdf"]
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    rows = [("idle", idle), (f"PDF of {notes:,} notes being made", busy)]
    lines = [
        "## export: the live server while its worker makes a PDF",
        "",
        f"A closed board of {notes:,} notes from {PEOPLE} participants; the PDF "
        f"has {pages} pages ({len(pdf) / 1024:.0f} KB) and took "
        f"{busy['seconds']:.1f} s. It was made by process "
        f"{readings['worker_pid']}; the server is process "
        f"{readings['server_pid']}.",
        "",
        "| window | seconds | probes | p50 ms | p99 ms | max ms "
        "| loop lag max ms | server CPU % |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, w in rows:
        lines.append(
            f"| {name} | {w['seconds']:.1f} | {w['probes']} | {w['p50']:.1f} "
            f"| {w['p99']:.1f} | {w['max']:.1f} | {w['loop_lag_max']:.1f} "
            f"| {w['cpu']:.0f} |"
        )
    met = "met" if busy["p99"] < AIM_MS and busy["loop_lag_max"] < AIM_MS else "not met"
    lines += [
        "",
        f"- while the PDF was made / idle: p50 {busy['p50'] / idle['p50']:.2f}, "
        f"p99 {busy['p99'] / idle['p99']:.2f}, max {busy['max'] / idle['max']:.2f}",
        f"- aim, response p99 and loop lag under {AIM_MS} ms while the PDF is "
        f"made: {met}",
        f"- the slowest answer while it was made was sent {busy['slowest_at']:.1f} s "
        "after the PDF was asked for",
    ]
    if readings["probe_failures"]:
        lines.append(f"- {readings['probe_failures']} probe requests failed")
    return "\n".join(lines) + "\n"
