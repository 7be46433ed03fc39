"""The report as Markdown (CommonMark with GitHub's pipe tables).

Every string is text, so each is escaped to read back as the same plain
text: no emphasis, link, image, heading, list, code or raw HTML can come
from a note or a method's wording. Line breaks typed within a text are kept
as hard breaks; charts are their description and their numbers in words.
"""

import re
from pathlib import Path

from flask_babel import gettext as _

from app.exports import outline
from app.report.document import Chart, Entries, Heading, Paragraph, Table
from app.report.model import build

# Markdown punctuation that means something wherever it stands ("&" starts
# an entity, "<" raw HTML or an autolink, "#" also closes a heading).
ANYWHERE = re.compile(r"([\\`*_{}\[\]<>&|~$#])")
# ...and what means something only at the start of a line: a list item,
# a setext heading's underline, or an ordered list's "1." or "1)".
LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")
HARD_BREAK = "\\\n"


def escape(text):
    """`text` as Markdown that renders as exactly that text, on one line."""
    escaped = ANYWHERE.sub(r"\\\1", text.strip())
    return LINE_START.sub(_escape_marker, escaped)


def inline(text, indent=""):
    """`text` escaped; its typed lines kept as hard breaks, each following
    line indented by `indent` to stay within a list item."""
    lines = [escape(line) for line in text.splitlines() if line.strip()]
    return (HARD_BREAK + indent).join(lines)


def cell(text):
    """`text` escaped for one table cell, where a line cannot break."""
    return escape(" ".join(text.split()))


def render_markdown(report):
    """`report` as one Markdown document."""
    parts = (_block(block) for block in outline.blocks(report))
    return "\n\n".join(part for part in parts if part) + "\n"


def write_md(workshop, path, progress):
    """Build `workshop`'s report and write it as Markdown at `path`."""
    report = build(workshop)
    progress(10)
    Path(path).write_text(render_markdown(report), encoding="utf-8")
    progress(100)


def _block(block):
    return RENDERERS[type(block)](block)


def _heading(block):
    level = min(max(block.level, 1), 6)
    return "#" * level + " " + cell(block.text)


def _field(block):
    return f"**{cell(block.label)}:** {inline(block.value)}"


def _paragraph(block):
    text = inline(block.text)
    if not text:
        return ""
    if block.style == "muted":
        return f"*{text}*"
    if block.style == "quote":
        quoted = inline(block.text, indent="> ")
        return f"> *{escape(_('Quoted from the method'))}*\n>\n> {quoted}"
    return text


def _entries(block, indent=""):
    ordered = block.ordered or block.style == "road"
    return _list(block.entries, ordered, indent)


def _list(entries, ordered, indent):
    items = []
    for number, entry in enumerate(entries, start=1):
        marker = f"{number}." if ordered else "-"
        inner = indent + " " * (len(marker) + 1)
        lines = [f"{indent}{marker} {inline(entry.text, inner)}"]
        if entry.detail:
            lines[0] += HARD_BREAK + f"{inner}*{inline(entry.detail, inner)}*"
        if entry.children:
            lines.append(_list(entry.children, False, inner))
        items.append("\n".join(lines))
    return "\n".join(items)


def _table(block):
    width = len(block.header)
    rows = [block.header, *block.rows]
    lines = [_row(row, width) for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return f"**{cell(block.caption)}**\n\n" + "\n".join(lines)


def _row(row, width):
    cells = [cell(str(value)) for value in row][:width]
    cells += [""] * (width - len(cells))
    return "| " + " | ".join(cells) + " |"


def _chart(block):
    parts = [f"**{cell(block.title)}**"]
    if block.description:
        parts.append(inline(block.description))
    if block.lines:
        parts.append("\n".join(f"- {inline(line, '  ')}" for line in block.lines))
    return "\n\n".join(parts)


def _escape_marker(match):
    if match.group(1):
        return "\\" + match.group(1)
    return match.group(2) + "\\" + match.group(3)


RENDERERS = {
    Heading: _heading,
    outline.Field: _field,
    Paragraph: _paragraph,
    Entries: _entries,
    Table: _table,
    Chart: _chart,
}
