"""The spectrum kind: private marks (now and aspiration) per dimension; the
reveal's counts overall and by role (never a bucket under three people); and
what each stream sees."""

import json

import pytest
import sqlalchemy as sa

from app import audiences
from app.extensions import db
from app.kinds import spectrum
from app.models import SpectrumMark
from tests import builders
from tests.builders import act, activity_row, participant_actor, refused, set_phase

FIRST, LAST = "identification-of-need", "power-difference"


def make_spectrum(fac, phase="mark"):
    payload = {"method": "ccps-spectrum"}
    activity = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    if phase != "not_started":
        set_phase(fac, activity, phase)
    return activity


def mark(actor, activity, dimension=FIRST, now=2, aspiration=4):
    payload = {
        "activity": activity,
        "dimension": dimension,
        "now": "" if now is None else now,
        "aspiration": "" if aspiration is None else aspiration,
    }
    return act(actor, "spectrum.mark", payload)


def view(activity, stream_key):
    return spectrum.snapshot(activity_row(activity), stream_key)


def stored():
    rows = db.session.scalars(sa.select(SpectrumMark).order_by(SpectrumMark.id))
    return [(row.dimension, row.now, row.aspiration) for row in rows]


@pytest.fixture
def plot(cast):
    return make_spectrum(cast.fac)


def test_activity_freezes_the_methods_dimensions_and_points(cast, plot):
    """The activity keeps a copy of the method: id, version, dimensions, poles."""
    method = activity_row(plot).content["method"]

    assert (method["method"], method["version"], method["kind"]) == (
        "ccps-spectrum",
        1,
        "spectrum",
    )
    content = method["content"]
    assert content["points"] == 5
    assert len(content["dimensions"]) == 11
    assert content["dimensions"][0]["key"] == FIRST
    assert content["left_label"] == {"quote": "Traditional commissioning"}
    assert activity_row(plot).phase == "mark"


def test_marks_are_kept_and_seen_only_by_their_author(cast, plot):
    """Before the reveal, a mark is on its author's private stream alone."""
    mark(cast.ann_actor, plot, now=1, aspiration=5)

    assert view(plot, audiences.private(cast.ann)) == {
        "mine": {FIRST: {"now": 1, "aspiration": 5}}
    }
    assert view(plot, audiences.private(cast.bob)) == {"mine": {}}
    assert view(plot, audiences.PARTICIPANTS) == {}
    for shared in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        assert view(plot, shared) == {"marked": 1}


def test_marking_again_replaces_the_marks(cast, plot):
    mark(cast.ann_actor, plot, now=2, aspiration=4)
    mark(cast.ann_actor, plot, now=3, aspiration=None)

    assert stored() == [(FIRST, 3, None)]


def test_taking_both_marks_back_leaves_nothing_marked(cast, plot):
    """Two empty marks remove the row, so the person no longer counts as marked."""
    mark(cast.ann_actor, plot)
    mark(cast.ann_actor, plot, now=None, aspiration=None)

    assert stored() == []
    assert view(plot, audiences.FACILITATORS) == {"marked": 0}
    assert view(plot, audiences.private(cast.ann)) == {"mine": {}}


def test_facilitators_see_how_many_have_marked_but_not_where(cast, plot):
    mark(cast.ann_actor, plot, dimension=FIRST)
    mark(cast.ann_actor, plot, dimension=LAST)
    mark(cast.bob_actor, plot, dimension=LAST)

    state = view(plot, audiences.FACILITATORS)

    assert state == {"marked": 2}


def test_mark_event_reaches_the_author_facilitators_and_projector_only(cast, plot):
    """Before the reveal a mark goes to no shared participant stream."""
    ack = mark(cast.ann_actor, plot)

    assert set(ack["streams"]) == {
        audiences.private(cast.ann),
        audiences.FACILITATORS,
        audiences.PROJECTOR_STREAM,
    }
    assert ack["result"] == {"dimension": FIRST, "now": 2, "aspiration": 4}


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"dimension": "no-such-dimension"}, "not_found"),
        ({"dimension": ""}, "invalid"),
        ({"now": 0}, "invalid"),
        ({"now": 6}, "invalid"),
        ({"now": "x"}, "invalid"),
        ({"aspiration": 0}, "invalid"),
        ({"aspiration": 6}, "invalid"),
        ({"aspiration": "x"}, "invalid"),
        ({"aspiration": -1}, "invalid"),
        ({"activity": "no-such-activity"}, "not_found"),
    ],
)
def test_bad_marks_are_refused_and_change_nothing(cast, plot, payload, code):
    before = builders.event_count()
    full = {"activity": plot, "dimension": FIRST, "now": 2, "aspiration": 4}

    refusal = refused(cast.ann_actor, "spectrum.mark", {**full, **payload})

    assert refusal.code == code
    assert stored() == []
    assert builders.event_count() == before


def test_a_refused_mark_leaves_earlier_marks_as_they_were(cast, plot):
    mark(cast.ann_actor, plot, now=2, aspiration=4)

    refused(
        cast.ann_actor,
        "spectrum.mark",
        {"activity": plot, "dimension": FIRST, "now": 1, "aspiration": 9},
    )

    assert stored() == [(FIRST, 2, 4)]


@pytest.mark.parametrize("phase", ["not_started", "reveal", "closed"])
def test_marking_is_refused_outside_the_mark_phase(cast, plot, phase):
    set_phase(cast.fac, plot, phase)

    refusal = refused(
        cast.ann_actor, "spectrum.mark", {"activity": plot, "dimension": FIRST}
    )

    assert refusal.code == "wrong_phase"
    assert refusal.message == "Marking is closed."


