"""The method loader and the interface-string extractor."""

import json
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.util import pathmatch
from pydantic import ValidationError

from app import create_app
from app.methods import library
from app.methods.library import (
    DEFAULT_DIR,
    MethodContentError,
    builtin_methods,
    get_builtin,
    iter_texts,
    load_builtin,
)
from app.methods.schema import method_from_content
from config import TestingConfig

ROOT = Path(__file__).resolve().parents[2]
DELETE = object()


def checklist_data():
    """The CCPS checklist file's data, for a test to break one thing in."""
    return yaml.safe_load((DEFAULT_DIR / "ccps-checklist.yaml").read_text("utf-8"))


def put(data, where, value):
    """Set (or with DELETE, remove) the field at path `where` in `data`."""
    *parents, last = where
    for part in parents:
        data = data[part]
    if value is DELETE:
        del data[last]
    else:
        data[last] = value


def load_error(directory, name, text):
    """The message of the MethodContentError loading file `name` raises."""
    (directory / name).write_text(text, encoding="utf-8")
    with pytest.raises(MethodContentError) as raised:
        load_builtin(directory)
    return str(raised.value)


ITEM_TEXT = ("content", "sections", 0, "items", 2, "text")


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        pytest.param(
            ("content", "scale", 1, "value"),
            "one",
            "content.scale.1.value: Input should be a valid integer",
            id="bad-type",
        ),
        pytest.param(
            ("content", "comment"),
            True,
            "content.comment: Extra inputs are not permitted",
            id="unknown-field",
        ),
        pytest.param(("minutes",), DELETE, "minutes: Field required", id="missing"),
        pytest.param(
            ("id",),
            "ccps-list",
            "id: 'ccps-list' should be the file name, 'ccps-checklist'",
            id="id-not-file-name",
        ),
        pytest.param(
            ITEM_TEXT,
            "Our commissioning is ethical",
            f"{'.'.join(map(str, ITEM_TEXT))}: Input should be a valid dictionary",
            id="bare-string",
        ),
        pytest.param(
            ITEM_TEXT,
            {"quote": "Ethical", "interface": "Ethical"},
            f"{'.'.join(map(str, ITEM_TEXT))}: Value error, Give exactly one",
            id="two-marks",
        ),
        pytest.param(
            ("kind",),
            "wall",
            "kind: Input should be one of: board, scenario, pathway, checklist",
            id="unknown-kind",
        ),
        pytest.param(("kind",), DELETE, "kind: Input should be one of", id="no-kind"),
        pytest.param(
            ("content", "sections", 0, "items", 1, "key"),
            "element-1",
            "content.sections.0.items: Value error, Keys should be unique, "
            "repeated: element-1",
            id="repeated-key",
        ),
        pytest.param(
            ("source",),
            None,
            "Value error, A method that quotes should name its source",
            id="quotes-without-source",
        ),
    ],
)
def test_broken_file_is_refused_naming_file_and_field(tmp_path, where, value, message):
    """A content file that breaks the schema stops loading, and the error says
    which file and which field."""
    data = checklist_data()
    put(data, where, value)
    error = load_error(tmp_path, "ccps-checklist.yaml", yaml.safe_dump(data))
    assert f"ccps-checklist.yaml: {message}" in error


def test_shipped_file_may_not_hold_own_wording(tmp_path):
    """`own` marks a team's wording in its copy; a shipped file using it is
    refused, naming the file and each field."""
    data = checklist_data()
    put(data, ITEM_TEXT, {"own": "Our commissioning is ethical"})
    put(data, ("title",), {"own": "Our checklist"})
    error = load_error(tmp_path, "ccps-checklist.yaml", yaml.safe_dump(data))
    assert error.splitlines() == [
        "ccps-checklist.yaml: title: own wording is for a team's copy; "
        "mark it quote or interface",
        f"ccps-checklist.yaml: {'.'.join(map(str, ITEM_TEXT))}: own wording is "
        "for a team's copy; mark it quote or interface",
    ]


