"""Validating action payloads: one approach everywhere, WTForms over a MultiDict.

Socket payloads are JSON; each action declares a plain `wtforms.Form`, and
this turns the JSON object into form data so the same validators and the
same readable messages serve sockets and HTTP alike.
"""

from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

MAX_KEYS = 20
MAX_VALUE_LENGTH = 10_000


class InvalidPayload(Exception):
    """The payload is malformed or fails its rules; `errors` says which field."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = errors or {}


def validate(form_class, payload):
    """The cleaned data of `payload` under `form_class`, or InvalidPayload."""
    # meta: a FlaskForm's CSRF token is the page's business, not the payload's.
    form = form_class(formdata=_as_form_data(payload), meta={"csrf": False})
    if not form.validate():
        errors = {name: list(messages) for name, messages in form.errors.items()}
        first = next(iter(errors.values()))[0]
        raise InvalidPayload(first, errors)
    return form.data


def _as_form_data(payload):
    if not isinstance(payload, dict) or len(payload) > MAX_KEYS:
        raise InvalidPayload(_("The request was not understood."))
    data = MultiDict()
    for key, value in payload.items():
        if isinstance(value, bool):
            value = "y" if value else ""
        elif isinstance(value, int | float):
            value = str(value)
        elif value is None:
            continue
        if not isinstance(key, str) or not isinstance(value, str):
            raise InvalidPayload(_("The request was not understood."))
        if len(value) > MAX_VALUE_LENGTH:
            raise InvalidPayload(_("That is too long."))
        data[key] = value
    return data
