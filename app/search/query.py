"""A search as typed, turned into terms: words of letters and digits only.

Whatever else was typed (quotes, `*`, `(`, `%`, `_`, `-`, control
characters) only separates words, so nothing typed is ever search syntax;
every term must match (the engines AND them), stemmed ("prices" finds
"price").
"""

import re

from flask_babel import lazy_gettext as _l

MAX_LENGTH = 200
MAX_TERMS = 10
# A word: letters and digits of any script (\w less the underscore).
WORD = re.compile(r"[^\W_]+")

TOO_LONG = _l("Keep a search to %(max)d characters or fewer.", max=MAX_LENGTH)
TOO_MANY = _l("Search for at most %(max)d words at once.", max=MAX_TERMS)
NO_WORDS = _l("Type a word to search for: letters or numbers.")


class NotSearchable(ValueError):
    """Typed text that cannot be searched for; the message says why."""


def terms_of(typed):
    """The distinct lower-case words of `typed`, in order; NotSearchable
    (with a reason to show) if there are none, or too many, or it is too
    long."""
    if len(typed) > MAX_LENGTH:
        raise NotSearchable(str(TOO_LONG))
    terms = list(dict.fromkeys(word.lower() for word in WORD.findall(typed)))
    if not terms:
        raise NotSearchable(str(NO_WORDS))
    if len(terms) > MAX_TERMS:
        raise NotSearchable(str(TOO_MANY))
    return terms
