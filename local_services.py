"""Private servers on loopback for the tests and the benchmark: a free port,
a PostgreSQL cluster and a Redis server.

Each runs on a free port on 127.0.0.1, with its files in a temporary
directory, and is torn down after. PostgreSQL refuses to run as root: as
root, the cluster is made and run as the `postgres` user (runuser).
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

# Debian's packages keep the server's programs out of PATH, one folder a version.
PG_BIN_DIRS = (
    *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True),
    "/usr/local/bin",
    "/usr/bin",
)


class Unavailable(Exception):
    """A server could not be found or started (the reason says which)."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_process(process, timeout=10):
    """Terminate a child process if it still runs; kill it if it lingers."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_until_healthy(url, process, output, timeout=20):
    """Poll `url`/healthz until it answers; RuntimeError (with the server's
    `output()`) if `process` exits first or the time runs out."""
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{output()}")
        try:
            if requests.get(f"{url}/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            time.sleep(0.1)
    raise RuntimeError(f"server did not start:\n{output()}")


def _wait(ready, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(0.1)
    raise Unavailable(f"{what} did not start within {timeout} s")


class Postgres:
    """`initdb` into a temporary directory, then `pg_ctl start` on a free port.

    `durable=False` (the tests) turns off fsync and synchronous commits for
    speed; the benchmark keeps PostgreSQL's defaults, as a production server.
    """

    def __init__(self, durable=False):
        self.durable = durable
        self.bin = self._find_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="cg-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        self.started = False

    @staticmethod
    def _find_bin():
        for folder in PG_BIN_DIRS:
            if os.access(Path(folder) / "pg_ctl", os.X_OK) and os.access(
                Path(folder) / "initdb", os.X_OK
            ):
                return Path(folder)
        raise Unavailable("PostgreSQL's initdb and pg_ctl are not installed")

    def _run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise Unavailable(f"{args[0]} failed: {result.stdout}{result.stderr}")

    def start(self):
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
        if not self.durable:
            options += "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        log = self.dir / "server.log"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(log), "-o", options, "-w", "start"
        )
        self.started = True
        return self

    def url(self, database="postgres"):
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, icu_locale=None):
        """A new, empty database (sorting text by `icu_locale`, if given, as
        a production database made in a locale would); its SQLAlchemy URL."""
        import psycopg

        name = f"cg_{uuid.uuid4().hex[:12]}"
        sql = f'CREATE DATABASE "{name}"'
        if icu_locale:
            sql += f" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu_locale}'"
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(sql)
        return self.url(name)

    def stop(self):
        if self.started:
            try:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
            except Unavailable:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    """`redis-server` on a free port, with no persistence."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise Unavailable("redis-server is not installed")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait(self._answers, "redis-server")
        return self

    def _answers(self):
        if self.process.poll() is not None:
            raise Unavailable(f"redis-server exited ({self.process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        stop_process(self.process)
