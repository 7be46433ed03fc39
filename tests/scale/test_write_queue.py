"""A burst of writes to one workshop waits in the process, not in the
database: the writers queued on the workshop's row lock would each hold a
pooled connection, and the pool would run dry for everyone."""

import threading
import time
import uuid

from app import changes
from app.extensions import db
from app.models import Activity, Participant
from tests.builders import participant_actor
from tests.faults.server import seed_board
from tests.scale.pg_app import pg_app, pg_config, seed

WRITERS = 8
HOLD = 0.2  # seconds each write keeps its transaction open


def test_writers_of_one_workshop_queue_without_emptying_the_pool(
    database_url, monkeypatch
):
    """8 threads write at once through a pool of 2 connections that gives up
    after 1 s, each write holding its transaction 0.2 s: every one succeeds."""
    seeded = seed(database_url, lambda: seed_board(people=WRITERS))

    class SmallPool(pg_config(database_url)):
        SQLALCHEMY_ENGINE_OPTIONS = {
            "pool_size": 2,
            "max_overflow": 0,
            "pool_timeout": 1,
        }

    slow_log = changes._log_event

    def log_slowly(*args):
        time.sleep(HOLD)  # inside the write transaction, the row lock held
        return slow_log(*args)

    monkeypatch.setattr(changes, "_log_event", log_slowly)
    with pg_app(database_url, config=SmallPool) as app:
        people = db.session.scalars(db.select(Participant)).all()
        actors = [participant_actor(person) for person in people]
        board = db.session.scalar(db.select(Activity).filter_by(public_id=seeded.board))
        column = board.content["columns"][0]["key"]
        db.session.remove()
        outcomes = []

        def write(actor):
            with app.app_context():
                try:
                    payload = {"activity": seeded.board, "column": column, "text": "hi"}
                    changes.apply(actor, "board.add_note", payload, str(uuid.uuid4()))
                    outcomes.append("ok")
                except Exception as error:  # the pool's TimeoutError, before
                    outcomes.append(repr(error))
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=write, args=(a,)) for a in actors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert outcomes == ["ok"] * WRITERS