def test_a_team_copy_may_hold_own_wording():
    """A stored copy with the team's own wording validates, marks kept."""
    stored = get_builtin("ccps-checklist").as_content()
    stored["title"] = {"own": "Our checklist"}
    method = method_from_content(stored)
    assert (method.title.mark, method.title.text) == ("own", "Our checklist")
    assert method.as_content()["title"] == {"own": "Our checklist"}


def test_every_problem_is_reported(tmp_path):
    """All of a file's problems are listed, one line each, not just the first."""
    data = checklist_data()
    put(data, ("minutes",), "long")
    put(data, ("content", "agree"), "yes")
    error = load_error(tmp_path, "ccps-checklist.yaml", yaml.safe_dump(data))
    assert error.splitlines() == [
        "ccps-checklist.yaml: minutes: Input should be a valid integer",
        "ccps-checklist.yaml: content.agree: Input should be a valid boolean",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("id: [open", "not valid YAML", id="bad-yaml"),
        pytest.param("- a list\n", "should be a mapping", id="not-a-mapping"),
        pytest.param("", "should be a mapping", id="empty"),
    ],
)
def test_unreadable_file_is_refused(tmp_path, text, message):
    """A file that is not a YAML mapping is refused with its name."""
    assert load_error(tmp_path, "open-board.yaml", text).startswith(
        f"open-board.yaml: {message}"
    )


@pytest.mark.parametrize("method_id", sorted(builtin_methods()))
def test_stored_copy_round_trips(method_id):
    """An activity's stored copy is plain JSON, keeps the marks, and gives back
    the same method."""
    method = get_builtin(method_id)
    stored = json.loads(json.dumps(method.as_content()))
    assert (stored["method"], stored["version"]) == (method_id, method.version)
    assert set(stored["title"]) == {method.title.mark}
    assert method_from_content(stored) == method


def test_builtin_library_cannot_be_changed():
    """The cached library is shared by every request, so it is read-only."""
    with pytest.raises(TypeError):
        builtin_methods()["open-board"] = None
    with pytest.raises(ValidationError):
        get_builtin("open-board").version = 2


def test_get_builtin_unknown_is_none():
    """An id the library does not hold gives None, not an error."""
    assert get_builtin("no-such-method") is None


def babel_method(relative):
    """The extraction method babel.cfg maps the file at `relative` to."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, _ = parse_mapping_cfg(cfg)
    return next(
        method for pattern, method in method_map if pathmatch(pattern, relative)
    )


@pytest.mark.parametrize(
    "path", sorted(DEFAULT_DIR.glob("*.yaml")), ids=lambda path: path.name
)
def test_babel_extracts_interface_strings_only(path):
    """Through babel.cfg each content file gives its interface strings, at
    their lines, and none of its quotes."""
    relative = path.relative_to(ROOT).as_posix()
    messages = extract_from_file(babel_method(relative), str(path))
    method = get_builtin(path.stem)
    assert [text for _, text, _, _ in messages] == [
        text for _, mark, text in iter_texts(method) if mark == "interface"
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert all("interface" in lines[lineno - 1] for lineno, *_ in messages)


def test_a_broken_content_file_stops_the_app_starting(tmp_path, monkeypatch):
    """create_app loads the library: a broken file is a clear start-up error
    naming the file and the field, not a failure later in a request."""
    data = checklist_data()
    put(data, ("content", "scale", 1, "value"), "two")
    (tmp_path / "ccps-checklist.yaml").write_text(yaml.safe_dump(data))
    monkeypatch.setattr(library, "DEFAULT_DIR", tmp_path)
    library.builtin_methods.cache_clear()
    try:
        with pytest.raises(MethodContentError) as error:
            create_app(TestingConfig)
    finally:
        library.builtin_methods.cache_clear()
    assert "ccps-checklist.yaml: content.scale.1.value:" in str(error.value)
