"""Transactions around the write path: writers take turns, readers read a
consistent state.

SQLite has one writer at a time, and a transaction that yields to another
green thread before committing would block the whole process: every writer
of the process takes turns. On PostgreSQL writers of one workshop take turns
in the process, then on the workshop's row lock across processes. Either way
a writer waits in the process, never holding a pooled connection while it
waits (a burst of writes would otherwise empty the pool for everyone).

The locks are created when this module is imported, by the app, after
wsgi.py has monkey patched: they are green locks under eventlet or gevent.
"""

import threading
import weakref
from contextlib import contextmanager, nullcontext

import sqlalchemy as sa

from app.extensions import db
from app.models import Workshop


class Busy(Exception):
    """SQLite stayed locked (by another process) for its whole busy timeout."""


# Nobody is turned away for waiting: answering "busy" while the server was
# behind (clients sending again after a pause) was measured at 77
# acknowledged writes a second against 120 without it, under 150 offered
# (docs/performance.md, "Changes measured").
_sqlite_writer = threading.Lock()
_workshop_writers = weakref.WeakValueDictionary()  # workshop id -> lock in use
_writers_guard = threading.Lock()


@contextmanager
def writing(workshop_id):
    """One write transaction, one writer of a workshop at a time: on SQLite
    one writer at all (BEGIN IMMEDIATE), elsewhere the workshop's row lock.
    Raises Busy if SQLite stays locked."""
    sqlite = db.engine.dialect.name == "sqlite"
    with _sqlite_writer if sqlite else _writer_for(workshop_id):
        db.session.rollback()  # start clean: no read transaction carried in
        if sqlite:
            _begin_immediate()
        else:
            _lock_workshop(workshop_id)
        try:
            yield
        except BaseException:
            db.session.rollback()
            raise


@contextmanager
def reading():
    """One consistent read: on SQLite between writers, in one transaction."""
    sqlite = db.engine.dialect.name == "sqlite"
    with _sqlite_writer if sqlite else nullcontext():
        db.session.rollback()
        if sqlite:
            db.session.connection().exec_driver_sql("BEGIN")
        else:
            db.session.connection(
                execution_options={"isolation_level": "REPEATABLE READ"}
            )
        try:
            yield
        finally:
            db.session.rollback()


def _writer_for(workshop_id):
    """This process's lock for writers of one workshop (kept while in use)."""
    with _writers_guard:
        lock = _workshop_writers.get(workshop_id)
        if lock is None:
            lock = _workshop_writers[workshop_id] = threading.Lock()
        return lock


def _lock_workshop(workshop_id):
    """Take the workshop's row lock before reading anything (PostgreSQL).

    The `seq` UPDATE would take the same lock, but only after the actor, the
    permission, the phase and the op_id were checked: a writer waiting there
    would go on with what it read before another process committed (a phase
    just closed, a participant just removed, the same op_id just applied).
    Locked first, under READ COMMITTED every later statement reads the state
    as the previous writer of this workshop committed it: the same guarantee
    SQLite's BEGIN IMMEDIATE gives. The workshop row is always the first lock
    a writer takes, so writers never deadlock. FOR NO KEY UPDATE is the lock
    the UPDATE takes anyway; it lets rows referring to the workshop (a joining
    participant) be inserted meanwhile.
    """
    db.session.execute(
        sa.select(Workshop.id)
        .where(Workshop.id == workshop_id)
        .with_for_update(key_share=True)
    )


def _begin_immediate():
    """Take SQLite's write lock now, so no other writer interleaves."""
    try:
        db.session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    except sa.exc.OperationalError as error:
        db.session.rollback()
        raise Busy() from error
