"""The search form: read from the address (GET), so a search can be linked
to and repeated; it changes nothing, so it carries no CSRF token."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import NumberRange, Optional, ValidationError

from app.extensions import db
from app.forms import choices, strip
from app.methods.lookup import choices as method_choices
from app.methods.texts import display
from app.models import Series
from app.search.query import NotSearchable, terms_of
from app.vocabulary import PARTICIPANT_ROLES

# The kinds whose activities hold searchable writing (app/search/collect.py).
SEARCHED_KINDS = ("board", "scenario", "pathway", "checklist")
MAX_PAGE = 1000


def searchable(form, field):
    """The words to search for, as terms; a readable error if there are
    none, or too many."""
    try:
        form.terms = terms_of(field.data or "")
    except NotSearchable as reason:
        raise ValidationError(str(reason)) from None


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(
        _l("Search for"),
        description=_l("Every word must appear; “prices” also finds “price”."),
        filters=[strip],
        validators=[searchable],
    )
    series = SelectField(_l("Series"), default="")
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])
    role = SelectField(_l("Role of the writer"), default="")
    method = SelectField(_l("Method"), default="")
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_PAGE)])

    def __init__(self, team_id, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = []
        self.series_ids = _series_of(team_id)
        titles = {key: title for key, (_id, title) in self.series_ids.items()}
        self.series.choices = choices(titles, blank=_l("Any series"))
        self.role.choices = choices(
            {key: str(label) for key, label in PARTICIPANT_ROLES.items()},
            blank=_l("Any role"),
        )
        self.method.choices = choices(_methods_of(team_id), blank=_l("Any method"))

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end of the range comes before its start."))


def _series_of(team_id):
    """{public id: (id, title)} of the team's series, by title."""
    rows = db.session.execute(
        sa.select(Series.public_id, Series.id, Series.title)
        .filter_by(team_id=team_id)
        .order_by(Series.title, Series.id)
    )
    return {public_id: (row_id, title) for public_id, row_id, title in rows}


def _methods_of(team_id):
    """{method ref: title}: the built-in methods and the team's own copies
    of a kind that holds searchable writing."""
    return {
        ref: display(content.get("title"))
        for ref, content in method_choices(team_id, SEARCHED_KINDS)
    }
