"""Payload rules for the spectrum's action."""

from flask_babel import lazy_gettext as _l
from wtforms import Form, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from app.forms import strip


def _ref(message):
    return StringField(
        filters=[strip], validators=[DataRequired(message=message), Length(max=64)]
    )


class MarkForm(Form):
    """A participant's marks on one dimension: where it is now, and where it
    should be. The method's number of points bounds them (checked by the
    action, since it differs from method to method)."""

    activity = _ref(_l("Say which one."))
    dimension = _ref(_l("Say which dimension."))
    # Empty: not marked (yet), or a mark taken back.
    now = IntegerField(validators=[Optional()])
    aspiration = IntegerField(validators=[Optional()])
