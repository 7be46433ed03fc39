"""Searching a seeded year of forums: what is found, its details, the
filters, and entries kept current as the workshops change."""

from datetime import date

from app.extensions import db
from app.models import Series
from tests import builders
from tests.builders import act, add_note, set_phase
from tests.search.conftest import find, texts
from tests.search.forums import (
    price_action,
    price_comment,
    price_note,
    seed_year,
    write,
)

EVERY_QUARTER = [
    text(quarter)
    for quarter in (4, 3, 2, 1)
    for text in (price_action, price_comment, price_note)
]


def test_a_year_of_forums_finds_every_note_comment_and_action(year):
    """ "price transparency" finds, newest first, each quarter's note,
    checklist comment and action, and nothing that lacks either word."""
    results = find(year.team, "price transparency")

    assert results.total == 12
    assert sorted(texts(results)) == sorted(EVERY_QUARTER)
    days = [hit.day for hit in results.hits]
    assert days == sorted(days, reverse=True)
    assert days[0] == date(2025, 12, 10)


def test_a_hit_says_where_when_who_and_how(year):
    """A note's hit: its workshop and activity (linked to the report), the
    day, the writer's role, the name of someone who agreed to be named,
    the method and the series; the matched words marked."""
    [hit] = [h for h in find(year.team, "hourly rate").hits if "Q2" in h.segments[0][0]]

    forum = year.forums[1]
    assert hit.kind == "Note"
    assert hit.workshop_id == forum.workshop.public_id
    assert hit.workshop_title == "Provider forum Q2"
    assert hit.activity_id == forum.board
    assert (hit.day, hit.role, hit.name) == (
        date(2025, 6, 11),
        "Provider",
        "Priya Named",
    )
    assert hit.method == "Open board"
    assert hit.series_title == year.series.title
    assert [text for text, matched in hit.segments if matched] == ["hourly", "rate"]


def test_words_are_stemmed(year):
    """ "prices" finds "price", and "transparent" finds "transparency", as
    both databases stem English."""
    assert find(year.team, "prices transparent").total == 12


def test_every_word_must_match(year):
    """Words are all required: "price" alone finds more than "price travel"."""
    assert find(year.team, "travel").total == 4
    assert find(year.team, "price travel").total == 0


def test_filter_by_date_range(year):
    """From and to include their days: the second quarter alone."""
    results = find(
        year.team,
        "price transparency",
        since=date(2025, 6, 11),
        until=date(2025, 6, 11),
    )
    assert sorted(texts(results)) == sorted(
        [price_action(2), price_comment(2), price_note(2)]
    )


def test_filter_by_role(year):
    """Only what people of that role wrote: a role is kept for notes and
    comments, never for an action."""
    providers = find(year.team, "price transparency", role="provider")
    assert sorted(texts(providers)) == sorted(
        text(q) for q in (1, 2, 3, 4) for text in (price_comment, price_note)
    )
    assert find(year.team, "price transparency", role="commissioner").total == 0
    assert find(year.team, "fee rates", role="commissioner").total == 4


def test_filter_by_method(year):
    """The checklist's method finds its comments alone."""
    results = find(year.team, "price transparency", method="ccps-checklist")
    assert sorted(texts(results)) == sorted(price_comment(q) for q in (1, 2, 3, 4))


def test_filter_by_series(team, year):
    """Another series' workshop is left out when a series is chosen."""
    other = Series(team_id=team.id, title="Care home forum")
    db.session.add(other)
    db.session.commit()
    workshop = builders.make_workshop(team, title="Care homes", series_id=other.id)
    fac = builders.facilitator_actor(workshop)
    board = builders.make_board(fac)
    add_note(fac, board, "Care homes ask for price transparency too")

    assert find(team, "price transparency").total == 13
    results = find(team, "price transparency", series_id=year.series.id)
    assert results.total == 12
    assert find(team, "price transparency", series_id=other.id).total == 1


def test_another_teams_workshops_are_never_found(team, year):
    """A team finds only its own workshops, whatever the words."""
    elsewhere = builders.make_team(name="Elsewhere")
    seed_year(elsewhere, title="Their forum")

    assert find(team, "price transparency").total == 12
    assert find(elsewhere, "price transparency").total == 12
    found = {hit.series_title for hit in find(team, "price transparency").hits}
    assert found == {year.series.title}


