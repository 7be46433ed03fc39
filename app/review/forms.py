"""The report page's form for a comment by a member of the team."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SubmitField

from app.forms import ChangeForm, choices
from app.review.actions import BODY_MAX, body_field


class ReviewCommentForm(ChangeForm):
    body = body_field(
        _l("Your comment"),
        description=_l(
            "Up to %(max)d characters. Only your team sees it: never a share "
            "link or a download.",
            max=BODY_MAX,
        ),
    )
    activity = SelectField(_l("About"), default="")
    submit = SubmitField(_l("Add the comment"))

    def __init__(self, activities, *args, **kwargs):
        """`activities`: (public id, title) of the workshop's activities."""
        super().__init__(*args, **kwargs)
        self.activity.choices = choices(
            dict(activities), blank=_l("The workshop as a whole")
        )
