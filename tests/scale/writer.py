"""One OS process writing notes through `apply()` on a PostgreSQL database.

Run as `python -m tests.scale.writer` and a JSON job as its argument; prints one
JSON list of acknowledgements (or refusals, or errors) on stdout. Every
process sends the shared op_ids at the same wall-clock moments, so they race.
"""

import json
import sys
import time
import uuid

import sqlalchemy as sa

from app import changes
from app.actors import Actor
from app.extensions import db
from app.models import Participant
from tests.scale.pg_app import pg_app


def _actor(public_id):
    participant = db.session.scalar(
        sa.select(Participant).filter_by(public_id=public_id)
    )
    return Actor("participant", participant.workshop_id, participant_id=participant.id)


def _note(actor, board, text, private, op_id=None):
    payload = {"activity": board, "column": "ideas", "text": text, "private": private}
    op_id = op_id or str(uuid.uuid4())
    try:
        return changes.apply(actor, "board.add_note", payload, op_id)
    except changes.Refused as refusal:
        return refusal.ack()
    except Exception as error:  # reported, so the test shows what broke
        return {"ok": False, "op_id": op_id, "error": repr(error)}


def _wait_until(moment):
    time.sleep(max(0.0, moment - time.time()))


def run(job):
    """Send the shared op_ids, one every `shared_every` seconds at the same
    moments in every process, as the same author; between them, write our
    own notes, alternately public and private."""
    results = []
    with pg_app(job["database_url"]):
        mine, shared = _actor(job["participant"]), _actor(job["shared_author"])
        per_round = job["count"] // len(job["shared_op_ids"])
        for n, op_id in enumerate(job["shared_op_ids"]):
            _wait_until(job["start_at"] + n * job["shared_every"])
            results.append(_note(shared, job["board"], "shared", False, op_id=op_id))
            for i in range(n * per_round, (n + 1) * per_round):
                text = f"{job['name']} {i}"
                results.append(_note(mine, job["board"], text, private=i % 2 == 1))
    return results


if __name__ == "__main__":
    json.dump(run(json.loads(sys.argv[1])), sys.stdout)
