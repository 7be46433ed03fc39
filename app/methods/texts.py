"""Showing a method's marked strings: quotes stay in their source wording;
interface strings go through the catalogue of the reader's language; a
team's own wording is shown as they wrote it."""

from flask_babel import gettext

from app.methods.library import builtin_methods, iter_texts


def display(mark):
    """The words to show for a marked string (or a plain one)."""
    if isinstance(mark, str):
        return mark
    if not isinstance(mark, dict) or len(mark) != 1:
        return ""
    [(how, text)] = mark.items()
    return gettext(text) if how == "interface" else text


def interface_catalogue():
    """Every interface string of the built-in methods, translated for this
    request: the browser resolves marks in live views with it."""
    return {
        text: gettext(text)
        for method in builtin_methods().values()
        for _path, how, text in iter_texts(method)
        if how == "interface"
    }
