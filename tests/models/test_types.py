"""UtcDateTime: aware UTC in and out, naive datetimes refused."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Workshop
from app.models.types import UtcDateTime, utcnow

PLUS_TWO = timezone(timedelta(hours=2))


def _reload(workshop):
    db.session.expire_all()
    return db.session.get(Workshop, workshop.id)


def test_utcnow_is_aware_utc():
    """utcnow gives the current time with the UTC zone attached."""
    now = utcnow()
    assert now.tzinfo is UTC
    assert abs(now - datetime.now(UTC)) < timedelta(seconds=5)


def test_read_back_as_aware_utc(workshop):
    """A timestamp saved in any zone reads back as the same instant, in UTC."""
    workshop.closed_at = datetime(2026, 6, 1, 12, 30, tzinfo=PLUS_TWO)
    db.session.commit()
    closed_at = _reload(workshop).closed_at
    assert closed_at == datetime(2026, 6, 1, 10, 30, tzinfo=UTC)
    assert closed_at.tzinfo is UTC


def test_stored_in_utc(workshop):
    """The database holds the UTC wall-clock time, whatever zone was given."""
    workshop.closed_at = datetime(2026, 6, 1, 12, 30, tzinfo=PLUS_TWO)
    db.session.commit()
    raw = db.session.execute(
        sa.text("SELECT closed_at FROM workshop WHERE id = :id"), {"id": workshop.id}
    ).scalar_one()
    assert str(raw).startswith("2026-06-01 10:30:00")


def test_defaults_read_back_aware(workshop):
    """Column defaults such as created_at read back aware, in UTC."""
    assert _reload(workshop).created_at.tzinfo is UTC


def test_naive_datetime_is_refused(workshop):
    """Saving a naive datetime fails loudly rather than guessing its zone."""
    workshop.closed_at = datetime(2026, 6, 1, 12, 30)
    with pytest.raises(sa.exc.StatementError) as caught:
        db.session.commit()
    assert isinstance(caught.value.orig, ValueError)
    assert "naive datetime" in str(caught.value.orig)
    db.session.rollback()
    assert _reload(workshop).closed_at is None


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        pytest.param(None, None, id="none"),
        pytest.param(
            datetime(2026, 1, 1, 9, 0),
            datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
            id="naive-from-sqlite",
        ),
        pytest.param(
            datetime(2026, 1, 1, 11, 0, tzinfo=PLUS_TWO),
            datetime(2026, 1, 1, 9, 0, tzinfo=UTC),
            id="aware-from-postgres",
        ),
    ],
)
def test_result_values_become_aware_utc(stored, expected):
    """What any database returns becomes aware UTC (SQLite drops the zone)."""
    value = UtcDateTime().process_result_value(stored, dialect=None)
    assert value == expected
    if value is not None:
        assert value.tzinfo is UTC


def test_bind_converts_to_utc():
    """Values sent to the database are converted to UTC first."""
    bound = UtcDateTime().process_bind_param(
        datetime(2026, 1, 1, 11, 0, tzinfo=PLUS_TWO), dialect=None
    )
    assert bound == datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    assert bound.utcoffset() == timedelta(0)