def test_a_change_after_indexing_is_found_at_the_next_search(year):
    """A note written after a search is found by the next one: its
    workshop's seq moved, so its entries are rebuilt first."""
    assert find(year.team, "retendering").total == 0
    write(year.forums[0], "provider", "Retendering every three years costs us")

    assert texts(find(year.team, "retendering")) == [
        "Retendering every three years costs us"
    ]


def test_a_new_action_update_is_found(year):
    """An update on an action, made through a later workshop of the series,
    is found: series-level changes move that workshop's seq."""
    forum = year.forums[3]
    made = act(forum.fac, "follow_up.create", {"title": "Review the rate card"})
    find(year.team, "rate card")
    payload = {"follow_up": made["result"]["follow_up"], "body": "Rate card shared"}
    act(forum.fac, "follow_up.update", payload)

    results = find(year.team, "rate card")
    assert sorted(texts(results)) == ["Rate card shared", "Review the rate card"]
    assert {hit.kind for hit in results.hits} == {"Action", "Action update"}


def test_review_and_link_comments_are_found(year, team):
    """The team's comments and those sent through a share link are searched."""
    forum = year.forums[0]
    reviewer = builders.reviewer_actor(forum.workshop)
    act(reviewer, "review.comment", {"body": "Compare with the tender pricing"})
    commenter = builders.commenter_actor(forum.workshop)
    act(commenter, "link.comment", {"body": "The tender pricing was opaque"})

    results = find(team, "tender pricing")
    assert sorted(texts(results)) == [
        "Compare with the tender pricing",
        "The tender pricing was opaque",
    ]
    assert {hit.kind for hit in results.hits} == {
        "Reviewer's comment",
        "Comment sent through a link",
    }


def test_scenario_topics_are_found(team):
    """A People's Borough topic's question is searchable in a workshop
    that ran the scenario."""
    workshop = builders.make_workshop(team, title="East Midlands day")
    fac = builders.facilitator_actor(workshop)
    payload = {"method": "peoples-borough", "title": "People's Borough"}
    scenario = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(fac, scenario, "discuss")

    results = find(team, "sub-contracting drawbacks")
    assert [hit.kind for hit in results.hits] == ["Scenario topic"]
    assert texts(results)[0].startswith("Sub-contracting: Do you foresee")


def test_results_come_a_page_at_a_time(team, monkeypatch):
    """More results than a page: the page asked for, and how many pages."""
    from app.search import service

    monkeypatch.setattr(service, "PER_PAGE", 2)
    workshop = builders.make_workshop(team)
    fac = builders.facilitator_actor(workshop)
    board = builders.make_board(fac)
    for n in range(5):
        add_note(fac, board, f"Rates note {n}")
    from flask import current_app

    with current_app.test_request_context():
        last = service.search(team.id, ["rates"], page=3)
        beyond = service.search(team.id, ["rates"], page=99)
    assert (last.total, last.pages, last.page, len(last.hits)) == (5, 3, 3, 1)
    assert beyond.page == 3


def test_what_cannot_be_indexed_now_is_left_out_not_shown_stale(
    team, year, monkeypatch
):
    """If SQLite stays busy, a changed series is left out of the results
    (and counted, for the page to say so) rather than shown as it was."""
    from contextlib import contextmanager

    from app import transactions
    from app.search import index

    lone = builders.make_workshop(team, title="Elsewhere")
    fac = builders.facilitator_actor(lone)
    add_note(fac, builders.make_board(fac), "Price transparency elsewhere")
    assert find(team, "price transparency").total == 13
    forum = year.forums[0]
    act(
        forum.fac,
        "board.hide_note",
        {"activity": forum.board, "note": forum.notes[price_note(1)]},
    )

    @contextmanager
    def busy(workshop_id):
        raise transactions.Busy()
        yield

    monkeypatch.setattr(index.transactions, "writing", busy)
    results = find(team, "price transparency")
    assert texts(results) == ["Price transparency elsewhere"]
    assert results.left_out == 4
