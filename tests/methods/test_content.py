"""The built-in method files: each validates, and holds what its source gives."""

import pytest
from pydantic import BaseModel

from app.methods.library import DEFAULT_DIR, builtin_methods, parse_file
from app.methods.schema import iter_texts
from tests.methods import SEEDS

FILES = sorted(DEFAULT_DIR.glob("*.yaml"))
METHOD_IDS = sorted(path.stem for path in FILES)


def method(method_id):
    return builtin_methods()[method_id]


def item_counts(checklist):
    """Section key -> number of items, for a checklist method."""
    return {section.key: len(section.items) for section in checklist.content.sections}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_content_file_validates(path):
    """Every content file parses under its kind's schema, its id its file name."""
    assert parse_file(path.name, path.read_text(encoding="utf-8")).id == path.stem


def test_library_holds_every_file():
    """The built-in library is exactly the content files."""
    assert sorted(builtin_methods()) == METHOD_IDS


def test_peoples_borough_stages_and_topics():
    """People's Borough: Stage 1 with 8 topics and Stage 3 with 5."""
    stages = method("peoples-borough").content.stages
    assert [stage.title.text for stage in stages] == [
        "Specifying the framework contract",
        "Enabling the new approach to work effectively",
    ]
    assert [len(stage.topics) for stage in stages] == [8, 5]


def test_peoples_borough_columns():
    """Issues and ways forward are always there; enablers and barriers optional."""
    columns = method("peoples-borough").content.columns
    assert [(c.key, c.optional) for c in columns] == [
        ("issues", False),
        ("ways-forward", False),
        ("enablers", True),
        ("barriers", True),
    ]


def test_ccps_checklist_elements_and_scale():
    """CCPS: 8 elements, scored 2/1/0 with the source's labels, agreed after."""
    checklist = method("ccps-checklist").content
    assert item_counts(method("ccps-checklist")) == {"elements": 8}
    assert [(p.value, p.label.mark) for p in checklist.scale] == [
        (2, "quote"),
        (1, "quote"),
        (0, "quote"),
    ]
    assert (checklist.comments, checklist.priorities, checklist.agree) == (
        True,
        False,
        True,
    )


def test_ccps_spectrum_dimensions():
    """The spectrum has 11 dimensions on a 5-point scale, both poles quoted."""
    spectrum = method("ccps-spectrum").content
    assert spectrum.points == 5
    assert len(spectrum.dimensions) == 11
    assert {d.left.mark for d in spectrum.dimensions} == {"quote"}
    assert {d.right.mark for d in spectrum.dimensions} == {"quote"}


def test_ccps_reflection_practices():
    """One column per practice (8), with that practice's reflection questions."""
    columns = method("ccps-reflection").content.columns
    assert [len(column.prompts) for column in columns] == [3, 3, 3, 4, 4, 4, 2, 2]


def test_ipc_behaviours_stages():
    """IPC: every stage and sub-stage of Doing holds all of its behaviours."""
    assert item_counts(method("ipc-behaviours")) == {
        "engaging": 7,
        "planning": 4,
        "market-facilitation": 4,
        "procurement": 13,
        "contracting": 10,
        "reviewing": 7,
        "overall": 10,
    }
    checklist = method("ipc-behaviours").content
    assert (checklist.comments, checklist.priorities, checklist.agree) == (
        True,
        True,
        False,
    )


def test_welsh_standards():
    """The Welsh framework's 13 commissioning standards, in one section."""
    assert item_counts(method("welsh-standards")) == {"standards": 13}


def test_lga_councils_themes():
    """The LGA strategy's five themes, each with its "what should councils do"."""
    sections = method("lga-councils").content.sections
    assert [section.title.text for section in sections] == [
        "Leadership",
        "Outcomes focused procurement",
        "Partnering and collaboration",
        "A person centred approach",
        "Development of markets",
    ]
    assert [len(section.items) for section in sections] == [4, 4, 4, 5, 5]


def test_yellow_brick_road_lanes():
    """The pathway's lanes: steps, resources, walls, ways over, measures."""
    lanes = method("yellow-brick-road").content.lanes
    assert [lane.key for lane in lanes] == [
        "steps",
        "resources",
        "walls",
        "overcome",
        "measures",
    ]


def test_open_board_is_ours():
    """The open board quotes nothing and starts with one column."""
    board = method("open-board")
    assert {mark for _, mark, _ in iter_texts(board)} == {"interface"}
    assert [column.key for column in board.content.columns] == ["ideas"]


def keyed_lists(node, path="content"):
    """(path, keys) for every list of keyed items inside `node`."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from keyed_lists(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, tuple) and node and hasattr(node[0], "key"):
        yield path, [item.key for item in node]
        for index, item in enumerate(node):
            yield from keyed_lists(item, f"{path}.{index}")


@pytest.mark.parametrize("method_id", METHOD_IDS)
def test_keys_unique_within_lists(method_id):
    """Items are joined across versions by key, so no list repeats one."""
    for path, keys in keyed_lists(method(method_id).content):
        assert len(keys) == len(set(keys)), path


@pytest.mark.parametrize("method_id", METHOD_IDS)
def test_source_credited_and_present(method_id):
    """A method that quotes credits its source, and the source is in seeds."""
    source = method(method_id).source
    if source is None:
        assert "quote" not in {mark for _, mark, _ in iter_texts(method(method_id))}
        return
    assert source.title and source.publisher
    assert (SEEDS / source.file).is_file()
