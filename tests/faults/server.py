"""A live server that can be killed outright and started again on the same
database file and port, and a workshop seeded with a board to write on."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from types import SimpleNamespace

from app import actors, changes
from app.extensions import db
from app.models import LoginSession
from app.tokens import participant_token
from local_services import wait_until_healthy
from tests import builders
from tests.live_server import ROOT, SECRET, LiveServer

# Far above what these tests send: they measure ordering and durability, not
# the per-person limit (a refusal for rate would only slow them down).
FAST_CLIENTS = {"SOCKET_EVENT_RATE_LIMIT": "10000 per second"}


class RestartableServer(LiveServer):
    """`python wsgi.py` in its own process group: SIGKILL it, start it again.

    The database file and the port outlive each process, as they would after
    a crash on a real host; the log keeps every run's output, in order.
    """

    def __init__(self, env=None):
        super().__init__(env={**FAST_CLIENTS, **(env or {})})
        self.log = open(Path(self.dir.name) / "server.log", "a+")
        self.starts = 0
        self.kills = 0

    def start(self):
        assert self.process is None or self.process.poll() is not None
        env = {
            **os.environ,
            "APP_CONFIG": "development",
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": SECRET,
            "ASYNC_MODE": self.async_mode,
            "PORT": str(self.port),
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        self.log.write(f"--- start {self.starts + 1} ---\n")
        self.log.flush()
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "wsgi.py")],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed as one
        )
        self.starts += 1
        wait_until_healthy(self.url, self.process, self.output)
        return self

    def kill(self):
        """SIGKILL the server's process group: no shutdown code runs at all."""
        self._signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.kills += 1

    def halt(self):
        """End the server (politely, then not), keeping the database file."""
        if self.process is None or self.process.poll() is not None:
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)

    def read(self, query):
        """Run `query()` on the database file, once the server has halted."""
        self.halt()
        with self.app.app_context():
            try:
                return query()
            finally:
                db.session.remove()

    def stop(self):
        try:
            self.halt()
        finally:
            self.process = None  # LiveServer.stop: nothing left to end
            self.log.close()
            with self.app.app_context():
                db.engine.dispose()
            self.dir.cleanup()

    def _signal_group(self, signum):
        try:
            os.killpg(self.process.pid, signum)
        except ProcessLookupError:
            pass  # already gone


def seed_board(people=4):
    """A workshop with a board in its writing phase, `people` participants,
    and a facilitator who can sign in; ids and tokens as the clients need."""
    team = builders.make_team()
    user = builders.make_user(team)
    workshop = builders.make_workshop(team, title="Under load")
    login = LoginSession(user=user)
    db.session.add(login)
    db.session.commit()
    facilitator = actors.Actor(
        "facilitator", workshop.id, user_id=user.id, login_session_id=login.id
    )
    added = changes.apply(
        facilitator,
        "workshop.add_activity",
        {"method": "open-board", "title": "Ideas"},
        str(uuid.uuid4()),
    )
    board = added["result"]["activity"]
    changes.apply(
        facilitator,
        "activity.set_phase",
        {"activity": board, "phase": "writing"},
        str(uuid.uuid4()),
    )
    participants = [
        builders.make_participant(workshop, display_name=f"P{i}") for i in range(people)
    ]
    return SimpleNamespace(
        email=user.email,
        workshop=workshop.public_id,
        board=board,
        ids=[p.public_id for p in participants],
        tokens=[participant_token(p) for p in participants],
    )
