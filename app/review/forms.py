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
        """`activities`: the workshop's, in agenda order."""
        super().__init__(*args, **kwargs)
        titles = {activity.public_id: activity.title for activity in activities}
        self.activity.choices = choices(titles, blank=_l("The workshop as a whole"))