def test_facilitators_do_not_mark(cast, plot):
    refusal = refused(
        cast.fac, "spectrum.mark", {"activity": plot, "dimension": FIRST, "now": 1}
    )
    assert refusal.code == "not_allowed"


def test_a_mark_names_a_spectrum_not_another_kind(cast, plot):
    """A checklist is not a spectrum, even in a phase of the same name."""
    other = act(cast.fac, "workshop.add_activity", {"method": "ccps-checklist"})
    checklist = other["result"]["activity"]

    refusal = refused(
        cast.ann_actor,
        "spectrum.mark",
        {"activity": checklist, "dimension": FIRST, "now": 1},
    )

    assert refusal.code == "not_found"


# The reveal -------------------------------------------------------------------


def _room(workshop, roles):
    """Participants with these roles, as actors."""
    people = [
        builders.make_participant(workshop, display_name=f"P{n}", role=role)
        for n, role in enumerate(roles)
    ]
    return [participant_actor(person) for person in people]


def test_the_reveal_shows_counts_without_authors(cast, plot):
    mark(cast.ann_actor, plot, now=2, aspiration=4)
    mark(cast.ann_actor, plot, dimension=LAST, now=1, aspiration=None)
    mark(cast.bob_actor, plot, now=2, aspiration=5)

    set_phase(cast.fac, plot, "reveal")

    results = view(plot, audiences.PARTICIPANTS)["results"]
    assert results["respondents"] == 2
    assert results["overall"] == [
        {"dimension": FIRST, "which": "now", "position": 2, "count": 2},
        {"dimension": FIRST, "which": "aspiration", "position": 4, "count": 1},
        {"dimension": FIRST, "which": "aspiration", "position": 5, "count": 1},
        {"dimension": LAST, "which": "now", "position": 1, "count": 1},
    ]
    assert results["by_role"] is None  # two people: no bucket of three
    for stream in (audiences.PARTICIPANTS, audiences.PROJECTOR_STREAM):
        text = json.dumps(view(plot, stream))
        for person in (cast.ann, cast.bob):
            assert person.public_id not in text
            assert person.display_name not in text


def test_every_shared_stream_sees_the_results_once_revealed(cast, plot):
    mark(cast.ann_actor, plot)
    group = builders.make_group(cast.fac, "Table 1")
    set_phase(cast.fac, plot, "reveal")

    results = view(plot, audiences.PARTICIPANTS)["results"]
    for stream in (audiences.FACILITATORS, audiences.PROJECTOR_STREAM):
        assert view(plot, stream) == {"marked": 1, "results": results}
    assert view(plot, f"group:{group}") == {"results": results}
    # The author's private stream still holds only their own marks.
    assert view(plot, audiences.private(cast.ann)) == {
        "mine": {FIRST: {"now": 2, "aspiration": 4}}
    }


def test_results_split_by_role_only_in_buckets_of_three_or_more(cast, plot):
    roles = ["commissioner"] * 3 + ["provider"] * 4 + ["lived_experience", "carer"]
    for actor in _room(cast.workshop, roles):
        mark(actor, plot, now=2, aspiration=5)
    set_phase(cast.fac, plot, "reveal")

    by_role = view(plot, audiences.PARTICIPANTS)["results"]["by_role"]

    # The person with lived experience and the carer merge with the smallest
    # role (commissioners) into "other roles": no bucket of fewer than three.
    rows = [
        (row["dimension"], row["role"], row["which"], row["position"], row["count"])
        for row in by_role
    ]
    assert rows == [
        (FIRST, "other_roles", "now", 2, 5),
        (FIRST, "other_roles", "aspiration", 5, 5),
        (FIRST, "provider", "now", 2, 4),
        (FIRST, "provider", "aspiration", 5, 4),
    ]


def test_no_split_by_role_when_only_one_bucket_would_remain(cast, plot):
    for actor in _room(cast.workshop, ["provider"] * 3 + ["carer"]):
        mark(actor, plot, now=1)
    set_phase(cast.fac, plot, "reveal")

    assert view(plot, audiences.PARTICIPANTS)["results"]["by_role"] is None


def test_people_who_took_their_marks_back_are_not_respondents(cast, plot):
    """A role's bucket counts only people who still have a mark."""
    actors = _room(cast.workshop, ["provider"] * 3 + ["commissioner"] * 3)
    for actor in actors:
        mark(actor, plot)
    mark(actors[-1], plot, now=None, aspiration=None)
    set_phase(cast.fac, plot, "reveal")

    results = view(plot, audiences.PARTICIPANTS)["results"]

    assert results["respondents"] == 5
    assert results["by_role"] is None  # two commissioners left: too few


def test_a_mark_after_the_reveal_reaches_every_shared_stream(cast, plot):
    """Going back to marking after a reveal keeps the results live for all."""
    set_phase(cast.fac, plot, "reveal")
    set_phase(cast.fac, plot, "mark")

    ack = mark(cast.ann_actor, plot)

    assert audiences.PARTICIPANTS in ack["streams"]
    assert view(plot, audiences.PARTICIPANTS)["results"]["respondents"] == 1


def test_an_anonymous_spectrum_is_never_split_by_role(cast):
    """DESIGN.md: anonymous contributions carry no per-item role in any view."""
    payload = {"method": "ccps-spectrum", "anonymous": "y"}
    plot = act(cast.fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(cast.fac, plot, "mark")
    for actor in _room(cast.workshop, ["commissioner"] * 3 + ["provider"] * 3):
        mark(actor, plot, now=2, aspiration=5)
    set_phase(cast.fac, plot, "reveal")

    results = view(plot, audiences.PARTICIPANTS)["results"]
    assert results["respondents"] == 6 and results["by_role"] is None
