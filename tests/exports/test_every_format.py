"""Every export format of one workshop that uses every kind and mode, read
back by a reader of its format: what the report may show is there; hidden
notes, private writing not yet revealed, the names of people who did not
agree to be named, and the author of an anonymous note are in none."""

import csv
import json
import zipfile

import docx
import openpyxl
import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from app.exports import formats
from tests.exports.every_kind import ANONYMOUS, HIDDEN, PEOPLE, UNREVEALED, every_kind

NOT_NAMED = [name for name, _role, named in PEOPLE if not named]


def _pdf(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _docx(path):
    document = docx.Document(path)
    cells = (
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _xlsx(path):
    book = openpyxl.load_workbook(path)
    return "\n".join(
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    )


def _archive(path):
    with zipfile.ZipFile(path) as archive:
        return json.dumps(json.loads(archive.read("workshop.json")), ensure_ascii=False)


def _md(path):
    """The text a Markdown reader finds in the file, markup parsed away."""
    tokens = MarkdownIt("commonmark").enable("table").parse(path.read_text())
    inline = (token for token in tokens if token.type == "inline")
    return "\n".join(
        child.content for token in inline for child in token.children or ()
    )


def _csv(path):
    with path.open(encoding="utf-8-sig", newline="") as file:
        return "\n".join(cell for row in csv.reader(file) for cell in row)


READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "md": _md,
    "csv": _csv,
    "xlsx": _xlsx,
    "json": _archive,
}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Every format of the every-kind workshop, read back as text."""
    from config import TestingConfig
    from tests.apps import app_with
    from tests.builders import make_team

    folder = tmp_path_factory.mktemp("formats")
    texts = {}
    with app_with(TestingConfig) as app:
        room = every_kind(make_team())
        with app.test_request_context():
            for key, format in formats.FORMATS.items():
                path = folder / f"export.{format.extension}"
                formats.write(key, room.workshop, path, lambda percent: None)
                texts[key] = READERS[key](path)
    return texts


@pytest.mark.parametrize("key", list(READERS))
def test_each_format_holds_the_report_and_nothing_it_may_not_show(made, key):
    text = made[key]
    assert "Pay providers on time" in text
    assert HIDDEN not in text and UNREVEALED not in text
    assert not [name for name in NOT_NAMED if name in text]


@pytest.mark.parametrize("key", ["pdf", "docx", "md"])
def test_the_anonymous_note_names_nobody_in_the_documents(made, key):
    """Ann agreed to be named, and her notes elsewhere carry her name; her
    note on the anonymous board carries none."""
    text = made[key]
    assert "Ann Named" in text
    after = text[text.index(ANONYMOUS) :][: len(ANONYMOUS) + 40]
    assert "Ann" not in after


def test_every_format_is_read_back(made):
    assert set(made) == set(formats.FORMATS) == set(READERS)
    assert all(len(text) > 200 for text in made.values())
