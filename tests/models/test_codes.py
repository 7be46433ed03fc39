"""Join codes, rejoin codes and public ids: readable, long enough, normalised."""

import math
import re

import pytest

from app.extensions import db
from app.models import Participant, Workshop
from app.models import participant as participant_module
from app.models.ids import READABLE_ALPHABET, normalise_code, public_id, readable_code
from app.models.participant import REJOIN_CODE_LENGTH
from app.models.types import utcnow
from app.models.workshop import JOIN_CODE_LENGTH, new_join_code
from tests import builders

CHAR = f"[{READABLE_ALPHABET}]"
JOIN_CODE = re.compile(f"{CHAR}{{4}}-{CHAR}{{4}}-{CHAR}{{2}}")
REJOIN_CODE = re.compile(f"{CHAR}{{3}}-{CHAR}{{3}}")


def test_readable_alphabet_has_no_confusable_characters():
    """The alphabet leaves out characters misread aloud or from a projector."""
    assert len(set(READABLE_ALPHABET)) == len(READABLE_ALPHABET) == 23
    assert READABLE_ALPHABET == READABLE_ALPHABET.upper()
    assert not set("0O1IL5S2Z8BUV") & set(READABLE_ALPHABET)


def test_join_codes_are_readable_and_grouped():
    """A join code is 10 readable characters shown as XXXX-XXXX-XX."""
    codes = [new_join_code() for _ in range(500)]
    for code in codes:
        assert JOIN_CODE.fullmatch(code), code
    assert len(set(codes)) == len(codes)
    # Over 500 codes every letter of the alphabet turns up: no letter is excluded.
    assert set("".join(codes)) - {"-"} == set(READABLE_ALPHABET)


def test_join_codes_are_long_enough_not_to_be_guessed():
    """A join code carries at least 45 bits, as the design claims."""
    assert JOIN_CODE_LENGTH == 10
    assert JOIN_CODE_LENGTH * math.log2(len(READABLE_ALPHABET)) >= 45


def test_new_workshop_gets_a_join_code(team):
    """A workshop saved without a code is given one in the grouped format."""
    workshop = builders.make_workshop(team)
    assert JOIN_CODE.fullmatch(workshop.join_code)


def test_rejoin_codes_are_readable_and_grouped(workshop):
    """A participant's rejoin code is 6 readable characters shown as XXX-XXX."""
    assert REJOIN_CODE_LENGTH == 6
    participants = [builders.make_participant(workshop) for _ in range(20)]
    for participant in participants:
        assert REJOIN_CODE.fullmatch(participant.rejoin_code)


@pytest.mark.parametrize(
    ("length", "group", "shape"),
    [
        (10, 4, r"\w{4}-\w{4}-\w{2}"),
        (6, 3, r"\w{3}-\w{3}"),
        (8, 4, r"\w{4}-\w{4}"),
        (3, 4, r"\w{3}"),
    ],
)
def test_readable_code_groups_with_dashes(length, group, shape):
    """readable_code groups its characters with dashes, the last group shorter."""
    assert re.fullmatch(shape, readable_code(length, group=group))


def test_public_ids_are_opaque_and_distinct():
    """Public ids are random URL-safe strings, never counters."""
    ids = {public_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{16}", value) for value in ids)


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("4K7M-XPRT-9C", "4K7MXPRT9C"),
        ("4k7m-xprt-9c", "4K7MXPRT9C"),
        ("  4k7m xprt 9c  ", "4K7MXPRT9C"),
        ("4K7M—XPRT_9C.", "4K7MXPRT9C"),
        ("k7p-q4m", "K7PQ4M"),
        ("", ""),
        ("- -", ""),
        (None, ""),
    ],
)
def test_normalise_code(typed, normal):
    """Typed codes are upper-cased with spaces, dashes and punctuation dropped."""
    assert normalise_code(typed) == normal


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda code: code, id="as-shown"),
        pytest.param(lambda code: code.lower(), id="lower"),
        pytest.param(lambda code: code.replace("-", ""), id="no-dashes"),
        pytest.param(lambda code: f" {code.replace('-', ' ')} ", id="spaces"),
    ],
)
def test_workshop_by_join_code_finds_typed_codes(workshop, typed):
    """Workshop.by_join_code finds a workshop however its code was typed."""
    assert Workshop.by_join_code(typed(workshop.join_code)) == workshop


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param("AAAA-AAAA-AA", id="unknown"),
        pytest.param("AAAA-AAAA-A", id="short"),
        pytest.param("AAAA-AAAA-AAA", id="long"),
        pytest.param("", id="empty"),
        pytest.param(None, id="none"),
    ],
)
def test_workshop_by_join_code_misses(workshop, typed):
    """A code that names no workshop, or has the wrong length, finds nothing."""
    assert Workshop.by_join_code(typed) is None


def test_workshop_by_join_code_finds_closed_workshops(workshop):
    """A closed workshop is still found by its code, so the page can say closed."""
    workshop.closed_at = utcnow()
    db.session.commit()
    assert Workshop.by_join_code(workshop.join_code) == workshop


def test_participant_by_rejoin_code(workshop):
    """Participant.by_rejoin_code finds the participant however it was typed."""
    ann = builders.make_participant(workshop, display_name="Ann")
    builders.make_participant(workshop, display_name="Bo")
    code = ann.rejoin_code
    for typed in (
        code,
        code.lower(),
        code.replace("-", ""),
        f" {code[:3]} {code[4:]} ",
    ):
        assert Participant.by_rejoin_code(workshop, typed) == ann


@pytest.mark.parametrize("typed", ["AAA-AAA", "AAA-AA", "AAA-AAAA", "", None])
def test_participant_by_rejoin_code_misses(workshop, typed):
    """An unknown or wrong-length rejoin code finds nobody."""
    builders.make_participant(workshop)
    assert Participant.by_rejoin_code(workshop, typed) is None


def test_rejoin_code_belongs_to_one_workshop(team, workshop):
    """A rejoin code is looked up only within its own workshop."""
    other = builders.make_workshop(team, title="Other")
    ann = builders.make_participant(workshop, display_name="Ann")
    assert Participant.by_rejoin_code(other, ann.rejoin_code) is None


def test_a_new_rejoin_code_is_never_one_already_taken(app, workshop, monkeypatch):
    """Joining picks a rejoin code nobody in the workshop has: a clash is
    drawn again, never an error."""
    taken = builders.make_participant(workshop, display_name="First").rejoin_code
    draws = iter([taken, taken, "ACD-EFG"])
    monkeypatch.setattr(
        participant_module, "readable_code", lambda *a, **k: next(draws)
    )

    assert Participant.free_rejoin_code(workshop) == "ACD-EFG"
