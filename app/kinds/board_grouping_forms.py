"""Payload rules for the board's themes, dot voting settings (the board's
notes: app/kinds/board_forms.py)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Form, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.forms import strip
from app.kinds.board_forms import NoteRef
from app.kinds.board_forms import _id as id_field
from app.kinds.board_settings import BUDGET_MAX
from app.kinds.scenario_forms import KeyList

THEME_NAME_MAX = 80


def _name():
    return StringField(
        filters=[strip],
        validators=[
            DataRequired(message=_l("Give the theme a name.")),
            Length(
                max=THEME_NAME_MAX,
                message=_l("A theme's name is at most %(max)d characters."),
            ),
        ],
    )


def _dots(message):
    return IntegerField(
        validators=[
            InputRequired(message=message),
            NumberRange(min=1, max=BUDGET_MAX, message=message),
        ]
    )


class OptionsForm(Form):
    """Who may group the notes, and how the dot vote runs."""

    activity = id_field()
    participants_group = BooleanField()
    budget = _dots(_l("Give each person 1 to %(max)d dots.", max=BUDGET_MAX))
    per_note = _dots(_l("Allow 1 to %(max)d dots on one note.", max=BUDGET_MAX))
    hide_votes = BooleanField()


class CreateThemeForm(Form):
    activity = id_field()
    name = _name()
    # A facilitator's theme for one breakout group (empty: the whole room's);
    # a participant's theme is always their own group's.
    group = id_field(required=False)


class ThemeRef(Form):
    activity = id_field()
    theme = id_field()


class RenameThemeForm(ThemeRef):
    name = _name()


class MergeThemesForm(ThemeRef):
    """`theme` goes into `into`: its notes move there, and it is deleted."""

    into = id_field()


class SplitThemeForm(ThemeRef):
    """A new theme named `name`, made of some of `theme`'s notes."""

    notes = KeyList()
    name = _name()


class SetThemeForm(NoteRef):
    theme = id_field(required=False)  # empty: the note is under no theme
