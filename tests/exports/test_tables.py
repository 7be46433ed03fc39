"""The raw data as CSV and XLSX (app/exports/tables.py): a translated header,
one row per Record, text a spreadsheet would run as a formula kept inert,
and, from a real workshop, only what its report may show."""

import csv
from datetime import date

import openpyxl
import pytest

from app.exports import formats
from app.exports.tables import save_csv, save_xlsx, write_csv, write_xlsx
from app.report.document import Record
from tests.exports.every_kind import ANONYMOUS, HIDDEN, UNREVEALED, every_kind

HEADER = [
    "Activity",
    "Kind",
    "Type",
    "Item",
    "Text",
    "Value",
    "Group",
    "Author",
    "Role",
]
FORMULAS = ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", '=HYPERLINK("x")')


def record(text, value="", **fields):
    return Record("Ideas", "board", "note", text=text, value=value, **fields)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


@pytest.fixture
def csv_path(tmp_path):
    return tmp_path / "data.csv"


@pytest.fixture
def xlsx_path(tmp_path):
    return tmp_path / "data.xlsx"


def test_the_csv_has_a_header_and_one_row_per_record(app, csv_path):
    save_csv([record("Pay on time", "3", author="Ann"), record("Café ☕")], csv_path)

    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8
    assert read_csv(csv_path) == [
        HEADER,
        ["Ideas", "board", "note", "", "Pay on time", "3", "", "Ann", ""],
        ["Ideas", "board", "note", "", "Café ☕", "", "", "", ""],
    ]


def test_the_csv_header_is_in_the_readers_language(app, csv_path):
    with app.test_request_context(headers={"Accept-Language": "cy"}):
        save_csv([], csv_path)

    [header] = read_csv(csv_path)
    assert len(header) == len(HEADER)
    assert header[0] != "Activity"


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_that_look_like_formulas_are_made_inert(app, csv_path, formula):
    """A leading = + - @ tab or carriage return gets an apostrophe, so a
    spreadsheet shows the text instead of running it."""
    save_csv([record(formula, item=formula)], csv_path)

    [_header, row] = read_csv(csv_path)
    assert row[4].startswith("'") and row[3].startswith("'")
    assert row[4][1:].replace("\\|", "|") == formula


def test_csv_numbers_and_plain_text_are_left_alone(app, csv_path):
    save_csv([record("A plain - note", "-1"), record("Hyphen-ated", "12")], csv_path)

    rows = read_csv(csv_path)[1:]
    assert [(row[4], row[5]) for row in rows] == [
        ("A plain - note", "-1"),
        ("Hyphen-ated", "12"),
    ]


def xlsx_cells(path):
    book = openpyxl.load_workbook(path)
    return book, [[cell for cell in row] for row in book.worksheets[0].iter_rows()]


def test_the_xlsx_has_a_bold_frozen_header_and_fitted_columns(app, workshop, xlsx_path):
    long = "A long note " * 20
    save_xlsx(workshop, [record(long, "3"), record("Short")], xlsx_path)

    book, rows = xlsx_cells(xlsx_path)
    sheet = book.worksheets[0]
    assert [cell.value for cell in rows[0]] == HEADER
    assert all(cell.font.bold for cell in rows[0])
    assert sheet.freeze_panes == "A2"
    widths = sheet.column_dimensions
    assert widths["E"].width == 60 and 8 <= widths["A"].width < 20
    assert [cell.value for cell in rows[1]][4:6] == [long, 3]
    assert len(rows) == 3


@pytest.mark.parametrize("formula", FORMULAS)
def test_xlsx_text_is_never_a_formula(app, workshop, xlsx_path, formula):
    """Every text cell is a string cell, marked to stay text when edited."""
    save_xlsx(workshop, [record(formula, item=formula, author=formula)], xlsx_path)

    _book, rows = xlsx_cells(xlsx_path)
    cells = [cell for row in rows for cell in row if cell.value not in (None, "")]
    assert all(cell.data_type == "s" for cell in cells)
    assert rows[1][4].value == formula and rows[1][4].quotePrefix
    assert not any(
        str(cell.value).startswith("=") and cell.data_type == "f" for cell in cells
    )


def test_xlsx_drops_characters_a_workbook_cannot_hold(app, workshop, xlsx_path):
    save_xlsx(workshop, [record("bell\x07 and\x00 nul")], xlsx_path)

    _book, rows = xlsx_cells(xlsx_path)
    assert rows[1][4].value == "bell and nul"


def test_xlsx_has_a_sheet_about_the_workshop(app, workshop, xlsx_path):
    workshop.title, workshop.date = "=Forum", date(2025, 3, 14)
    workshop.purpose = "Hear providers."
    save_xlsx(workshop, [], xlsx_path)

    book = openpyxl.load_workbook(xlsx_path)
    assert book.sheetnames == ["Raw data", "Workshop"]
    about = [[cell.value for cell in row] for row in book["Workshop"].iter_rows()]
    assert about == [
        ["Title", "=Forum"],
        ["Date", "2025-03-14"],
        ["Purpose", "Hear providers."],
    ]
    assert book["Workshop"]["B1"].data_type == "s"


# --- from a workshop, through its kinds' records ------------------------------


@pytest.fixture
def room(team):
    return every_kind(team)


def test_the_csv_of_a_workshop_holds_what_its_report_may_show(room, csv_path):
    progress = []
    write_csv(room.workshop, csv_path, progress.append)

    rows = read_csv(csv_path)
    texts = {row[4] for row in rows}
    assert rows[0] == HEADER and progress[-1] == 100
    assert {"Pay providers on time", "Revealed at grouping", ANONYMOUS} <= texts
    assert '\'=HYPERLINK("x")' in texts
    assert HIDDEN not in texts and UNREVEALED not in texts
    authors = {row[7] for row in rows}
    assert "Ann Named" in authors and "Bob Quiet" not in authors
    assert all(row[7] == "" for row in rows if row[0] == "Worries")


def test_the_xlsx_of_a_workshop_holds_what_its_report_may_show(room, xlsx_path):
    write_xlsx(room.workshop, xlsx_path, lambda percent: None)

    _book, rows = xlsx_cells(xlsx_path)
    texts = {row[4].value for row in rows}
    assert {"Pay providers on time", '=HYPERLINK("x")', ANONYMOUS} <= texts
    assert HIDDEN not in texts and UNREVEALED not in texts
    cells = [cell for row in rows for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert {row[0].value for row in rows[1:]} >= {"Ideas", "Worries"}


@pytest.mark.parametrize("key", ["csv", "xlsx"])
def test_the_export_formats_write_these_tables(cast, tmp_path, key):
    path = tmp_path / f"data.{key}"
    formats.write(key, cast.workshop, path, lambda percent: None)

    if key == "csv":
        assert read_csv(path) == [HEADER]
    else:
        assert openpyxl.load_workbook(path).sheetnames == ["Raw data", "Workshop"]
