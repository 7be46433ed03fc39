"""The raw data as CSV and XLSX: one header row, then one row per Record of
the report model (a note, vote, score, comment, mark or card), so the
report's rules (nothing hidden, names only with consent, no author in an
anonymous activity) hold here too.

Text that a spreadsheet would read as a formula stays text: in the CSV,
defusedcsv puts an apostrophe before a cell starting = + - @ | or %, and we
do the same for a leading tab or carriage return, which it lets through; in
the XLSX every text cell is written as a string (never a formula), marked
so that Excel keeps it text when someone edits it. The CSV starts with a
byte order mark, so Excel reads it as UTF-8.
"""

import re
from dataclasses import astuple

import openpyxl
from defusedcsv import csv
from flask_babel import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from app.report.model import records

# What spreadsheets may read as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,15}")
WIDTH_MIN, WIDTH_MAX = 8, 60
VALUE_COLUMN = 5  # the index of "value" among a Record's fields


def headers():
    """The column names, in Record's field order, in the reader's language."""
    return [
        _("Activity"),
        _("Kind"),
        _("Type"),
        _("Item"),
        _("Text"),
        _("Value"),
        _("Group"),
        _("Author"),
        _("Role"),
    ]


def write_csv(workshop, path, progress):
    """The workshop's raw data as CSV at `path`."""
    rows = records(workshop)
    progress(50)
    save_csv(rows, path)
    progress(100)


def write_xlsx(workshop, path, progress):
    """The workshop's raw data as an Excel workbook at `path`."""
    rows = records(workshop)
    progress(50)
    save_xlsx(workshop, rows, path)
    progress(100)


def save_csv(rows, path):
    """Records as CSV (UTF-8 with a byte order mark), formulas made inert."""
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(headers())
        writer.writerows([_csv_cell(value) for value in texts(row)] for row in rows)


def texts(record):
    """A Record's fields as strings, in order."""
    return ["" if value is None else str(value) for value in astuple(record)]


def _csv_cell(value):
    # defusedcsv leaves a leading tab or carriage return alone.
    return "'" + value if value[:1] in ("\t", "\r") else value


def save_xlsx(workshop, rows, path):
    """Records as the first sheet of a workbook; the workshop's title, date
    and purpose on a second."""
    book = openpyxl.Workbook()
    data = book.active
    data.title = _("Raw data")[:31]
    _fill(data, [headers(), *(texts(row) for row in rows)], numbers=VALUE_COLUMN)
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    about = book.create_sheet(_("Workshop")[:31])
    _fill(about, _about(workshop))
    for cell in about["A"]:
        cell.font = Font(bold=True)
    book.save(path)


def _about(workshop):
    return [
        (_("Title"), workshop.title),
        (_("Date"), workshop.date.isoformat() if workshop.date else ""),
        (_("Purpose"), workshop.purpose or ""),
    ]


def _fill(sheet, rows, numbers=None):
    """Write `rows` of strings from A1, and fit the columns' widths to them;
    below the first row, whole numbers in column index `numbers` are numbers."""
    widths = {}
    for row_number, row in enumerate(rows, 1):
        for index, value in enumerate(row):
            column = index + 1
            number = row_number > 1 and index == numbers
            _put(sheet.cell(row=row_number, column=column), value, number)
            longest = max((len(line) for line in value.splitlines()), default=0)
            widths[column] = max(widths.get(column, 0), longest)
    for column, width in widths.items():
        fitted = min(max(width + 2, WIDTH_MIN), WIDTH_MAX)
        sheet.column_dimensions[get_column_letter(column)].width = fitted


def _put(cell, value, number=False):
    """A cell holding `value`: a whole number in the value column as a
    number, anything else as text that is never a formula."""
    if number and WHOLE_NUMBER.fullmatch(value):
        cell.value = int(value)
        return
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)  # XML cannot hold them
    cell.data_type = "s"  # not "f", which openpyxl gives text starting "="
    cell.quotePrefix = value.startswith(FORMULA_START)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
