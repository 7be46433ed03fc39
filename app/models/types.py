"""Column types shared by the models."""

from datetime import UTC, datetime

import sqlalchemy as sa


class UtcDateTime(sa.types.TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware.

    SQLite has no time zones and drops them; reading back attaches UTC so the
    app compares like with like on every database.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


# A fractional-indexing key (note, pathway card, agenda position): sorted by
# code point, as the keys are generated and as every client compares them.
# PostgreSQL would otherwise sort by the database's locale, where "aZ" comes
# after "ab"; SQLite's default collation already compares bytes.
ORDER_KEY = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def utcnow():
    """The current time, aware, in UTC."""
    return datetime.now(UTC)
