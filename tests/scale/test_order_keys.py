"""Order keys sort by code point on PostgreSQL, whatever the database's
locale: in a locale, "ab" sorts before "aZ", but fractional-indexing keys
(and every client) put "aZ" first."""

import sqlalchemy as sa

from app.extensions import db
from app.kinds import board as board_kind
from app.kinds.board_view import snapshot
from app.models import Activity, Note
from tests.faults.server import seed_board
from tests.scale.pg_app import pg_app, seed


def test_notes_sort_by_code_point_in_a_database_with_a_locale(postgres):
    url = postgres.create_database(icu_locale="en-US")
    seeded = seed(url, lambda: seed_board(people=1))
    with pg_app(url):
        # The premise: this database sorts text by its locale.
        assert db.session.scalar(sa.text("SELECT 'ab' < 'aZ'")) is True
        activity = db.session.scalar(
            sa.select(Activity).filter_by(public_id=seeded.board)
        )
        column = activity.content["columns"][0]["key"]
        for key in ("ab", "aZ"):
            db.session.add(
                Note(activity_id=activity.id, column=column, order_key=key, text=key)
            )
        db.session.flush()

        shown = [note["order"] for note in snapshot(activity, "participants")["notes"]]
        after = board_kind.key_at_end(activity, column)

    assert shown == ["aZ", "ab"]
    assert after > "ab"
