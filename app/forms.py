"""Field helpers shared by every form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired, Length


def strip(value):
    """Trim surrounding whitespace so "   " counts as empty."""
    return value.strip() if isinstance(value, str) else value


def choices(labels, blank=None):
    """Select options from a {value: label} dict, after an optional blank one.

    SelectChoice, not (value, label) tuples: WTForms 3.3 deprecates tuples
    (removed in 3.4), and the warning fails every form under pytest.
    """
    options = [SelectChoice("", blank)] if blank is not None else []
    return options + [SelectChoice(value, label) for value, label in labels.items()]


def required_text(max_length, min_length=1):
    """Validators for a required text field of bounded length."""
    return [
        DataRequired(message=_l("This field is required.")),
        Length(
            min=min_length,
            max=max_length,
            message=_l("Must be between %(min)d and %(max)d characters."),
        ),
    ]


class ConfirmForm(FlaskForm):
    """A button-only form: CSRF protection for a single action."""
