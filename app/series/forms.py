"""The forms of the series pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from app.forms import required_text, strip

TITLE_MAX, DESCRIPTION_MAX = 200, 2000


class SeriesForm(FlaskForm):
    title = StringField(
        _l("Title"),
        filters=[strip],
        validators=required_text(TITLE_MAX),
        description=_l("For example: Domiciliary care provider forum."),
    )
    description = TextAreaField(
        _l("Description"),
        filters=[strip],
        validators=[
            Length(max=DESCRIPTION_MAX, message=_l("Use at most %(max)d characters."))
        ],
        description=_l("Who meets, how often, and what for."),
    )
    submit = SubmitField(_l("Create the series"))


class EditSeriesForm(SeriesForm):
    submit = SubmitField(_l("Save the series"))


class NextWorkshopForm(FlaskForm):
    """The next workshop's title and date, for the facilitator to confirm."""

    title = StringField(
        _l("Title"), filters=[strip], validators=required_text(TITLE_MAX)
    )
    date = DateField(
        _l("Date"),
        validators=[Optional()],
        render_kw={"autocomplete": "off"},
        description=_l("Suggested: a quarter after this one."),
    )
    submit = SubmitField(_l("Create the next workshop"))
