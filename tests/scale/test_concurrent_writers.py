"""Several OS processes write one workshop on PostgreSQL at once: the
workshop's `seq` and every stream's numbers stay unique and contiguous, and
an op_id sent through several processes at once is applied exactly once."""

import json
import os
import subprocess
import sys
import time
import uuid
from collections import defaultdict

import sqlalchemy as sa

from app.extensions import db
from app.models import Event, Stream, StreamEntry, Workshop
from tests.faults.server import seed_board
from tests.live_server import ROOT
from tests.scale.pg_app import pg_app, seed

PROCESSES = 4
NOTES = 50  # per process, besides the shared op_ids
SHARED = NOTES // 10  # op_ids every process sends (as the same author)


def _jobs(database_url, seeded):
    shared = [str(uuid.uuid4()) for _ in range(SHARED)]
    start_at = time.time() + 4  # time for every process to import the app
    return [
        {
            "database_url": database_url,
            "name": f"w{i}",
            "participant": seeded.ids[i + 1],
            "shared_author": seeded.ids[0],
            "board": seeded.board,
            "count": NOTES,
            "shared_op_ids": shared,
            "start_at": start_at,
            "shared_every": 0.8,  # seconds: time for 10 notes each, at most
        }
        for i in range(PROCESSES)
    ]


def _run_writers(jobs):
    """Start one writer process per job at once; every acknowledgement."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.scale.writer", json.dumps(job)],
            cwd=ROOT,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for job in jobs
    ]
    acks = []
    for process in processes:
        with process:
            out, err = process.communicate(timeout=90)
        assert process.returncode == 0, err
        acks.extend(json.loads(out))
    return acks


def _log(database_url, workshop_public_id):
    """The workshop's seqs, and each stream's numbers and counter."""
    with pg_app(database_url):
        workshop = db.session.scalar(
            sa.select(Workshop).filter_by(public_id=workshop_public_id)
        )
        seqs = db.session.scalars(
            sa.select(Event.seq).filter_by(workshop_id=workshop.id)
        ).all()
        numbers = defaultdict(list)
        rows = db.session.execute(
            sa.select(Stream.key, StreamEntry.number)
            .join(StreamEntry, StreamEntry.stream_id == Stream.id)
            .where(Stream.workshop_id == workshop.id)
        )
        for key, number in rows:
            numbers[key].append(number)
        counters = dict(
            db.session.execute(
                sa.select(Stream.key, Stream.counter).filter_by(workshop_id=workshop.id)
            ).all()
        )
        return workshop.seq, sorted(seqs), numbers, counters


def test_numbers_stay_contiguous_under_writers_in_several_processes(database_url):
    """4 processes × 50 notes on one workshop: seq 1..N without gaps or
    repeats, each stream numbered 1..counter, every note acknowledged, and an
    op_id sent through every process at once applied exactly once."""
    seeded = seed(database_url, lambda: seed_board(people=PROCESSES + 1))
    jobs = _jobs(database_url, seeded)
    acks = _run_writers(jobs)

    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]][:3]
    fresh = [ack for ack in acks if not ack.get("replayed")]
    assert len(fresh) == PROCESSES * NOTES + SHARED

    seq, seqs, numbers, counters = _log(database_url, seeded.workshop)
    assert seqs == list(range(1, seq + 1))
    assert sorted(ack["seq"] for ack in fresh) == seqs[-len(fresh) :]
    for key, taken in numbers.items():
        assert sorted(taken) == list(range(1, counters[key] + 1)), key
    assert sum(key.startswith("private:") for key in numbers) == PROCESSES
    _assert_applied_once(acks, jobs[0]["shared_op_ids"])


def _assert_applied_once(acks, op_ids):
    """Each shared op_id was applied by one process; the others answered with
    its original acknowledgement (the workshop's lock is taken before the
    replay check), never an error."""
    by_op = defaultdict(list)
    for ack in acks:
        by_op[ack["op_id"]].append(ack)
    for op_id in op_ids:
        answers = by_op[op_id]
        assert len(answers) == PROCESSES
        assert sum(not a.get("replayed") for a in answers) == 1
        assert len({a["seq"] for a in answers}) == 1
