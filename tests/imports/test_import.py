"""Importing an archive (app/imports/): the round trip equal on the report,
a new open workshop with fresh ids and codes in the importing team, and
every kind of bad file refused with a clear reason and nothing written."""

import dataclasses
import io
import json
import zipfile
from datetime import date

import pytest
import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from app.exports.archive import write_json
from app.extensions import db
from app.imports import ImportProblem, rows
from app.imports.archive import import_archive
from app.kinds import checklist, spectrum
from app.kinds.roles import with_role_labels
from app.models import (
    Activity,
    Group,
    Note,
    Participant,
    PathwayCard,
    ReportText,
    Score,
    Series,
    SpectrumMark,
    Theme,
    Vote,
    Workshop,
)
from app.report.model import build, records
from tests import builders
from tests.builders import activity_row
from tests.exports.every_kind import every_kind, make_room

TABLES = (
    Workshop,
    Activity,
    Group,
    Participant,
    Note,
    Theme,
    Vote,
    Score,
    SpectrumMark,
    PathwayCard,
    ReportText,
)


def exported(workshop, tmp_path):
    path = tmp_path / "archive.zip"
    write_json(workshop, path, lambda percent: None)
    return path.read_bytes()


def document_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("workshop.json"))


def zipped(document, name="workshop.json"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        text = document if isinstance(document, str | bytes) else json.dumps(document)
        archive.writestr(name, text)
    return buffer.getvalue()


def upload(data):
    return FileStorage(io.BytesIO(data), filename="archive.zip")


def counts():
    return {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in TABLES
    }


@pytest.fixture
def elsewhere(app):
    """Another team, and a facilitator of it who imports."""
    other = builders.make_team("Elsewhere")
    return other, builders.make_user(other, email="importer@example.org")


@pytest.fixture
def room(team):
    return every_kind(team)


@pytest.fixture
def archive(room, tmp_path):
    return exported(room.workshop, tmp_path)


_SAMPLE = {}


@pytest.fixture
def sample(team, tmp_path):
    """An archive of a workshop of every kind, made once for the tests that
    only spoil it (making one takes a few hundred changes)."""
    if "archive" not in _SAMPLE:
        _SAMPLE["archive"] = exported(every_kind(team).workshop, tmp_path)
    return _SAMPLE["archive"]


def without_ids(report):
    """The report as plain data, without the ids that an import makes anew."""
    found = dataclasses.asdict(report)
    del found["workshop_id"]
    for section in found["sections"]:
        del section["id"]
    return found


def test_the_round_trip_gives_the_same_report_and_raw_data(room, archive, elsewhere):
    """Exported and imported into another team, a workshop of every kind and
    mode reads the same in its report and its raw data."""
    imported = import_archive(*elsewhere, upload(archive))

    assert without_ids(build(imported)) == without_ids(build(room.workshop))
    assert records(imported) == records(room.workshop)
    assert len(build(imported).sections) == len(room.activities)


def test_the_split_by_role_survives_the_round_trip(room, archive, elsewhere):
    """Stand-ins with the archive's role buckets split the checklist and the
    spectrum as before, "other roles" and its label included; nobody among
    them has the lone role of the person with lived experience."""
    imported = import_archive(*elsewhere, upload(archive))

    for kind in (checklist, spectrum):
        before = kind.results(activity_row(room.activities[kind.KIND.key]))
        after = kind.results(_of_kind(imported, kind.KIND.key))
        assert after["by_role"] == before["by_role"]
        labels = {row["role"] for row in with_role_labels(after["by_role"])}
        assert labels == {"Provider", "Commissioner", "Other roles"}
    stand_ins = db.session.scalars(
        sa.select(Participant.role)
        .join(Score, Score.participant_id == Participant.id)
        .filter(Participant.workshop_id == imported.id)
    )
    assert "lived_experience" not in set(stand_ins)


def _of_kind(workshop, kind):
    return db.session.scalar(
        sa.select(Activity).filter_by(workshop_id=workshop.id, kind=kind)
    )


def test_an_import_is_a_new_open_workshop_with_fresh_ids_and_codes(
    room, archive, elsewhere
):
    """The team is the importer's; the workshop is open with its phases as
    exported; every public id, join code and rejoin code is new."""
    team, user = elsewhere
    imported = import_archive(team, user, upload(archive))

    assert (imported.team_id, imported.created_by_id) == (team.id, user.id)
    assert imported.is_open and imported.title == "Provider forum"
    assert imported.join_code != room.workshop.join_code
    phases = db.session.scalars(
        sa.select(Activity.phase)
        .filter_by(workshop_id=imported.id)
        .order_by(Activity.position)
    ).all()
    assert phases == [
        "discussion", "closed", "writing", "agree", "reveal", "review", "feedback"
    ]  # fmt: skip
    old = _public_ids(room.workshop)
    assert old and not old & _public_ids(imported)
    codes = {person.rejoin_code for person in room.people}
    assert not codes & {person.rejoin_code for person in imported.participants}


def _public_ids(workshop):
    ids = set()
    for model in (Activity, Group, Participant):
        query = sa.select(model.public_id).filter_by(workshop_id=workshop.id)
        ids |= set(db.session.scalars(query))
    activities = sa.select(Activity.id).filter_by(workshop_id=workshop.id)
    for model in (Note, Theme, PathwayCard):
        query = sa.select(model.public_id).filter(model.activity_id.in_(activities))
        ids |= set(db.session.scalars(query))
    return ids


def test_group_references_in_settings_name_the_new_groups(room, archive, elsewhere):
    """A scenario's allocation and a pathway's group service name the
    imported workshop's own groups."""
    imported = import_archive(*elsewhere, upload(archive))

    groups = {
        group.name: group.public_id
        for group in db.session.scalars(
            sa.select(Group).filter_by(workshop_id=imported.id)
        )
    }
    content = {
        activity.kind: activity.content
        for activity in db.session.scalars(
            sa.select(Activity).filter_by(workshop_id=imported.id)
        )
    }
    assert content["scenario"]["allocation"] == {
        "types-of-services": [groups["Table 1"]],
        "sub-contracting": [groups["Table 2"]],
    }
    assert content["pathway"]["services"] == {groups["Table 1"]: "Day care"}


def test_people_who_did_not_agree_to_be_named_arrive_without_names(
    room, archive, elsewhere
):
    """Only consenting people keep their names and organisations."""
    imported = import_archive(*elsewhere, upload(archive))

    people = {p.display_name: p.organisation for p in imported.participants}
    assert people["Ann Named"] == "Acme Care"
    assert "Bob Quiet" not in people
    assert "Secret Org" not in people.values()


def test_importing_twice_makes_two_workshops(room, archive, elsewhere):
    """Archive ids are only references inside the file: the same archive
    imported twice (into the same team) makes two separate workshops."""
    first = import_archive(*elsewhere, upload(archive))
    second = import_archive(*elsewhere, upload(archive))

    assert first.id != second.id and first.join_code != second.join_code
    assert without_ids(build(first)) == without_ids(build(second))


def test_an_actions_review_imports_without_the_other_teams_actions(
    team, tmp_path, elsewhere
):
    """A review of a series' actions arrives as a review in no series, with
    nothing before the room: the actions were the other team's."""
    series = Series(team_id=team.id, title="Home care forum")
    db.session.add(series)
    db.session.commit()
    last, workshop = (
        builders.make_workshop(team, series_id=series.id, date=date(2025, month, 15))
        for month in (1, 4)
    )
    agreed = builders.act(
        builders.facilitator_actor(last),
        "follow_up.create",
        {"title": "Publish the fee uplift"},
    )
    fac = builders.facilitator_actor(workshop)
    review = builders.act(fac, "workshop.add_activity", {"method": "series-actions"})
    review = review["result"]["activity"]
    builders.set_phase(fac, review, "review")
    show = {"activity": review, "follow_up": agreed["result"]["follow_up"]}
    builders.act(fac, "actions.show", show)
    assert activity_row(review).content["showing"] == show["follow_up"]

    imported = import_archive(*elsewhere, upload(exported(workshop, tmp_path)))

    (activity,) = db.session.scalars(
        sa.select(Activity).filter_by(workshop_id=imported.id)
    )
    assert (activity.kind, activity.phase) == ("actions", "review")
    assert activity.content["showing"] is None
    assert imported.series_id is None


def test_anonymous_scores_hang_on_stand_ins_that_nobody_sees(team, tmp_path, elsewhere):
    """An anonymous checklist's scores arrive linked to nobody who took part:
    the people counted are the real ones, and its results are as before."""
    room = make_room(team)
    checklist = builders.act(
        room.fac,
        "workshop.add_activity",
        {"method": "ccps-checklist", "anonymous": "y"},
    )["result"]["activity"]
    builders.set_phase(room.fac, checklist, "scoring")
    for number in (0, 1):
        payload = {"activity": checklist, "item": "element-1", "value": 2}
        builders.act(room.actor(number), "checklist.score", payload)
    builders.set_phase(room.fac, checklist, "reveal")

    imported = import_archive(*elsewhere, upload(exported(room.workshop, tmp_path)))

    assert without_ids(build(imported)) == without_ids(build(room.workshop))
    scorers = db.session.scalars(
        sa.select(Participant)
        .join(Score, Score.participant_id == Participant.id)
        .filter(Participant.workshop_id == imported.id)
    ).all()
    assert len(scorers) == 2
    assert all(p.is_removed and not p.consent_named for p in scorers)
    assert build(imported).people.total == len(room.people)


def test_script_in_text_is_stored_as_text(sample, elsewhere):
    """Text that looks like markup is kept exactly as typed (escaping it is
    each output's job)."""
    document = document_of(sample)
    document["workshop"]["title"] = "<script>alert(1)</script>"

    imported = import_archive(*elsewhere, upload(zipped(document)))

    assert imported.title == "<script>alert(1)</script>"


# --- bad files: a clear reason, and nothing written ---------------------------


def _truncated(archive):
    return archive[: len(archive) // 2]


def _damaged(archive):
    """The compressed bytes changed: the member's checksum no longer holds."""
    start = archive.index(b"workshop.json") + len("workshop.json") + 200
    broken = bytes(byte ^ 0xFF for byte in archive[start : start + 40])
    return archive[:start] + broken + archive[start + 40 :]


def _edited(change):
    def edit(archive):
        document = document_of(archive)
        change(document)
        return zipped(document)

    return edit


def _activity(document, kind):
    return next(a for a in document["workshop"]["activities"] if a["kind"] == kind)


def _set(path, value):
    """An edit setting `document[path...]` (ints index lists) to `value`."""

    def change(document):
        *parents, last = path
        node = document
        for key in parents:
            node = node[key]
        node[last] = value

    return _edited(change)


def _in_board(field, value):
    return _edited(
        lambda document: _activity(document, "board")["notes"][0].update({field: value})
    )


BAD = {
    "not a zip": (lambda archive: b"title,date\nForum,2025-01-01\n", "not a Common"),
    "an empty file": (lambda archive: b"", "not a Common"),
    "a zip of something else": (
        lambda archive: zipped("hello", name="notes.txt"),
        "not a Common",
    ),
    "another format": (_set(["format"], "someone-else"), "not a Common"),
    "a newer version": (_set(["version"], 2), "format 2"),
    "a version that is not a number": (_set(["version"], "1"), "not a Common"),
    "truncated": (_truncated, "damaged or incomplete"),
    "damaged": (_damaged, "damaged or incomplete"),
    "not JSON": (lambda archive: zipped(b"{'title': 1"), "not valid JSON"),
    "not UTF-8": (lambda archive: zipped(b'{"a": "\xff"}'), "not valid JSON"),
    "nested too deep": (lambda archive: zipped("[" * 100_000), "not valid JSON"),
    "JSON that is not an object": (lambda archive: zipped("[1, 2]"), "not a Common"),
    "a field missing": (
        _edited(lambda document: document["workshop"].pop("title")),
        "workshop.title",
    ),
    "a field misspelt": (_set(["workshop", "titel"], "Forum"), "workshop.titel"),
    "a string for a boolean": (
        _set(["workshop", "activities", 0, "in_groups"], "yes"),
        "workshop.activities.0.in_groups",
    ),
    "a text too long": (_in_board("text", "x" * 501), "notes.0.text"),
    "an unknown role": (
        _set(["workshop", "participants", 0, "role"], "king"),
        "participants.0.role",
    ),
    "a bad date": (_set(["workshop", "date"], "2025-02-30"), "workshop.date"),
    "a bad order key": (_in_board("order", "!!"), "notes.0.order"),
    "a NUL in text": (_in_board("text", "a\x00b"), "notes.0.text"),
    "a note by nobody known": (_in_board("author", "p99"), "“p99”"),
    "a note under no known theme": (_in_board("theme", "t99"), "notes.0.theme"),
    "a note in no column": (_in_board("column", "elsewhere"), "notes.0.column"),
    "an id used twice": (
        _set(["workshop", "participants", 1, "id"], "p1"),
        "twice",
    ),
    "a current activity not there": (
        _set(["workshop", "current_activity"], "a99"),
        "workshop.current_activity",
    ),
    "an unknown kind": (
        _set(["workshop", "activities", 0, "kind"], "whiteboard"),
        "whiteboard",
    ),
    "a phase the kind lacks": (
        _set(["workshop", "activities", 0, "phase"], "dancing"),
        "activities.0.phase",
    ),
    "a broken frozen method": (
        _edited(lambda d: _activity(d, "checklist")["content"]["method"].pop("title")),
        "content.method.title",
    ),
    "a score off the scale": (
        _edited(lambda d: _activity(d, "checklist")["scores"][0].update(value=7)),
        "scores.0.value",
    ),
    "an author in an anonymous activity": (
        _edited(
            lambda d: d["workshop"]["activities"][1]["notes"][0].update(author="p1")
        ),
        "anonymous",
    ),
    "a voter on a vote": (
        _edited(lambda d: _activity(d, "board")["votes"][0].update(voter="p1")),
        "votes.0.voter",
    ),
    "a participant on a score": (
        _edited(
            lambda d: _activity(d, "checklist")["scores"][0].update(participant="p1")
        ),
        "scores.0.participant",
    ),
    "a mark by no respondent listed": (
        _edited(
            lambda d: _activity(d, "spectrum")["marks"][0].update(respondent="r99")
        ),
        "“r99”",
    ),
    "an unknown role bucket": (
        _edited(
            lambda d: _activity(d, "checklist")["respondents"][0].update(role="king")
        ),
        "respondents.0.role",
    ),
    "a role in an anonymous activity": (
        _edited(lambda d: _activity(d, "checklist")["content"].update(anonymous=True)),
        "anonymous",
    ),
    "a way over a wall on no step": (
        _edited(lambda d: _activity(d, "pathway")["cards"][4].update(step=None)),
        "cards.4.step",
    ),
    "a topic given to a group not there": (
        _edited(
            lambda d: _activity(d, "scenario")["content"]["allocation"].update(
                {"sub-contracting": ["g9"]}
            )
        ),
        "“g9”",
    ),
    "scores on a board": (
        _edited(
            lambda d: _activity(d, "board").update(
                scores=_activity(d, "checklist")["scores"]
            )
        ),
        "scores",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_archive_is_refused_clearly_and_nothing_is_written(
    case, sample, elsewhere
):
    """Not ours, newer, truncated, damaged, not JSON, not in the schema,
    pointing at nothing, of an unknown kind: refused, naming the problem."""
    make, expected = BAD[case]
    before = counts()

    with pytest.raises(ImportProblem) as refusal:
        import_archive(*elsewhere, upload(make(sample)))

    assert expected in refusal.value.message
    assert counts() == before


def test_the_upload_limit_refuses_a_large_file(app, sample, elsewhere):
    app.config["IMPORT_MAX_BYTES"] = len(sample) - 1
    before = counts()

    with pytest.raises(ImportProblem, match="too big"):
        import_archive(*elsewhere, upload(sample))
    assert counts() == before


def test_a_zip_bomb_is_refused_from_its_declared_size(app, elsewhere):
    """A small zip that would unpack to more than the limit is refused before
    anything is unpacked."""
    app.config["IMPORT_MAX_UNPACKED_BYTES"] = 1024 * 1024
    bomb = zipped(b" " * (50 * 1024 * 1024))
    assert len(bomb) < 100_000
    before = counts()

    with pytest.raises(ImportProblem, match="unpacks to more than 1 MB"):
        import_archive(*elsewhere, upload(bomb))
    assert counts() == before


def test_a_zip_bomb_that_lies_about_its_size_is_refused(app, elsewhere):
    """Declaring a small size does not help: no more than the limit is read,
    and the member then fails its check."""
    app.config["IMPORT_MAX_UNPACKED_BYTES"] = 1024 * 1024
    bomb = bytearray(zipped(b" " * (20 * 1024 * 1024)))
    true_size = (20 * 1024 * 1024).to_bytes(4, "little")
    # The uncompressed size, in the local header and the central directory.
    for start in _all(bomb, true_size):
        bomb[start : start + 4] = (1000).to_bytes(4, "little")

    with pytest.raises(ImportProblem):
        import_archive(*elsewhere, upload(bytes(bomb)))


def _all(data, part):
    found, start = [], data.find(part)
    while start != -1:
        found.append(start)
        start = data.find(part, start + 1)
    return found


def test_a_failure_while_writing_leaves_nothing_half_imported(
    sample, elsewhere, monkeypatch
):
    """Rows already written for the workshop go again if a later one fails."""
    made_activities = rows.Made.activities

    def then_fail(self, *args):
        made_activities(self, *args)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(rows.Made, "activities", then_fail)
    before = counts()

    with pytest.raises(RuntimeError):
        import_archive(*elsewhere, upload(sample))
    assert counts() == before
