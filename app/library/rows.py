"""The edit form's rows as the page shows them: a name for each row (its
fieldset's legend, or the label of a one-field row), blank rows to fill in,
and every problem listed for the error summary."""

from flask_babel import lazy_gettext as _l
from wtforms import FieldList

BLANK_ROWS = 2
MAX_SCALE = 7  # ChecklistContent's limit

# A row's name by its list's field name; %(n)d is its place in the list.
ROW_NAMES = {
    "columns": _l("Column %(n)d"),
    "scale": _l("Point %(n)d on the scale"),
    "sections": _l("Section %(n)d"),
    "items": _l("Item %(n)d"),
    "dimensions": _l("Dimension %(n)d"),
    "stages": _l("Stage %(n)d"),
    "topics": _l("Topic %(n)d"),
    "lanes": _l("Lane %(n)d"),
}
# Rows of one field: the field is labelled with the row's name.
ONE_FIELD = {"items": "text"}


def offer_blank_rows(form):
    """Add a few blank rows to each list a facilitator may add to."""
    for field in _lists(form):
        if field.short_name in ("sections", "stages", "lanes"):
            continue  # kept or removed, not added
        wanted = BLANK_ROWS
        if field.short_name == "scale":
            wanted = min(BLANK_ROWS, MAX_SCALE - len(field))
        for _ in range(max(wanted, 0)):
            field.append_entry()


def name_rows(form):
    """Give every row its name, numbered in its list."""
    for field in _lists(form):
        for number, entry in enumerate(field, 1):
            entry.row_name = str(ROW_NAMES[field.short_name]) % {"n": number}
            one = ONE_FIELD.get(field.short_name)
            if one:
                entry.form[one].label.text = entry.row_name


def _lists(form):
    """Every FieldList in `form`, outer lists before the lists in their rows."""
    for field in form:
        if isinstance(field, FieldList):
            yield field
            for entry in field:
                yield from _lists(entry.form)


def problems(form):
    """(field id or None, message) for each problem, in the page's order."""
    found = []
    _walk(form, form, [], found)
    found += [(None, message) for message in form.form_errors]
    return found


def _walk(form, fields, where, found):
    for field in fields:
        if isinstance(field, FieldList):
            for message in form.row_errors.get(field.name, []):
                found.append((field.id, str(message)))
            for entry in field:
                _walk(form, entry.form, [*where, entry.row_name], found)
        elif field.errors:
            label = str(field.label.text)
            place = ", ".join([*where, label] if label not in where else where)
            found += [(field.id, f"{place}: {message}") for message in field.errors]
