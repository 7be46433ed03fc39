"""The built-in method library: content files read and validated at start-up."""

import functools
import re
from pathlib import Path
from types import MappingProxyType

import yaml
from pydantic import ValidationError

from app.methods.schema import KINDS, iter_texts, parse_method

__all__ = [
    "DEFAULT_DIR",
    "MethodContentError",
    "builtin_methods",
    "get_builtin",
    "iter_texts",
    "load_builtin",
    "normalise_quote",
    "parse_file",
]

DEFAULT_DIR = Path(__file__).resolve().parent / "content"


class MethodContentError(Exception):
    """A content file is unreadable or breaks the schema; says file and field."""


def load_builtin(directory=DEFAULT_DIR):
    """Every method in `directory`'s `*.yaml` files by id, or MethodContentError."""
    methods = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        method = parse_file(path.name, path.read_text(encoding="utf-8"))
        # Files in one folder have distinct names, so ids equal to the file
        # names are unique too.
        if method.id != path.stem:
            raise MethodContentError(
                f"{path.name}: id: {method.id!r} should be the file name, {path.stem!r}"
            )
        methods[method.id] = method
    return methods


def parse_file(name, text):
    """The method in content file `name` holding `text`, or MethodContentError."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise MethodContentError(f"{name}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise MethodContentError(f"{name}: should be a mapping of field: value")
    try:
        method = parse_method(data)
    except ValidationError as error:
        lines = (f"{name}: {_describe(detail)}" for detail in error.errors())
        raise MethodContentError("\n".join(lines)) from error
    _refuse_own_wording(name, method)
    return method


def _refuse_own_wording(name, method):
    """A shipped method's words are quoted or ours to translate: `own` marks
    a team's wording, and only a team's copy may hold it."""
    owned = [path for path, mark, _ in iter_texts(method) if mark == "own"]
    if owned:
        lines = (
            f"{name}: {path}: own wording is for a team's copy; mark it quote "
            "or interface"
            for path in owned
        )
        raise MethodContentError("\n".join(lines))


def _describe(detail):
    """`field.path: message`, the path as written in the file."""
    if detail["type"] == "method_kind":
        return f"kind: {detail['msg']}"
    loc = detail["loc"]
    # The kind union puts the chosen kind in front of each location; files
    # have no such level.
    if loc and loc[0] in KINDS:
        loc = loc[1:]
    path = ".".join(str(part) for part in loc)
    return f"{path}: {detail['msg']}" if path else detail["msg"]


@functools.cache
def builtin_methods():
    """The built-in methods by id, loaded and validated once per process."""
    # Read-only, since every request shares this one mapping.
    return MappingProxyType(load_builtin(DEFAULT_DIR))


def get_builtin(method_id):
    """The built-in method `method_id`, or None if there is none."""
    return builtin_methods().get(method_id)


_EMPHASIS_AND_FOOTNOTES = str.maketrans("", "", "*_⁰¹²³⁴⁵⁶⁷⁸⁹")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
_SINGLE_QUOTES = re.compile("[\u2018\u2019\u201a\u2032]")
_DOUBLE_QUOTES = re.compile("[\u201c\u201d\u201e\u2033]")


def normalise_quote(text):
    """`text` as quotes are matched against sources: markdown emphasis and
    footnote markers gone, dashes and quote marks unified, whitespace collapsed.
    """
    text = text.translate(_EMPHASIS_AND_FOOTNOTES)
    text = _DASHES.sub("-", text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    return " ".join(text.split())
