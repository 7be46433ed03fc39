"""Forms a participant fills in to join or rejoin."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import Length, Optional

from app.forms import choices, required_text, strip
from app.vocabulary import ORGANISATION_TYPES, PARTICIPANT_ROLES


def _code_field(label, description=""):
    return StringField(
        label,
        filters=[strip],
        validators=required_text(24),
        description=description,
        render_kw={
            "autocomplete": "off",
            "autocapitalize": "characters",
            "spellcheck": "false",
        },
    )


class CodeForm(FlaskForm):
    code = _code_field(
        _l("Join code"), _l("The code on the screen, like 4K7M-XPRT-9C.")
    )
    submit = SubmitField(_l("Continue"))


class JoinForm(FlaskForm):
    display_name = StringField(
        _l("Your name as others will see it"),
        filters=[strip],
        validators=required_text(60),
        description=_l("A first name or a nickname is fine."),
        render_kw={"autocomplete": "nickname"},
    )
    role = SelectField(
        _l("Which best describes you here?"),
        choices=choices(PARTICIPANT_ROLES, blank=_l("Choose one…")),
        validators=required_text(20),
    )
    organisation = StringField(
        _l("Organisation (optional)"),
        filters=[strip],
        validators=[
            Optional(),
            Length(max=120, message=_l("Use at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    organisation_type = SelectField(
        _l("Type of organisation"),
        choices=choices(ORGANISATION_TYPES, blank=_l("Choose one…")),
        validators=required_text(20),
    )
    consent_named = BooleanField(_l("I agree to be named in the workshop's outputs"))
    consent_quoted = BooleanField(
        _l("I agree that my words may be quoted in the workshop's outputs")
    )
    submit = SubmitField(_l("Join the workshop"))


class RejoinForm(FlaskForm):
    code = _code_field(_l("Join code"), _l("The workshop's code, on the screen."))
    rejoin_code = _code_field(
        _l("Your personal rejoin code"),
        _l("Shown on your first device after you joined, like K7P-Q4M."),
    )
    submit = SubmitField(_l("Rejoin"))
