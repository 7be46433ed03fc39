"""The report page's form: the facilitator's summary, key messages and
next steps, previewed before they are saved."""

from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField

from app.forms import ChangeForm, strip
from app.report.actions import LIST_MAX, SUMMARY_MAX, bounded


class ReportTextForm(ChangeForm):
    summary = TextAreaField(
        _l("Summary"),
        description=_l(
            "What happened and what was found. Leave a blank line between paragraphs."
        ),
        filters=[strip],
        validators=bounded(SUMMARY_MAX),
    )
    key_messages = TextAreaField(
        _l("Key messages"),
        description=_l("One per line."),
        filters=[strip],
        validators=bounded(LIST_MAX),
    )
    next_steps = TextAreaField(
        _l("Next steps"),
        description=_l("One per line."),
        filters=[strip],
        validators=bounded(LIST_MAX),
    )
    preview = SubmitField(_l("Preview"))
    save = SubmitField(_l("Save"))
