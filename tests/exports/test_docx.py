"""The Word file (app/exports/docx.py), read back with python-docx: real
headings, lists, tables with a header row, charts as pictures with their
alternative text and numbers in words, and user text kept as typed."""

import dataclasses
import io

import docx
import PIL.Image
import pytest
from docx.shared import Cm

from app.exports import docx as word
from app.report.document import Entries, Entry, Paragraph
from tests.builders import add_note, make_board
from tests.report import samples


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield


def read(data):
    return docx.Document(io.BytesIO(data))


@pytest.fixture
def document(request_context):
    return read(word.render_docx(samples.sample_report()))


def styled(document, style):
    return [p.text for p in document.paragraphs if p.style.name == style]


def all_text(document):
    cells = (
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    )
    return [p.text for p in document.paragraphs] + list(cells)


def test_headings_use_words_heading_styles(document):
    """The title in Title; parts and activities in Heading 1; a kind's own
    headings in Heading 2 and 3, so Word's navigation shows the outline."""
    assert styled(document, "Title") == ["Home care provider forum"]
    assert styled(document, "Heading 1") == [
        "Summary",
        "Key messages",
        "Next steps",
        "Agenda",
        "Who took part",
        "What works well now?",
        "How well do we commission?",
        "The road to good care",
        "Power and partnership",
    ]
    assert styled(document, "Heading 2") == [
        "Named with their agreement",
        "Themes, by votes",
    ]
    assert styled(document, "Heading 3") == ["Not in a theme"]


def test_tables_have_a_repeated_bold_header_row(document):
    """Agenda, people and kinds' tables as Word tables: a caption above, a
    bold header row marked to repeat on each page, then the rows."""
    assert styled(document, "Caption")[:3] == [
        "The activities in agenda order",
        "People by role",
        "People by organisation type",
    ]
    agenda = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in agenda.rows]
    assert rows == [
        ["Activity", "Method", "Minutes", "Status"],
        ["What works well now?", "Open board", "20", "Finished."],
        ["How well do we commission?", "Checklist", "", "Finished."],
    ]
    header = agenda.rows[0]
    assert all(cell.paragraphs[0].runs[0].bold for cell in header.cells)
    assert header._tr.xpath("./w:trPr/w:tblHeader")
    assert agenda.style.name == "Table Grid"


def test_each_chart_is_a_picture_with_alt_text_and_its_numbers(document):
    """A PNG picture per chart, its description as the alternative text,
    its title as the caption, and its numbers as a list under it."""
    assert len(document.inline_shapes) == 2
    descriptions = [
        properties.get("descr")
        for properties in document.element.body.xpath(".//wp:docPr")
    ]
    chart = samples.distribution_chart()
    assert descriptions == [chart.description, samples.spectrum_chart().description]
    image = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill
    blob = document.part.related_parts[image.blip.embed].blob
    assert blob.startswith(b"\x89PNG")
    assert chart.title in styled(document, "Caption")
    bullets = styled(document, "List Bullet")
    assert all(line in bullets for line in chart.lines)


@pytest.mark.parametrize("size", [(4000, 400), (800, 6000)])
def test_a_chart_fits_the_page(request_context, size):
    """A chart wider or taller than the page is shrunk to fit, keeping its
    shape."""
    picture = io.BytesIO()
    PIL.Image.new("RGB", size, "white").save(picture, "PNG")
    report = samples.sample_report()
    images = {("act-spectrum", "overall"): picture.getvalue()}
    shape = read(word.render_docx(report, images)).inline_shapes[0]
    text_width = Cm(17.01)  # A4 less 2 cm margins, as Word stores it (twips)
    assert shape.width <= text_width and shape.height <= Cm(22)
    assert shape.width >= Cm(16.9) or shape.height >= Cm(21.9)
    assert shape.width / shape.height == pytest.approx(size[0] / size[1], rel=0.01)


def test_user_text_stays_as_typed(document):
    """Markup, Markdown and a formula typed by someone are plain text in
    paragraphs, list items and table cells."""
    text = all_text(document)
    assert "A note said: " + samples.MARKUP in text
    assert samples.MARKDOWN in styled(document, "List Bullet")
    assert samples.FORMULA in styled(document, "List Bullet 2")
    assert samples.FORMULA in text  # the agreed scores' note cell
    assert samples.LEADING in styled(document, "List Bullet")
    xml = document.element.xml
    assert "<script>" not in xml and "<b>" not in xml
    assert "fldSimple" not in xml  # no field made of text (the footer's is apart)


def test_lists_quotes_and_remarks(document):
    """Themes as a numbered list with notes nested under them; the detail on
    its own line; a quote in Word's Quote style with its cue; each numbered
    list starting again at 1."""
    numbered = styled(document, "List Number")
    assert numbered[:2] == ["Continuity of care\n8 dots", "Paperwork\n3 dots"]
    assert "More time with the same carer\n5 dots · Ann Jones" in styled(
        document, "List Bullet 2"
    )
    assert styled(document, "Quote") == [
        "Quoted from the method\nScore each statement as a group."
    ]
    themes, road = (
        next(p for p in document.paragraphs if p.text == text)
        for text in ("Continuity of care\n8 dots", "Referral")
    )
    assert _num_id(themes) != _num_id(road)
    assert road.runs[0].bold  # a road's steps stand out


def test_characters_xml_cannot_hold_are_dropped(request_context):
    """A control character in a note does not stop the file being written."""
    section = dataclasses.replace(
        samples.board_section(),
        blocks=(
            Entries((Entry("bell\x07 and\x00 nul"),)),
            Paragraph("form\x0cfeed", "muted"),
        ),
    )
    report = dataclasses.replace(samples.sample_report(), sections=(section,))
    text = all_text(read(word.render_docx(report)))
    assert "bell and nul" in text and "formfeed" in text


def test_write_docx_from_a_workshop(cast, tmp_path, request_context):
    """Built from a real workshop: title, board and a note's text, with
    progress 10, 50, 100."""
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text='=HYPERLINK("http://x")')
    path, progress = tmp_path / "report.docx", []
    word.write_docx(cast.workshop, path, progress.append)
    assert progress == [10, 50, 100]
    document = docx.Document(path)
    assert styled(document, "Title") == ["Test workshop"]
    assert "Ideas" in styled(document, "Heading 1")
    assert any('=HYPERLINK("http://x")' in text for text in all_text(document))


def _num_id(paragraph):
    return paragraph._p.pPr.numPr.numId.val
