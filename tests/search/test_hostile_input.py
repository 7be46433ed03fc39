"""Whatever is typed into the search, the answer is results, nothing, or
a clear error: never a 500, and never search syntax obeyed."""

import pytest

from app.search.query import MAX_LENGTH, MAX_TERMS, NotSearchable, terms_of
from tests import builders
from tests.builders import add_note, make_board


@pytest.fixture
def searcher(client, auth, team):
    """A reviewer of `team` signed in, with two notes to find."""
    workshop = builders.make_workshop(team)
    fac = builders.facilitator_actor(workshop)
    board = make_board(fac)
    add_note(fac, board, "Price transparency on the hourly rate")
    add_note(fac, board, "Travel time is not paid")
    auth.login(builders.make_user(team, role="reviewer"))
    return lambda **args: client.get("/search", query_string=args)


HOSTILE = [
    '"',
    '"price',
    "price\"'",
    "price*",
    "*",
    "NEAR(price transparency)",
    "price OR travel",
    "price AND NOT travel",
    "-price",
    "price:transparency",
    "text:price",
    "^price",
    "(price",
    "price)",
    "%",
    "_",
    "%price%",
    "price_transparency",
    "\x00price\x01\x1b[31m",
    "price\ttransparency\r\n",
    "'; DROP TABLE search_entry; --",
    "\\",
    "\ue000price\ue001",
    "",
    "💷 price",
    "x" * MAX_LENGTH,
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_hostile_input_is_never_a_server_error(searcher, typed):
    """Each gets a page (results, none, or the form's error), never a 500."""
    response = searcher(q=typed)
    assert response.status_code in (200, 400), response.status_code


def test_syntax_is_taken_as_words(searcher):
    """OR and NEAR are words to find, not operators: "price OR travel"
    does not find the travel note, as an OR would."""
    page = searcher(q="price OR travel").get_data(as_text=True)
    assert "Travel time is not paid" not in page
    page = searcher(q='"price').get_data(as_text=True)  # an unbalanced quote
    assert "<mark>Price</mark> transparency" in page


@pytest.mark.parametrize("typed", ["%", "_", "*", '"', "\x00\x01"])
def test_no_words_says_so(searcher, typed):
    response = searcher(q=typed)
    assert response.status_code == 400
    assert "Type a word to search for" in response.get_data(as_text=True)


def test_huge_input_is_refused_with_a_clear_message(searcher):
    """10,000 characters: refused with the limit stated, nothing searched."""
    response = searcher(q="price " * 1667)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f"Keep a search to {MAX_LENGTH} characters or fewer." in page
    assert "<mark>" not in page


def test_bad_filters_are_errors_not_crashes(searcher):
    for args in (
        {"series": "nope"},
        {"role": "emperor"},
        {"method": "../etc"},
        {"since": "2025-13-45"},
        {"until": "yesterday"},
        {"since": "2025-06-01", "until": "2025-01-01"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
    ):
        response = searcher(q="price", **args)
        assert response.status_code == 400, args


def test_a_page_past_the_end_shows_the_last(searcher):
    response = searcher(q="price", page="7")
    assert response.status_code == 200
    assert "<mark>Price</mark>" in response.get_data(as_text=True)


def test_terms_are_letters_and_digits_only():
    assert terms_of('NEAR("Price" transparency*) OR 2025') == [
        "near",
        "price",
        "transparency",
        "or",
        "2025",
    ]
    assert terms_of("Café prices café") == ["café", "prices"]


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "%_*",
        "x" * (MAX_LENGTH + 1),
        " ".join(f"w{n}" for n in range(MAX_TERMS + 1)),
    ],
)
def test_unsearchable_input_is_refused(typed):
    with pytest.raises(NotSearchable):
        terms_of(typed)


def test_the_form_alone_shows_no_results(searcher):
    """Before anything is typed, the page is the form."""
    response = searcher()
    assert response.status_code == 200
    assert 'id="results-heading"' not in response.get_data(as_text=True)


def test_stored_text_cannot_fake_a_match(client, auth, team):
    """The characters results mark matches with are taken out of stored
    text, so a note cannot mark words of its own."""
    workshop = builders.make_workshop(team)
    fac = builders.facilitator_actor(workshop)
    add_note(fac, make_board(fac), "\ue000fake\ue001 rates")
    auth.login(builders.make_user(team, role="reviewer"))

    page = client.get("/search", query_string={"q": "rates"}).get_data(as_text=True)
    assert "<mark>rates</mark>" in page and "<mark>fake" not in page
