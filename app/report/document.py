"""The report as plain blocks that every format renders the same way.

Activity kinds describe their part of a report with these blocks and nothing
else (DESIGN.md, "Kinds"), so a new kind needs no change to any renderer.
Every string is text as typed or as the method words it: renderers escape it
for their format and never read markup into it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 3  # 3 within an activity's section; 4 below that


@dataclass(frozen=True)
class Paragraph:
    text: str
    # "": plain; "quote": the method's own wording; "muted": a side remark
    style: str = ""


@dataclass(frozen=True)
class Entry:
    """One item of a list: its text, a short detail line (e.g. "5 dots ·
    Ann Jones") and entries nested under it."""

    text: str
    detail: str = ""
    children: tuple = ()


@dataclass(frozen=True)
class Entries:
    entries: tuple
    ordered: bool = False
    # "": a plain list; "road": the steps of a pathway, drawn as a road
    style: str = ""


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple
    rows: tuple  # tuples of strings, as long as the header


@dataclass(frozen=True)
class Chart:
    """A chart from app/charts.py: its Vega-Lite specification, a one-sentence
    description (the image's alternative text) and its numbers as sentences
    (the text alternative shown beside it)."""

    key: str
    title: str
    spec: dict = field(compare=True, hash=False)
    description: str = ""
    lines: tuple = ()


BLOCKS = (Heading, Paragraph, Entries, Table, Chart)


@dataclass(frozen=True)
class Record:
    """One row of the raw data (CSV and XLSX): a note, vote, score, comment,
    mark or card. Names only where the person agreed and the activity is not
    anonymous; a role only as a bucket shown elsewhere in the report."""

    activity: str
    kind: str
    type: str
    item: str = ""  # the column, topic, checklist item, dimension or lane
    text: str = ""
    value: str = ""  # a score, a number of dots, a position
    group: str = ""
    author: str = ""
    role: str = ""
