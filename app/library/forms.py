"""The edit form of a team's method: the common fields, then one form per
kind with its rows (columns, scale, items, dimensions, topics, lanes).

Each row carries its key in a hidden field, so an existing row keeps it; a
blank row filled in is a new one; a row emptied is removed (app.library.editing).
Checks across rows (a row half filled, distinct scores, at least one item)
run after the fields' own, in `check_rows`.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from app.forms import choices, required_text
from app.vocabulary import ENGAGEMENT_LEVELS

MAX_ROWS = 100  # per list: more than any method needs, less than a flood
HALF_FILLED = _l("Fill this in as well, or empty the whole row to remove it.")


def _at_most(length):
    return [Length(max=length, message=_l("Use at most %(max)d characters."))]


def _words(value):
    """Trimmed text; a field missing from the post is empty, never None."""
    return value.strip() if isinstance(value, str) else ""


def _text(label, length, **kw):
    """An optional text field: rows are emptied to remove them."""
    return StringField(label, filters=[_words], validators=_at_most(length), **kw)


def _long_text(label, length, **kw):
    return TextAreaField(label, filters=[_words], validators=_at_most(length), **kw)


def _rows(row_form, max_entries=MAX_ROWS):
    return FieldList(FormField(row_form), max_entries=max_entries)


def _filled(*fields):
    return [field for field in fields if field.data not in (None, "")]


def _require_together(*fields):
    """A row is all filled in or all empty: the empty ones get an error."""
    if _filled(*fields):
        for field in fields:
            if field.data in (None, ""):
                field.errors.append(HALF_FILLED)
                yield field


class MethodForm(FlaskForm):
    """What every method has: its name, summary, instructions and defaults."""

    # The version the page was made from: a save over someone else's is refused.
    version = HiddenField()
    title = StringField(_l("Title"), filters=[_words], validators=required_text(200))
    summary = TextAreaField(
        _l("Summary"),
        filters=[_words],
        validators=required_text(500),
        description=_l("One or two sentences: shown when choosing a method."),
    )
    instructions = TextAreaField(
        _l("Instructions"),
        filters=[_words],
        validators=required_text(5000),
        description=_l("Separate paragraphs with a blank line."),
    )
    engagement = SelectField(
        _l("Level of engagement"),
        choices=choices(ENGAGEMENT_LEVELS),
        validators=[InputRequired(message=_l("Choose the level of engagement."))],
    )
    minutes = IntegerField(
        _l("Minutes"),
        validators=[
            InputRequired(message=_l("Give the usual length in minutes.")),
            NumberRange(5, 480, message=_l("From %(min)s to %(max)s minutes.")),
        ],
    )
    submit = SubmitField(_l("Save changes"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Problems with a whole list of rows, by the list's field name.
        self.row_errors = {}

    def validate(self, extra_validators=None):
        fields_valid = super().validate(extra_validators)
        self.row_errors = {}
        rows_invalid = list(self.check_rows())
        return fields_valid and not rows_invalid and not self.row_errors

    def check_rows(self):
        """Yield each field a check across rows marks wrong."""
        return iter(())

    def list_error(self, name, message):
        self.row_errors.setdefault(name, []).append(message)


# -- board -------------------------------------------------------------------


class ColumnRow(Form):
    key = HiddenField()
    label = _text(_l("Column heading"), 200)
    prompts = _long_text(
        _l("Prompts"), 3000, description=_l("Optional: one question a line.")
    )


class BoardForm(MethodForm):
    columns = _rows(ColumnRow)

    def check_rows(self):
        for row in self.columns:
            if row.form.prompts.data and not row.form.label.data:
                row.form.label.errors.append(HALF_FILLED)
                yield row.form.label
        if not _filled(*(row.form.label for row in self.columns)):
            self.list_error("columns", _l("Keep at least one column."))


# -- checklist ---------------------------------------------------------------


class ScaleRow(Form):
    value = IntegerField(
        _l("Score"),
        validators=[
            Optional(),
            NumberRange(0, 10, message=_l("A whole number from 0 to 10.")),
        ],
    )
    label = _text(_l("What the score means"), 300)


class ItemRow(Form):
    key = HiddenField()
    text = _long_text(_l("Item"), 1000)


class SectionRows(Form):
    key = HiddenField()
    title = _text(_l("Section title"), 300)
    items = _rows(ItemRow)


class ChecklistForm(MethodForm):
    scale = _rows(ScaleRow, max_entries=12)
    sections = _rows(SectionRows)
    comments = BooleanField(_l("A comment with each score"))
    priorities = BooleanField(_l("Each person may mark items as a priority"))
    agree = BooleanField(_l("The room agrees a score for each item"))

    def check_rows(self):
        yield from self._check_scale()
        kept = [row.form for row in self.sections if _filled(*_items(row.form))]
        if not kept:
            self.list_error("sections", _l("Keep at least one item."))
        for section in kept if len(kept) > 1 else ():
            if not section.title.data:
                message = _l("Give each section a title when there is more than one.")
                section.title.errors.append(message)
                yield section.title

    def _check_scale(self):
        rows = [row.form for row in self.scale]
        for row in rows:
            yield from _require_together(row.value, row.label)
        values = [row.value.data for row in rows if row.value.data is not None]
        for row in rows:
            if row.value.data is not None and values.count(row.value.data) > 1:
                row.value.errors.append(_l("Give each score a different value."))
                yield row.value
        if not 2 <= len(values) <= 7:
            self.list_error("scale", _l("Keep from 2 to 7 scores."))


def _items(section):
    return [row.form.text for row in section.items]


# -- spectrum ----------------------------------------------------------------


class DimensionRow(Form):
    key = HiddenField()
    label = _text(_l("Dimension"), 300)
    left = _long_text(_l("Left pole"), 1000)
    right = _long_text(_l("Right pole"), 1000)


class SpectrumForm(MethodForm):
    points = IntegerField(
        _l("Points on each line"),
        validators=[
            InputRequired(message=_l("Give the number of points.")),
            NumberRange(3, 11, message=_l("From %(min)s to %(max)s points.")),
        ],
    )
    left_label = StringField(
        _l("Left end, in general"), filters=[_words], validators=required_text(200)
    )
    right_label = StringField(
        _l("Right end, in general"), filters=[_words], validators=required_text(200)
    )
    dimensions = _rows(DimensionRow)

    def check_rows(self):
        rows = [row.form for row in self.dimensions]
        for row in rows:
            yield from _require_together(row.label, row.left, row.right)
        if not [row for row in rows if _filled(row.label, row.left, row.right)]:
            self.list_error("dimensions", _l("Keep at least one dimension."))


# -- scenario ----------------------------------------------------------------


class TopicRow(Form):
    key = HiddenField()
    heading = _long_text(_l("Question"), 1000)
    scenario = _long_text(_l("Scenario"), 5000)


class StageRows(Form):
    key = HiddenField()
    title = _text(_l("Stage title"), 300)
    topics = _rows(TopicRow)


class ScenarioColumnRow(Form):
    key = HiddenField()
    label = _text(_l("Column heading"), 200)
    optional = BooleanField(_l("Optional column"))


class ScenarioForm(MethodForm):
    introduction = TextAreaField(
        _l("Introduction"),
        filters=[_words],
        validators=required_text(5000),
        description=_l("Separate paragraphs with a blank line."),
    )
    stages = _rows(StageRows)
    columns = _rows(ScenarioColumnRow)

    def check_rows(self):
        kept = 0
        for stage in (row.form for row in self.stages):
            topics = [row.form for row in stage.topics]
            for topic in topics:
                yield from _require_together(topic.heading, topic.scenario)
            if [topic for topic in topics if _filled(topic.heading, topic.scenario)]:
                kept += 1
                if not stage.title.data:
                    stage.title.errors.append(_l("Give the stage a title."))
                    yield stage.title
        if not kept:
            self.list_error("stages", _l("Keep at least one topic."))
        if not _filled(*(row.form.label for row in self.columns)):
            self.list_error("columns", _l("Keep at least one column."))


# -- pathway -----------------------------------------------------------------


class LaneRow(Form):
    key = HiddenField()
    label = StringField(_l("Heading"), filters=[_words], validators=required_text(200))
    help = TextAreaField(_l("Help"), filters=[_words], validators=required_text(1000))


class PathwayForm(MethodForm):
    service_prompt = StringField(
        _l("What people are asked first"),
        filters=[_words],
        validators=required_text(500),
    )
    # The five lanes are fixed by the kind: their words change, not their number.
    lanes = _rows(LaneRow, max_entries=5)


FORMS = {
    "board": BoardForm,
    "checklist": ChecklistForm,
    "spectrum": SpectrumForm,
    "scenario": ScenarioForm,
    "pathway": PathwayForm,
    # Reviewing actions: only the common fields (the actions are the series').
    "actions": MethodForm,
}
