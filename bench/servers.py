"""The two servers of a run, as subprocesses, and what is read from outside
them: CPU time and RSS from /proc, and /healthz response times."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

from bench.seed import ROOT, SECRET
from local_services import free_port, stop_process, wait_until_healthy

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


class Server:
    """`python -m <module>` on a free port, logging into `workdir`."""

    def __init__(self, name, module, workdir, env=None):
        self.name, self.module, self.workdir = name, module, Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lag_file = self.workdir / f"{name}-lag.txt"
        self.log_path = self.workdir / f"{name}.log"
        self.env = {
            **os.environ,
            "PORT": str(self.port),
            "PYTHONUNBUFFERED": "1",
            "BENCH_LAG_FILE": str(self.lag_file),
            **(env or {}),
        }

    def start(self, timeout=60):
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", self.module],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until_healthy(self.url, self.process, self.output, timeout)
        return self

    def stop(self):
        stop_process(self.process)
        self.log.close()

    def output(self):
        return self.log_path.read_text()

    @property
    def pid(self):
        return self.process.pid

    def cpu_seconds(self):
        """User plus system CPU time the server has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text()
        fields = fields.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS

    def rss_bytes(self):
        pages = Path(f"/proc/{self.process.pid}/statm").read_text().split()[1]
        return int(pages) * PAGE

    def loop_lag_ms(self, start, stop):
        """The probe's worst lag per second, for seconds in [start, stop]."""
        if not self.lag_file.exists():
            return []
        lags = []
        for line in self.lag_file.read_text().split("\n"):
            if line:
                at, lag = map(float, line.split())
                if start <= at <= stop + 1:
                    lags.append(lag)
        return lags


class Fleet:
    """The processes of one server under test, read as one: CPU and RSS
    summed, loop lag from each; clients are spread over their ports."""

    def __init__(self, servers):
        self.servers = servers
        self.ports = [server.port for server in servers]
        self.url = servers[0].url

    def start(self):
        for server in self.servers:
            server.start()
        return self

    def stop(self):
        for server in self.servers:
            if getattr(server, "process", None) is not None:
                server.stop()

    def cpu_seconds(self):
        return sum(server.cpu_seconds() for server in self.servers)

    def rss_bytes(self):
        return sum(server.rss_bytes() for server in self.servers)

    def loop_lag_ms(self, start, stop):
        return [lag for s in self.servers for lag in s.loop_lag_ms(start, stop)]


def app_servers(workdir, database_url, async_mode, processes=1, message_queue=None):
    """The app as `python wsgi.py` serves it (through bench.serve_app), in
    `processes` processes on one database, sharing `message_queue` if given."""
    env = {
        "APP_CONFIG": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "ASYNC_MODE": async_mode,
    }
    if message_queue:
        env["SOCKETIO_MESSAGE_QUEUE"] = message_queue
    return Fleet(
        [
            Server(f"app{i + 1}", "bench.serve_app", workdir, env)
            for i in range(processes)
        ]
    )


def relay_servers(workdir, async_mode):
    """The bare relay: always one process."""
    env = {"ASYNC_MODE": async_mode}
    return Fleet([Server("relay", "bench.relay", workdir, env)])


class HealthProbe(threading.Thread):
    """GET /healthz every 100 ms; the response times, in ms."""

    def __init__(self, url, period=0.1):
        super().__init__(daemon=True)
        self.url, self.period = f"{url}/healthz", period
        self.times_ms, self.failures = [], 0
        self.running = threading.Event()
        self.running.set()

    def run(self):
        session = requests.Session()
        while self.running.is_set():
            before = time.monotonic()
            try:
                session.get(self.url, timeout=5).raise_for_status()
                self.times_ms.append((time.monotonic() - before) * 1000)
            except requests.RequestException:
                self.failures += 1
            time.sleep(max(0.0, self.period - (time.monotonic() - before)))

    def stop(self):
        self.running.clear()
        self.join()
        return self.times_ms
