"""Search on PostgreSQL: the same service finds the same things through the
GIN index migration 0013 makes (SQLite's FTS5 in tests/search)."""

from app.extensions import db
from app.search.ddl import GIN_INDEX
from tests import builders
from tests.scale.pg_app import pg_app
from tests.search.conftest import find, texts
from tests.search.forums import seed_year
from tests.search.test_index import ran_search
from tests.search.test_search import EVERY_QUARTER


def test_postgresql_search_finds_a_year_of_forums_through_the_gin_index(
    database_url,
):
    """On a migrated PostgreSQL database a year of forums gives the results
    it gives on SQLite, and EXPLAIN of the statement a search ran names the
    GIN index. With a few dozen rows the planner would rather read the whole
    table, so sequential scans are priced out for the EXPLAIN: the test is
    whether the query's expression can use the index at all (a bound text
    search configuration, say, would make it unusable)."""
    with pg_app(database_url, migrate=True):
        year = seed_year(builders.make_team())
        db.session.commit()

        results = find(year.team, "price transparency")
        assert sorted(texts(results)) == sorted(EVERY_QUARTER)
        assert find(year.team, "prices").total == find(year.team, "price").total > 0

        statement, parameters = ran_search(year)
        cursor = db.session.connection().connection.driver_connection.cursor()
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {statement}", parameters)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        assert GIN_INDEX in plan, plan
