"""A team's edits to a method's words: what the form shows for a marked
string, and the mark each submitted string gets back.

Words the facilitator leaves as they were keep their mark (a quote stays a
quote, credited to its source; an interface string stays translatable);
words they change become the team's `own` (DESIGN.md, Kinds).
"""

import re
import secrets

from app.methods.texts import display

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Short enough that a key stays readable in an export, with room for a suffix.
_KEY_WORDS = 40


def shown(mark):
    """The words a form field shows for a marked string (none for None)."""
    return display(mark) if mark else ""


def shown_paragraphs(marks):
    """Paragraphs as a textarea shows them: separated by blank lines."""
    return "\n\n".join(shown(mark) for mark in marks)


def shown_lines(marks):
    """Short texts (prompts) as a textarea shows them: one a line."""
    return "\n".join(shown(mark) for mark in marks)


def _same(words, mark):
    """Whether `words` are the marked string's, as shown or as stored."""
    if not mark:
        return False
    [(_how, text)] = mark.items()
    flat = _flat(words)
    return flat in (_flat(text), _flat(display(mark)))


def _flat(words):
    return " ".join(words.split())


def remark(words, *originals):
    """`words` marked: as the first of `originals` they equal, else as own."""
    for mark in originals:
        if _same(words, mark):
            return mark
    return {"own": _flat(words)}


def remark_paragraphs(text, originals):
    """Each paragraph of `text` (split at blank lines), marked."""
    parts = (part for part in _PARAGRAPH_BREAK.split(text.strip()))
    return [remark(part, *originals) for part in parts if part.strip()]


def remark_lines(text, originals):
    """Each non-empty line of `text`, marked."""
    return [remark(line, *originals) for line in text.splitlines() if line.strip()]


def new_key(words, taken):
    """A fresh slug key for a new row, from its words, not in `taken` (which
    gains it). The random part keeps a re-added row from taking the key of
    one removed earlier, whose scores in past workshops are another item's."""
    stem = _NOT_SLUG.sub("-", words.lower()).strip("-")[:_KEY_WORDS].strip("-")
    while True:
        key = f"{stem or 'row'}-{secrets.token_hex(2)}"
        if key not in taken:
            taken.add(key)
            return key
