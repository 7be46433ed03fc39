"""Every quote in a method is in its source document, word for word."""

import functools

import pytest

from app.methods.library import builtin_methods, iter_texts, normalise_quote
from tests.methods import SEEDS


def quotes():
    """A pytest.param per quote of the built-in methods, id method:field."""
    return [
        pytest.param(method.source.file, text, id=f"{method.id}:{path}")
        for method in builtin_methods().values()
        for path, mark, text in iter_texts(method)
        if mark == "quote"
    ]


@functools.cache
def normalised_source(file):
    return normalise_quote((SEEDS / file).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("file", "text"), quotes())
def test_quote_is_in_its_source(file, text):
    """A quote's normalised text is part of its source's normalised text."""
    assert normalise_quote(text) in normalised_source(file), f"not in {file}: {text}"


NORMALISED = [
    pytest.param(
        "*Contracting* for **personal** _outcomes_",
        "Contracting for personal outcomes",
        id="emphasis",
    ),
    pytest.param(
        "a \u2010 b \u2011 c \u2012 d \u2013 e \u2014 f \u2212 g",
        "a - b - c - d - e - f - g",
        id="dashes",
    ),
    pytest.param("\u2018one\u2019 \u201atwo\u2032", "'one' 'two'", id="single-quotes"),
    pytest.param("\u201cone\u201d \u201etwo\u2033", '"one" "two"', id="double-quotes"),
    pytest.param("  split\nacross\t lines \n", "split across lines", id="whitespace"),
    pytest.param(
        "facilitation\u2074 and forums\u00b9\u2070",
        "facilitation and forums",
        id="footnotes",
    ),
    pytest.param("plain text", "plain text", id="plain"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_normalise_quote(text, expected):
    """Quotes match their source whatever its emphasis, dashes, quote marks,
    footnote markers and line breaks."""
    assert normalise_quote(text) == expected


def test_normalise_quote_keeps_case():
    """Case is kept: a capitalised label is not a quote of lower-case text."""
    assert normalise_quote("Ways forward") not in normalise_quote(
        "possible ways forward"
    )
