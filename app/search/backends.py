"""The database's own full-text search behind one interface: which entries
match a query's terms, how well, and their text with the matches marked.

The user's words never reach either engine as syntax: a query is a list of
terms made of letters and digits alone (app/search/query.py), each quoted
as a term, so `OR`, `NEAR(`, `*`, `-` or a stray quote mean nothing.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from app.models import SearchEntry
from app.search.ddl import FTS_TABLE

# Private-use characters around each match in the marked text: stripped from
# every stored text (app/search/index.py), so only the engine makes them.
OPEN, CLOSE = "\ue000", "\ue001"
MARKS = (OPEN, CLOSE)


@dataclass(frozen=True)
class Matching:
    """What a backend adds to a query of SearchEntry: the FROM clause, the
    condition, an order (best first) and the marked text."""

    source: object
    condition: object
    rank: object
    marked: object


class Sqlite:
    """FTS5: MATCH on the virtual table, joined to its content rows."""

    fts = sa.table(FTS_TABLE, sa.column("rowid"))

    def matching(self, terms):
        phrase = " ".join(f'"{term}"' for term in terms)  # each term quoted
        fts_name = sa.literal_column(FTS_TABLE)
        return Matching(
            source=sa.join(
                SearchEntry.__table__,
                self.fts,
                self.fts.c.rowid == SearchEntry.__table__.c.id,
            ),
            condition=fts_name.op("MATCH", is_comparison=True)(phrase),
            rank=sa.func.bm25(fts_name),
            marked=sa.func.highlight(fts_name, 0, OPEN, CLOSE),
        )


class Postgresql:
    """tsvector @@ websearch_to_tsquery, served by the GIN index on the very
    same expression (app/search/ddl.py)."""

    def matching(self, terms):
        words = " ".join(f'"{term}"' for term in terms)
        query = sa.func.websearch_to_tsquery(_english(), words)
        vector = sa.func.to_tsvector(_english(), SearchEntry.text)
        options = f"StartSel={OPEN}, StopSel={CLOSE}, HighlightAll=true"
        return Matching(
            source=SearchEntry.__table__,
            condition=vector.op("@@", is_comparison=True)(query),
            rank=-sa.func.ts_rank(vector, query),
            marked=sa.func.ts_headline(_english(), SearchEntry.text, query, options),
        )


def _english():
    # A literal, not a bound parameter: the planner matches the GIN index's
    # expression, to_tsvector('english'::regconfig, text), only with it.
    return sa.literal_column("'english'::regconfig")


BACKENDS = {"sqlite": Sqlite(), "postgresql": Postgresql()}


def backend_for(dialect_name):
    """The backend for a database; LookupError for one with neither."""
    try:
        return BACKENDS[dialect_name]
    except KeyError:
        raise LookupError(f"no full-text search for {dialect_name}") from None
