"""The report page's forms: the facilitator's summary, key messages and
next steps, previewed before they are saved; a new share link; a
redaction before publishing."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

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


class ShareForm(ChangeForm):
    """A new share link: what it shares, until when, and whether it takes
    comments (app/report/actions.py `share` checks the days again)."""

    pathway = SelectField(_l("Share"), validate_choice=False)
    expires_on = DateField(
        _l("The link stops working after (optional)"),
        description=_l("Leave it blank to keep the link until you withdraw it."),
        validators=[Optional()],
    )
    comments_until = DateField(
        _l("Open for comments until (optional)"),
        description=_l(
            "Readers can send comments to you until the end of this day. "
            "Leave it blank for a read-only link."
        ),
        validators=[Optional()],
    )

    def offer(self, pathways):
        """The whole report, or each pathway alone."""
        self.pathway.choices = [
            SelectChoice("", _("The whole report")),
            *(
                SelectChoice(
                    activity.public_id,
                    _("Only the pathway “%(title)s”", title=activity.title),
                )
                for activity in pathways
            ),
        ]
        return self


class RedactForm(ChangeForm):
    target = HiddenField(validators=[InputRequired(), Length(max=80)])
    reason = StringField(
        _l("Why redact it?"),
        validators=[
            DataRequired(message=_l("Say why it is redacted.")),
            Length(max=500, message=_l("Keep it to %(max)d characters or fewer.")),
        ],
    )
