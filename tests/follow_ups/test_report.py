"""Actions in a workshop's report and its exports (app/follow_ups/report.py):
those raised in it and those of earlier workshops it reviewed, in the page,
Markdown and CSV alike, with public fields only."""

import csv
import datetime as dt
import io

import docx

from app.exports import markdown, tables
from app.exports.docx import render_docx
from app.extensions import db
from app.report import model
from tests import builders
from tests.builders import act
from tests.follow_ups.conftest import make_action


def later_workshop(cast, series, title="Summer forum"):
    later = builders.make_workshop(cast.workshop.team, title=title)
    later.series_id, later.date = series.id, dt.date(2025, 6, 4)
    db.session.commit()
    return later, builders.facilitator_actor(later)


def actions_section(workshop):
    found = [s for s in model.build(workshop).sections if s.kind == "follow_ups"]
    return found[0] if found else None


def test_a_workshop_with_no_actions_has_no_actions_part(cast, series):
    assert actions_section(cast.workshop) is None
    assert model.records(cast.workshop) == []


def test_the_report_lists_actions_raised_here_and_those_reviewed(cast, series):
    """The spring forum raised one; the summer forum reviewed it (an update)
    and raised another: each report says which."""
    spring = make_action(cast.fac, title="Fund travel time", owner_person="Jo Lee")
    later, later_fac = later_workshop(cast, series)
    act(
        later_fac,
        "follow_up.update",
        {"follow_up": spring, "body": "Consulted", "status": "done"},
    )
    make_action(later_fac, title="Meet in July", due_date="2025-07-10")

    first = actions_section(cast.workshop)
    second = actions_section(later)

    raised_first = first.blocks[1].entries
    assert [e.text for e in raised_first] == ["Fund travel time"]
    assert "Jo Lee" not in repr(first)
    assert [e.text for e in second.blocks[1].entries] == ["Meet in July"]
    assert "due 2025-07-10" in second.blocks[1].entries[0].detail
    [reviewed] = second.blocks[3].entries
    assert reviewed.text == "Fund travel time" and reviewed.detail.startswith("Done")
    assert any("Consulted" in child.text for child in reviewed.children)


def test_actions_are_in_the_markdown_and_the_csv(app, cast, series, tmp_path):
    make_action(cast.fac, title="Publish the =fee model", owner_organisation="Council")

    source = markdown.render_markdown(model.build(cast.workshop))
    path = tmp_path / "raw.csv"
    tables.save_csv(model.records(cast.workshop), path)
    with open(path, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))

    assert "## Actions agreed" in source
    assert "Publish the =fee model" in source and "Council" in source
    [action] = [row for row in rows if row[2] == "action"]
    assert action[0] == "Actions agreed"
    assert (action[4], action[5]) == ("Publish the =fee model", "Open")


def test_the_report_page_shows_the_actions(client, facilitator, cast, series):
    make_action(cast.fac, title="Fund travel time")

    page = client.get(f"/workshops/{cast.workshop.public_id}/report").get_data(
        as_text=True
    )

    assert "Actions agreed" in page and "Fund travel time" in page


def test_actions_are_in_the_word_file(app, cast, series):
    made = make_action(cast.fac, title="Publish the fee model", due_date="2025-06-30")
    act(cast.fac, "follow_up.update", {"follow_up": made, "body": "Drafted"})

    with app.test_request_context():
        document = docx.Document(io.BytesIO(render_docx(model.build(cast.workshop))))

    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Actions agreed" in text and "Publish the fee model" in text
    assert "Open · due 2025-06-30" in text and "Drafted" in text
