"""The runs: each seeds the app's database, then measures the app and the
bare relay one after the other under the same client load."""

import multiprocessing
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from bench import load, report, seed, servers

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
    group_sizes: Counter = field(default_factory=Counter)


# Full sizes are the targets; --quick shrinks them to run in minutes.
RUNS = {
    "sqlite-1": Run(
        name="sqlite-1",
        participants=1000,
        group_size=50,
        interval=10.0,
        duration=120,
        clients=4,
        what="1 process, SQLite, eventlet; notes fanned out to breakout groups",
    ),
    "sqlite-writes": Run(
        name="sqlite-writes",
        participants=250,
        group_size=5,
        interval=0.5,
        duration=60,
        clients=4,
        what="1 process, SQLite, eventlet; write throughput into small groups",
    ),
}
QUICK = {
    "sqlite-1": dict(participants=100, group_size=10, duration=20, clients=2),
    "sqlite-writes": dict(participants=50, group_size=5, duration=15, clients=2),
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


def measure(run, log, db_dir=None):
    """Rows for the app and the relay on one run; the SQLite file (and the
    servers' logs) in a new directory under `db_dir` (default: the temp dir)."""
    with tempfile.TemporaryDirectory(prefix="cg-bench-", dir=db_dir) as workdir:
        database_url = f"sqlite:///{workdir}/bench.sqlite"
        log(f"{run.name}: seeding {run.participants} participants")
        seeded = seed.build(database_url, run.participants, run.group_size)
        run.group_sizes = Counter(group for _, group in seeded.people)
        relay_people = [(group, group) for _, group in seeded.people]
        rows = []
        for name, server, people in (
            ("app", servers.app_server(workdir, database_url), seeded.people),
            ("relay", servers.relay_server(workdir), relay_people),
        ):
            log(f"{run.name}: {name}")
            results, readings = _drive(run, server.start(), seeded, people, log)
            rows.append(report.row(run, name, results, readings))
        return rows


def _drive(run, server, seeded, people, log):
    try:
        return _load(run, server, seeded, people, log)
    finally:
        server.stop()


def _load(run, server, seeded, people, log):
    context = multiprocessing.get_context("spawn")
    rss_before = server.rss_bytes()
    pipes, processes = [], []
    for i in range(run.clients):
        spec = load.Spec(
            "127.0.0.1",
            server.port,
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
    rss_growth = server.rss_bytes() - rss_before
    health = servers.HealthProbe(server.url)
    start = time.monotonic() + GO_DELAY
    stop = start + run.duration
    for pipe in pipes:
        pipe.send((start, stop))
    health.start()
    time.sleep(max(0.0, start - time.monotonic()))
    cpu_start = server.cpu_seconds()
    time.sleep(max(0.0, stop - time.monotonic()))
    cpu_seconds = server.cpu_seconds() - cpu_start
    health_ms = health.stop()
    log("  writing done; draining")
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
        "loop_lag_ms": server.loop_lag_ms(start, stop),
    }
    return results, readings
