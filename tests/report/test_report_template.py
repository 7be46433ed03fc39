"""The report's HTML (templates/report/_report.html), shared by the report
page, the share link and the PDF: one h1, a part per h2, each activity a
section whose own headings sit below it, charts as figures with their
alternative text and their numbers in words, tables with headers, and every
string typed or quoted kept as text."""

import dataclasses

import lxml.html
import pytest
from flask import render_template_string

from app.report.document import Heading
from tests.report import samples

MACRO = (
    '{% from "report/_report.html" import report_body %}'
    "{{ report_body(report, chart_src) }}"
)


def chart_src(section, chart):
    return f"/charts/{section.id}/{chart.key}.svg"


@pytest.fixture
def render(app):
    def render(report):
        with app.test_request_context():
            return render_template_string(MACRO, report=report, chart_src=chart_src)

    return render


@pytest.fixture
def page(render):
    return lxml.html.fromstring(render(samples.sample_report()))


def texts(elements):
    return [element.text_content().strip() for element in elements]


def test_one_h1_then_a_part_per_h2(page):
    """The title is the only h1; each part and each activity is an h2."""
    assert texts(page.xpath("//h1")) == ["Home care provider forum"]
    assert texts(page.xpath("//h2")) == [
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


def test_each_activity_is_a_section_with_its_facts(page):
    """One section per activity, labelled by its title, with method, source
    (when known) and status."""
    sections = page.xpath("//section[contains(@class, 'report-activity')]")
    assert [section.get("id") for section in sections] == [
        "activity-act-board",
        "activity-act-checklist",
        "activity-act-road",
        "activity-act-spectrum",
    ]
    checklist = sections[1]
    facts = texts(checklist.xpath(".//dl[@class='activity-facts']//dd"))
    assert facts == [
        "Commissioning checklist",
        "Think Local Act Personal, Ideas for commissioning",
        "Finished.",
    ]
    assert len(sections[0].xpath(".//dl[@class='activity-facts']//dd")) == 2


def test_inner_headings_sit_below_the_activity_title(render):
    """A kind's level 3 and 4 headings are h3 and h4; a level 1 or 2 one
    cannot climb above its activity's h2."""
    report = samples.sample_report()
    board = report.sections[0]
    climbing = dataclasses.replace(
        board, blocks=(Heading("Too high", 1), *board.blocks)
    )
    report = dataclasses.replace(report, sections=(climbing,))
    page = lxml.html.fromstring(render(report))
    section = page.xpath("//section[@id='activity-act-board']")[0]
    assert texts(section.xpath(".//h3")) == ["Too high", "Themes, by votes"]
    assert texts(section.xpath(".//h4")) == ["Not in a theme"]


def test_a_chart_is_a_figure_with_alt_text_and_its_numbers_in_words(page):
    """Each chart: a figure captioned by its title, an image whose alt is
    its description, and its text alternative as a visible list under it."""
    figure = page.xpath("//section[@id='activity-act-checklist']//figure")[0]
    chart = samples.distribution_chart()
    assert texts(figure.xpath("figcaption")) == [chart.title]
    image = figure.xpath("img")[0]
    assert image.get("src") == "/charts/act-checklist/overall.svg"
    assert image.get("alt") == chart.description
    lines = figure.getnext()
    assert lines.tag == "ul" and "chart-lines" in lines.get("class")
    assert texts(lines.xpath("li")) == list(chart.lines)
    assert lines.get("hidden") is None


def test_tables_have_a_caption_and_header_cells(page):
    """Agenda, people and kinds' tables: a caption, column headers with
    scope col, and each row headed by its first cell (scope row)."""
    captions = texts(page.xpath("//table/caption"))
    assert captions == [
        "The activities in agenda order",
        "People by role",
        "People by organisation type",
        "Agreed scores",
    ]
    agenda = page.xpath("//table")[0]
    header = agenda.xpath("thead/tr/th")
    assert texts(header) == ["Activity", "Method", "Minutes", "Status"]
    assert {cell.get("scope") for cell in header} == {"col"}
    first_row = agenda.xpath("tbody/tr")[0]
    assert texts(first_row.xpath("th[@scope='row']")) == ["What works well now?"]
    assert texts(first_row.xpath("td")) == ["Open board", "20", "Finished."]
    people = page.xpath("//table")[1]
    assert texts(people.xpath("tbody/tr/*")) == ["Provider", "6", "Commissioner", "3"]


def test_user_text_is_escaped_everywhere(render):
    """Markup typed in a note, the summary or a table stays text: no element
    comes of it, and the page shows it as typed."""
    html = render(samples.sample_report())
    assert "<script>" not in html and "<b>" not in html and "<img src=x>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = lxml.html.fromstring(html)
    assert page.xpath("//script") == [] and page.xpath("//b") == []
    assert len(page.xpath("//img")) == 2  # only the two charts
    assert samples.MARKUP in texts(page.xpath("//span[@class='entry-text']"))
    assert samples.MARKDOWN in texts(page.xpath("//td"))


def test_quotes_muted_remarks_and_the_road(page):
    """The method's wording is a blockquote with a cue; a side remark is
    muted; a pathway is an ordered list drawn as a road."""
    quote = page.xpath("//div[@class='method-quote']")[0]
    assert texts(quote.xpath("p[@class='quote-cue']")) == ["Quoted from the method"]
    assert texts(quote.xpath("blockquote")) == ["Score each statement as a group."]
    assert texts(page.xpath("//p[@class='muted']")) == [
        "One note was hidden by the facilitator."
    ]
    road = page.xpath("//ol[@class='road']")[0]
    steps = road.xpath("li/span[@class='entry-text']")
    assert texts(steps) == ["Referral", "Assessment", "Living well at home"]
    assert texts(road.xpath("li/ul/li")) == ["Resource: the GP", "Wall: waiting lists"]


def test_entries_nest_with_their_detail_lines(page):
    """Themes hold their notes as a nested list; each detail (dots, a
    consented name) is its own line."""
    themes = page.xpath("//section[@id='activity-act-board']//ol")[0]
    first = themes.xpath("li")[0]
    assert texts(first.xpath("span[@class='entry-detail']")) == ["8 dots"]
    notes = first.xpath("ul/li/span[@class='entry-detail']")
    assert texts(notes) == ["5 dots · Ann Jones", "2 dots", "1 dot"]


def test_empty_parts_are_left_out(render):
    """No summary, key messages, next steps or names: no heading for them."""
    report = dataclasses.replace(
        samples.sample_report(),
        summary=(),
        key_messages=(),
        next_steps=(),
        people=dataclasses.replace(samples.sample_report().people, named=()),
    )
    page = lxml.html.fromstring(render(report))
    headings = texts(page.xpath("//h2 | //h3"))
    for gone in ("Summary", "Key messages", "Next steps", "Named with their agreement"):
        assert gone not in headings
    assert "Agenda" in headings and "Who took part" in headings


def test_names_only_as_the_report_gives_them(page):
    """Who took part lists the people the report names, with role and
    organisation, and the counts by role and organisation type."""
    people = page.xpath("//section[contains(@class, 'report-people')]")[0]
    assert texts(people.xpath("ul[@class='people-named']/li")) == [
        "Ann Jones Provider · Bright Homes"
    ]
    assert "9 people took part." in texts(people.xpath("p"))
