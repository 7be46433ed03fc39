"""The Markdown (app/exports/markdown.py), parsed back with markdown-it
(CommonMark and pipe tables): the report's outline, lists and tables, charts
as words, and every string typed or quoted reading back as the same text,
with no HTML, link or image coming of it."""

import dataclasses

import pytest
from markdown_it import MarkdownIt

from app.exports import markdown
from app.report.document import Entries, Entry, Paragraph
from tests.builders import add_note, make_board
from tests.report import samples

PARSER = MarkdownIt("commonmark").enable("table")
FORBIDDEN = {"html_inline", "html_block", "link_open", "image", "code_inline"}


def tokens(source):
    """Every token, inline children included."""
    for token in PARSER.parse(source):
        yield token
        yield from token.children or ()


def inline_texts(source):
    """The plain text of each inline run (a paragraph, heading, list item's
    paragraph or table cell), line breaks as newlines."""
    found = []
    for token in PARSER.parse(source):
        if token.type == "inline":
            found.append("".join(_text_of(child) for child in token.children))
    return found


def _text_of(child):
    if child.type in ("softbreak", "hardbreak"):
        return "\n"
    return child.content if child.type == "text" else ""


@pytest.fixture
def source(app):
    with app.test_request_context():
        return markdown.render_markdown(samples.sample_report())


def test_no_html_link_or_image_comes_of_user_text(source):
    """Markup, Markdown links and images typed by someone make no HTML,
    link, image or code token."""
    assert not {token.type for token in tokens(source)} & FORBIDDEN


def test_user_strings_read_back_as_the_same_text(source):
    """Each string typed in a note, summary, key message or table cell comes
    back as exactly that text."""
    texts = inline_texts(source)
    assert samples.MARKDOWN in texts  # a key message, and a table cell
    assert samples.FORMULA in texts  # a note, and a table cell
    assert samples.LEADING in texts
    assert "A note said: " + samples.MARKUP in texts
    assert f"{samples.MARKUP}\n2 dots" in texts  # the note and its detail line


def test_the_outline_is_headings_by_level(source):
    """The title is the one h1; parts and activities are h2; a kind's
    headings h3 and h4."""
    headings = {}
    stream = PARSER.parse(source)
    for opening, content in zip(stream, stream[1:], strict=False):
        if opening.type == "heading_open":
            headings.setdefault(opening.tag, []).append(content.content)
    assert headings["h1"] == ["Home care provider forum"]
    assert headings["h2"][:5] == [
        "Summary",
        "Key messages",
        "Next steps",
        "Agenda",
        "Who took part",
    ]
    assert "Power and partnership" in headings["h2"]
    assert headings["h3"] == ["Named with their agreement", "Themes, by votes"]
    assert headings["h4"] == ["Not in a theme"]


def test_tables_are_pipe_tables(source):
    """Agenda, people and kinds' tables parse as tables, a "|" in a cell
    staying inside it."""
    stream = list(tokens(source))
    assert sum(token.type == "table_open" for token in stream) == 4
    header_cells = [
        stream[index + 1].content
        for index, token in enumerate(stream)
        if token.type == "th_open"
    ]
    assert header_cells[:4] == ["Activity", "Method", "Minutes", "Status"]
    html = PARSER.render(source)
    assert "<td>**not bold** [x](javascript:alert(1)) &lt;img src=x&gt;" in html


def test_lists_nest_and_number(source):
    """Themes are a numbered list with their notes nested under them; a
    road is a numbered list of its steps."""
    html = PARSER.render(source)
    assert "<ol>\n<li>Continuity of care<br />\n<em>8 dots</em>\n<ul>" in html
    assert "<ol>\n<li>Referral\n<ul>\n<li>Resource: the GP</li>" in html


def test_charts_are_their_description_and_numbers_in_words(source):
    """No image: the chart's title, description and each line of its text
    alternative."""
    texts = inline_texts(source)
    chart = samples.distribution_chart()
    assert chart.title in texts and chart.description in texts
    assert all(line in texts for line in chart.lines)


def test_a_quote_is_a_blockquote_with_its_cue(source):
    html = PARSER.render(source)
    assert (
        "<blockquote>\n<p><em>Quoted from the method</em></p>\n"
        "<p>Score each statement as a group.</p>\n</blockquote>"
    ) in html


@pytest.mark.parametrize(
    "typed",
    [
        "**bold** and __bold__",
        "*em* _em_ ~~struck~~",
        "`code` and ``more``",
        "<b>bold</b> <!-- comment --> <div>",
        "&amp; &#65; &copy;",
        "[link](http://x) ![image](x.png) [ref][1]",
        "<http://example.org> <a@b.org>",
        "# heading",
        "Heading with a closing #",
        "- item",
        "+ item",
        "* item",
        "1. item",
        "3) item",
        "> quote",
        "=1+2",
        "---",
        "===",
        "    indented code",
        "```",
        "| a | b |",
        "ends with a backslash\\",
        "$x$ and {braces}",
    ],
)
def test_escape_gives_back_the_same_text(typed):
    """Whatever Markdown a string holds, escaped it reads back as itself,
    in a single paragraph."""
    stream = PARSER.parse(markdown.escape(typed))
    assert [token.type for token in stream] == [
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]
    assert inline_texts(markdown.escape(typed)) == [typed.strip()]
    assert not {token.type for token in tokens(markdown.escape(typed))} & FORBIDDEN


def test_typed_line_breaks_stay_inside_their_list_item(app):
    """A note written over several lines, some looking like list items or
    headings, stays one list item with hard breaks."""
    note = "First line\n- not an item\n# not a heading\n\n    not code"
    section = dataclasses.replace(
        samples.board_section(),
        blocks=(Entries((Entry(note, "2 dots"),)), Paragraph(note, "muted")),
    )
    report = dataclasses.replace(samples.sample_report(), sections=(section,))
    with app.test_request_context():
        source = markdown.render_markdown(report)
    lines = "First line\n- not an item\n# not a heading\nnot code"
    assert f"{lines}\n2 dots" in inline_texts(source)
    assert lines in inline_texts(source)
    board = source.split("## What works well now?")[1]
    assert PARSER.render(board).count("<li>") == 1


def test_write_md_from_a_workshop(cast, tmp_path, app):
    """Built from a real workshop: title, board and a note's text, with
    progress 10 then 100."""
    board = make_board(cast.fac)
    add_note(cast.ann_actor, board, text="[click](javascript:alert(1))")
    path, progress = tmp_path / "report.md", []
    with app.test_request_context():
        markdown.write_md(cast.workshop, path, progress.append)
    assert progress == [10, 100]
    source = path.read_text(encoding="utf-8")
    texts = inline_texts(source)
    assert "Test workshop" in texts and "Ideas" in texts
    assert any("[click](javascript:alert(1))" in text for text in texts)
    assert not {token.type for token in tokens(source)} & FORBIDDEN
