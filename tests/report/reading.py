"""Reading a report's blocks and records in tests: every string in them,
however deeply nested, chart specifications included."""

import dataclasses

from app.report.model import Names


def strings(value):
    """Every string in `value`: blocks, records, tuples, dicts."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from strings(getattr(value, field.name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def text(value):
    """Every string in `value`, one per line: for `in` checks."""
    return "\n".join(strings(value))


def names_in(workshop):
    """The report's Names of `workshop`: who may be named."""
    return Names(workshop.participants)


def blocks_of(blocks, kind):
    """The blocks of one type (e.g. Entries), in order."""
    return [block for block in blocks if isinstance(block, kind)]


def leaves(entries):
    """Every Entry under some Entries blocks, depth first."""
    for block in entries:
        for entry in getattr(block, "entries", None) or getattr(block, "children", ()):
            yield entry
            yield from leaves([entry])
