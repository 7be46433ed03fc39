"""Fixtures for the search tests: a seeded year of forums, and searching it
as the team would."""

import pytest
from flask import current_app

from app.search import service
from tests.search.forums import seed_year


@pytest.fixture
def year(team):
    """Four quarterly forums of `team`, in one series (tests/search/forums.py)."""
    return seed_year(team)


def find(team, words, **filters):
    """Search `team`'s workshops for `words` (a string) through the service,
    as the page does; the Results."""
    from app.search.query import terms_of

    with current_app.test_request_context():
        return service.search(team.id, terms_of(words), service.Filters(**filters))


def texts(results):
    """Each hit's text, as shown (marks dropped)."""
    return ["".join(text for text, _matched in hit.segments) for hit in results.hits]
