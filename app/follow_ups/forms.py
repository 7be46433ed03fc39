"""Payload rules for actions ("you said, we did") and the pages' forms.

The payload forms (plain WTForms) are what `apply()` validates, from a
socket or a page alike; each page form adds the CSRF token and op_id to the
same fields, so a page checks its input by the very rules the write path
applies.
"""

import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    Form,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from app.forms import ChangeForm, MayNameAnActivity, choices, strip
from app.models.series import FOLLOW_UP_STATUSES

TITLE_MAX, OWNER_MAX, UPDATE_MAX = 500, 120, 2_000
SOURCE_KINDS = ("note", "topic", "item")
# A due date outside these years is a typing slip, not a plan.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def status_labels():
    """Each status's label, in FOLLOW_UP_STATUSES' order."""
    labels = {
        "open": _l("Open"),
        "in_progress": _l("In progress"),
        "done": _l("Done"),
        "dropped": _l("Dropped"),
    }
    return {status: labels[status] for status in FOLLOW_UP_STATUSES}


def _bounded(limit):
    return Length(max=limit, message=_l("Keep it to %(max)d characters or fewer."))


def _ref(required=True, limit=24):
    first = DataRequired(message=_l("Say which one.")) if required else Optional()
    return StringField(
        filters=[strip],
        validators=[first, Length(max=limit, message=_l("That id is not valid."))],
    )


class IsoDateField(DateField):
    """A date typed as YYYY-MM-DD (what a date input sends), or nothing."""

    def process_formdata(self, valuelist):
        text = valuelist[0].strip() if valuelist and valuelist[0] else ""
        if not text:
            self.data = None
            return
        try:
            self.data = dt.date.fromisoformat(text[:10]) if len(text) == 10 else None
        except ValueError:
            self.data = None
        if self.data is None:
            raise ValueError(_("Give the date as YYYY-MM-DD, for example 2025-06-30."))

    def pre_validate(self, form):
        if self.data is not None and not FIRST_YEAR <= self.data.year <= LAST_YEAR:
            raise ValidationError(_("That date is not plausible. Check the year."))


def _due_date():
    return IsoDateField(
        _l("Due date"),
        description=_l("Optional."),
        validators=[Optional()],
    )


class FollowUpFields(Form):
    """What an action says: what will be done, by whom, by when."""

    title = TextAreaField(
        _l("What will be done"),
        filters=[strip],
        validators=[
            DataRequired(message=_l("Say what will be done.")),
            _bounded(TITLE_MAX),
        ],
    )
    owner_organisation = StringField(
        _l("Owner organisation"),
        description=_l("Shown on the public summary."),
        filters=[strip],
        validators=[_bounded(OWNER_MAX)],
    )
    owner_person = StringField(
        _l("Owner (person)"),
        description=_l("Seen by your team only, never published."),
        filters=[strip],
        validators=[_bounded(OWNER_MAX)],
    )
    due_date = _due_date()


class CreatePayload(MayNameAnActivity, FollowUpFields):
    """A new action, typed in or made from a note, topic or checklist item
    of an activity (the server copies what was said from that source)."""

    source_kind = StringField(filters=[strip], validators=[Optional()])
    source_ref = _ref(required=False, limit=80)
    activity = _ref(required=False)

    def validate_source_kind(self, field):
        if field.data and field.data not in SOURCE_KINDS:
            raise ValidationError(_l("Choose a note, a topic or a checklist item."))
        if field.data and not (self.source_ref.data and self.activity.data):
            raise ValidationError(_l("Say which note, topic or item it comes from."))


class EditPayload(FollowUpFields):
    """An action's words changed, from the version they were read at."""

    follow_up = _ref()
    version = IntegerField(
        validators=[
            InputRequired(message=_l("The version edited is missing.")),
            NumberRange(min=1, message=_l("The version edited is missing.")),
        ]
    )


class UpdatePayload(Form):
    """A dated note on how an action is going, and/or its new status."""

    follow_up = _ref()
    body = TextAreaField(
        _l("Update"),
        description=_l("What has happened. It is dated and published."),
        filters=[strip],
        validators=[_bounded(UPDATE_MAX)],
    )
    status = SelectField(
        _l("Status"),
        choices=choices(status_labels(), blank=_l("Unchanged")),
        filters=[strip],
        validators=[Optional()],
    )

    def validate_body(self, field):
        if not field.data and not self.status.data:
            raise ValidationError(_l("Write an update or choose a new status."))


class NoFields(Form):
    """Publishing or withdrawing the summary takes nothing but who does it."""


# --- The pages' forms: the same fields, with CSRF and an op_id -------------


class CreateForm(ChangeForm, CreatePayload):
    submit = SubmitField(_l("Add the action"))


class EditForm(ChangeForm, EditPayload):
    submit = SubmitField(_l("Save changes"))


class UpdateForm(ChangeForm, UpdatePayload):
    submit = SubmitField(_l("Add the update"))
