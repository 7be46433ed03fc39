"""The report as a Word document that a council officer can edit: real
headings (Title, Heading 1 to 3), lists, tables with a repeated header row,
and charts as pictures with alternative text and their numbers in words.

python-docx writes every string as text, so nothing typed can become a
field, a formula or markup; only characters XML cannot hold are dropped.
"""

import re
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from flask_babel import get_locale
from flask_babel import gettext as _

from app.exports import chart_images, outline
from app.report.document import Chart, Entries, Heading, Paragraph, Table
from app.report.model import build

MUTED = RGBColor(0x4A, 0x55, 0x60)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CSS_PIXELS_PER_INCH = 96
EMU_PER_INCH = 914400
MAX_CHART_HEIGHT = Cm(22)  # a page's text height, less room for the caption
DEEPEST_LIST = 3  # Word's built-in list styles go three levels deep


def render_docx(report, images=None):
    """`report` as .docx bytes; `images` (from chart_pngs) drawn here if not given."""
    if images is None:
        images = chart_pngs(report)
    document = _new_document(report)
    writer = _Writer(document, images)
    for block in outline.front_blocks(report):
        writer.write(block)
    for section in report.sections:
        writer.section_id = section.id  # whose charts the images are
        for block in outline.section_blocks(section):
            writer.write(block)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def chart_pngs(report):
    """Each chart as PNG bytes, by (section id, chart key)."""
    return {
        (section.id, block.key): chart_images.png(block.spec)
        for section in report.sections
        for block in section.blocks
        if isinstance(block, Chart)
    }


def write_docx(workshop, path, progress):
    """Build `workshop`'s report, draw its charts, and write it as .docx at `path`."""
    report = build(workshop)
    progress(10)
    images = chart_pngs(report)
    progress(50)
    Path(path).write_bytes(render_docx(report, images))
    progress(100)


def text(value):
    """A string Word can hold: as typed, less characters XML forbids."""
    return NOT_XML.sub("", str(value))


class _Writer:
    """Adds blocks to a document, one after another."""

    def __init__(self, document, images):
        self.document = document
        self.images = images
        self.section_id = None

    def write(self, block):
        RENDERERS[type(block)](self, block)

    def heading(self, block):
        # Level 1 is the report's title (Word's Title style); 2 is Heading 1.
        self.document.add_heading(text(block.text), level=min(block.level - 1, 9))

    def field(self, block):
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text(block.label) + ": ").bold = True
        paragraph.add_run(text(block.value))

    def paragraph(self, block):
        if block.style == "quote":
            return self.quote(block)
        run = self.document.add_paragraph().add_run(text(block.text))
        if block.style == "muted":
            run.italic = True
            run.font.color.rgb = MUTED

    def quote(self, block):
        paragraph = self.document.add_paragraph(style="Quote")
        cue = paragraph.add_run(_("Quoted from the method"))
        cue.bold, cue.font.size = True, Pt(9)
        cue.add_break()
        paragraph.add_run(text(block.text))

    def entries(self, block):
        ordered = block.ordered or block.style == "road"
        self.list(block.entries, ordered, depth=1, strong=block.style == "road")

    def list(self, entries, ordered, depth, strong=False):
        style = _list_style(ordered, depth)
        numbering = _new_numbering(self.document) if ordered else None
        for entry in entries:
            paragraph = self.document.add_paragraph(style=style)
            if numbering is not None:
                _number(paragraph, numbering)
            paragraph.add_run(text(entry.text)).bold = strong
            if entry.detail:
                paragraph.runs[-1].add_break()
                _muted(paragraph.add_run(text(entry.detail)))
            if entry.children:
                self.list(entry.children, False, depth + 1)

    def table(self, block):
        _caption(self.document, block.caption)
        width = len(block.header)
        table = self.document.add_table(rows=1, cols=width)
        table.style = self.document.styles["Table Grid"]
        _header_row(table.rows[0], block.header)
        for row in block.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                cell.text = text(value)
        self.document.add_paragraph()  # Word joins adjacent tables into one

    def chart(self, block):
        image = self.images.get((self.section_id, block.key))
        _caption(self.document, block.title)
        if image:
            width, height = _fitted(image, self.document)
            self.document.add_picture(BytesIO(image), width=width, height=height)
            _describe_picture(self.document.paragraphs[-1], block)
        for line in block.lines:
            self.document.add_paragraph(text(line), style="List Bullet")


RENDERERS = {
    Heading: _Writer.heading,
    outline.Field: _Writer.field,
    Paragraph: _Writer.paragraph,
    Entries: _Writer.entries,
    Table: _Writer.table,
    Chart: _Writer.chart,
}


def _new_document(report):
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    _page_numbers(section)
    properties = document.core_properties
    properties.title = text(report.title)
    properties.language = str(get_locale() or "en")
    return document


def _list_style(ordered, depth):
    name = "List Number" if ordered else "List Bullet"
    depth = min(depth, DEEPEST_LIST)
    return name if depth == 1 else f"{name} {depth}"


def _new_numbering(document):
    """A fresh numbering for one ordered list, so each list starts at 1."""
    numbering = document.part.numbering_part.element
    style = document.styles["List Number"].element
    num_id = style.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _number(paragraph, num_id):
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _muted(run):
    run.italic = True
    run.font.size = Pt(9)
    run.font.color.rgb = MUTED


def _caption(document, words):
    paragraph = document.add_paragraph(text(words), style="Caption")
    paragraph.paragraph_format.keep_with_next = True


def _header_row(row, header):
    """Bold labels, repeated at the top of each page the table runs onto."""
    for cell, label in zip(row.cells, header, strict=True):
        cell.paragraphs[0].add_run(text(label)).bold = True
    header_mark = OxmlElement("w:tblHeader")
    header_mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header_mark)


def _fitted(png, document):
    """The chart's size as drawn on screen (PNGs come at PNG_SCALE), made
    smaller if need be to fit the page's text width and MAX_CHART_HEIGHT."""
    # A PNG's IHDR chunk gives its width and height in bytes 16 to 24.
    pixels = (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))
    width, height = (_emu(count / chart_images.PNG_SCALE) for count in pixels)
    section = document.sections[-1]
    room = section.page_width - section.left_margin - section.right_margin
    shrink = min(1, room / width, MAX_CHART_HEIGHT / height)
    return Emu(int(width * shrink)), Emu(int(height * shrink))


def _emu(css_pixels):
    return int(css_pixels / CSS_PIXELS_PER_INCH * EMU_PER_INCH)


def _describe_picture(paragraph, chart):
    """The chart's description as the picture's alternative text."""
    for properties in paragraph._p.xpath(".//wp:docPr"):
        properties.set("descr", text(chart.description))
        properties.set("title", text(chart.title))
    paragraph.paragraph_format.keep_with_next = bool(chart.lines)


def _page_numbers(section):
    """A PAGE field, centred in the footer."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = 1  # centre
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    number = OxmlElement("w:t")
    number.text = "1"
    run.append(number)
    field.append(run)
    paragraph._p.append(field)
