"""The runs: each seeds the app's database, then measures the app, and the
bare relay under the same client load (once per load and async mode: runs
that differ only in the app's database or process count share one relay
measurement of the same benchmark)."""

import multiprocessing
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field, replace

from bench import load, profile, report, seed, servers

SETTLE_SECONDS = 2
GO_DELAY = 1.0


@dataclass
class Run:
    name: str
    participants: int
    group_size: int
    interval: float  # seconds between one participant's notes
    duration: float  # seconds of writing measured
    clients: int  # client processes
    what: str
    database: str = "sqlite"  # or "postgresql"
    processes: int = 1  # app processes; more than one share a Redis queue
    async_mode: str = "eventlet"  # or "gevent", for the app and the relay
    in_groups: bool = True  # False: one room, every note to everyone
    group_sizes: Counter = field(default_factory=Counter)

    @property
    def load(self):
        """What the relay is measured under: the clients' load and the mode."""
        return (
            self.participants,
            self.group_size if self.in_groups else self.participants,
            self.interval,
            self.duration,
            self.clients,
            self.async_mode,
        )


GROUPS_OF_50 = dict(
    participants=1000, group_size=50, interval=10.0, duration=45, clients=4
)
GROUPS_OF_5 = dict(participants=250, group_size=5, interval=0.5, duration=30, clients=4)
# Full sizes are the targets; --quick shrinks them to run in minutes.
RUNS = {
    "sqlite-1": Run(
        name="sqlite-1",
        **GROUPS_OF_50,
        what="1 process, SQLite, eventlet; notes fanned out to breakout groups",
    ),
    "pg-1": Run(
        name="pg-1",
        **GROUPS_OF_50,
        database="postgresql",
        what="1 process, PostgreSQL, eventlet; notes fanned out to breakout groups",
    ),
    "pg-2": Run(
        name="pg-2",
        **GROUPS_OF_50,
        database="postgresql",
        processes=2,
        what=(
            "2 processes, PostgreSQL, Redis queue, eventlet; every group's "
            "members split between the processes (compared with the "
            "single-process relay)"
        ),
    ),
    "gevent-1": Run(
        name="gevent-1",
        **GROUPS_OF_50,
        async_mode="gevent",
        what="1 process, SQLite, gevent (app and relay); as sqlite-1",
    ),
    "sqlite-writes": Run(
        name="sqlite-writes",
        **GROUPS_OF_5,
        what="1 process, SQLite, eventlet; write throughput into small groups",
    ),
    "pg-writes": Run(
        name="pg-writes",
        **GROUPS_OF_5,
        database="postgresql",
        what="1 process, PostgreSQL, eventlet; write throughput into small groups",
    ),
    "room-2000": Run(
        name="room-2000",
        participants=2000,
        group_size=2000,
        interval=400.0,
        duration=45,
        clients=4,
        in_groups=False,
        what="1 process, SQLite, eventlet; everyone in one room, every note to all",
    ),
}
QUICK_GROUPS = dict(participants=100, group_size=10, duration=15, clients=2)
QUICK_WRITES = dict(participants=50, group_size=5, duration=15, clients=2)
QUICK = {
    "sqlite-1": QUICK_GROUPS,
    "pg-1": QUICK_GROUPS,
    "pg-2": QUICK_GROUPS,
    "gevent-1": QUICK_GROUPS,
    "sqlite-writes": QUICK_WRITES,
    "pg-writes": QUICK_WRITES,
    "room-2000": dict(participants=300, group_size=300, interval=60.0, duration=15),
}


def plan(names, quick):
    """The runs named, at full or quick size."""
    chosen = []
    for name in names:
        if name not in RUNS:
            raise SystemExit(f"no run {name!r}; runs: {', '.join(RUNS)}")
        run = RUNS[name]
        chosen.append(replace(run, **QUICK[name]) if quick else run)
    return chosen


