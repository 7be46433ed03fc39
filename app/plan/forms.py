"""The workshop details form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from app.forms import ChangeForm, choices, required_text, strip
from app.vocabulary import ENGAGEMENT_LEVELS


class WorkshopForm(FlaskForm):
    title = StringField(_l("Title"), filters=[strip], validators=required_text(200))
    date = DateField(
        _l("Date"),
        validators=[Optional()],
        render_kw={"autocomplete": "off"},
    )
    purpose = TextAreaField(
        _l("Purpose"),
        filters=[strip],
        validators=[
            Length(max=2000, message=_l("Use at most %(max)d characters.")),
        ],
        description=_l("What the workshop is for, shown to participants on arrival."),
    )
    engagement_level = RadioField(
        _l("Level of engagement on offer"),
        choices=choices(ENGAGEMENT_LEVELS),
        validators=[InputRequired(message=_l("Choose the level of engagement."))],
    )
    # The team's series: the page fills the choices, and the team's own are
    # checked where the change is made (plan.service.series_for), so the
    # same form serves as the payload of workshop.edit. Left out of a
    # payload (None), an edit keeps the workshop's series.
    series = SelectField(
        _l("Series"),
        choices=[],
        validate_choice=False,
        validators=[
            Optional(),
            Length(max=24, message=_l("Choose a series from the list.")),
        ],
        description=_l(
            "A workshop in a series carries its open actions forward, and its "
            "scores join the series' trends."
        ),
    )
    submit = SubmitField(_l("Save workshop"))


class WorkshopDetailsForm(WorkshopForm):
    """The details an edit changes: the payload of workshop.edit."""

    closed = BooleanField(
        _l("Closed: no one new can join"),
        description=_l("The join code stops working. You can reopen it later."),
    )


class EditWorkshopForm(WorkshopDetailsForm, ChangeForm):
    """The edit page's form: the details, and the op_id of this change."""