class Bench:
    """The runs of one `make bench`, and what they share: one PostgreSQL
    cluster and one Redis server (started when a run first needs them), and
    the relay's measurement per load."""

    def __init__(self, log, db_dir=None, profile_dir=None):
        self.log, self.db_dir = log, db_dir
        # Where py-spy's samples of each app run go (None: not profiled).
        self.profile_dir = profile_dir
        self.profiles = []  # Markdown summaries, one per profiled process
        self.stack = ExitStack()
        self.services = {}
        self.relay_rows = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def measure(self, run):
        """The app's row and the relay's for one run."""
        with tempfile.TemporaryDirectory(prefix="cg-bench-", dir=self.db_dir) as work:
            database_url = self._database(run, work)
            self.log(f"{run.name}: seeding {run.participants} participants")
            seeded = seed.build(
                database_url, run.participants, run.group_size, run.in_groups
            )
            run.group_sizes = Counter(group for _, group in seeded.people)
            queue = self._service("redis").url if run.processes > 1 else None
            app = servers.app_servers(
                work, database_url, run.async_mode, run.processes, queue
            )
            self.log(f"{run.name}: app")
            profile = self._profiler(run)
            measured = _drive(run, app, seeded, seeded.people, self.log, profile)
            rows = [report.row(run, "app", *measured)]
            rows.append(self._relay(run, work, seeded))
        return rows

    def _relay(self, run, work, seeded):
        if run.load not in self.relay_rows:
            self.log(f"{run.name}: relay")
            people = [(group, group) for _, group in seeded.people]
            relay = servers.relay_servers(work, run.async_mode)
            measured = _drive(run, relay, seeded, people, self.log)
            self.relay_rows[run.load] = report.row(run, "relay", *measured)
        else:
            self.log(f"{run.name}: relay measured already, under the same load")
        return {**self.relay_rows[run.load], "run": run.name}

    def _profiler(self, run):
        """What samples the app's processes during the window, if asked."""
        if self.profile_dir is None:
            return None

        def sample(fleet, seconds):
            samplers = []
            for server in fleet.servers:
                out = self.profile_dir / f"{run.name}-{server.name}.txt"
                samplers.append((server, out, profile.record(server.pid, seconds, out)))
            return lambda: self._summarise(run, samplers)

        return sample

    def _summarise(self, run, samplers):
        for server, out, sampler in samplers:
            sampler.wait(timeout=60)
            raw = out.read_text() if out.exists() else ""
            title = f"{run.name}: {server.name} (py-spy samples in {out.name})"
            self.profiles.append(profile.markdown(title, raw))

    def _database(self, run, work):
        if run.database == "sqlite":
            return f"sqlite:///{work}/bench.sqlite"
        return self._service("postgresql").create_database()

    def _service(self, name):
        if name not in self.services:
            import local_services

            self.log(f"starting a private {name} server")
            if name == "postgresql":
                service = local_services.Postgres(durable=True)
            else:
                service = local_services.Redis()
            self.stack.callback(service.stop)
            self.services[name] = service.start()
        return self.services[name]


def _drive(run, fleet, seeded, people, log, sample=None):
    try:
        return _load(run, fleet.start(), seeded, people, log, sample)
    finally:
        fleet.stop()


def _load(run, fleet, seeded, people, log, sample):
    context = multiprocessing.get_context("spawn")
    rss_before = fleet.rss_bytes()
    pipes, processes = [], []
    for i in range(run.clients):
        spec = load.Spec(
            "127.0.0.1",
            fleet.ports[i % len(fleet.ports)],
            seeded.workshop,
            seeded.board,
            seeded.column,
            people[i :: run.clients],
            run.interval,
        )
        ours, theirs = context.Pipe()
        process = context.Process(target=load.main, args=(spec, theirs), daemon=True)
        process.start()
        pipes.append(ours)
        processes.append(process)
    began = time.monotonic()
    connected = sum(pipe.recv()[1] for pipe in pipes)
    log(f"  {connected} connected in {time.monotonic() - began:.1f} s")
    time.sleep(SETTLE_SECONDS)
    rss_growth = fleet.rss_bytes() - rss_before
    health = servers.HealthProbe(fleet.url)
    start = time.monotonic() + GO_DELAY
    stop = start + run.duration
    for pipe in pipes:
        pipe.send((start, stop))
    health.start()
    time.sleep(max(0.0, start - time.monotonic()))
    cpu_start = fleet.cpu_seconds()
    sampled = sample(fleet, run.duration) if sample else None
    time.sleep(max(0.0, stop - time.monotonic()))
    cpu_seconds = fleet.cpu_seconds() - cpu_start
    if sampled:
        sampled()
    health_ms = health.stop()
    log("  writing done; draining")
    for pipe in pipes:  # every client has its answers, or has given up
        pipe.recv()
    for pipe in pipes:  # then all wait for the last deliveries together
        pipe.send("settle")
    results = [pipe.recv()[1] for pipe in pipes]
    for process in processes:
        process.join(timeout=30)
    readings = {
        "window": run.duration,
        "connected": connected,
        "rss_growth": rss_growth,
        "cpu_seconds": cpu_seconds,
        "health_ms": health_ms,
        "health_failures": health.failures,
        "loop_lag_ms": fleet.loop_lag_ms(start, stop),
    }
    return results, readings
