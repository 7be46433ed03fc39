"""Builders for a series: a quarterly forum whose workshops score the CCPS
checklist through the write path, as the room would."""

from datetime import date

from app.extensions import db
from app.methods.library import get_builtin
from app.models import Series, Team, TeamMethod
from tests import builders
from tests.builders import act, facilitator_actor, participant_actor, set_phase

DATES = (date(2025, 3, 12), date(2025, 6, 11), date(2025, 9, 10))
REWORDED = "Our commissioning looks at value over the life of a contract, not price."


def make_series(team, title="Domiciliary care provider forum", description=""):
    series = Series(team_id=team.id, title=title, description=description)
    db.session.add(series)
    db.session.commit()
    return series


def checklist_workshop(
    series, title, when, groups, method="ccps-checklist", anonymous=False, reveal=True
):
    """A workshop of `series` on `when` with a checklist of `method` where,
    for each (role, how many, {item: value}), that many people of that role
    scored those items; revealed unless `reveal` is false. Its workshop."""
    team = db.session.get(Team, series.team_id)
    workshop = builders.make_workshop(team, title=title, date=when)
    workshop.series = series
    db.session.commit()
    fac = facilitator_actor(workshop)
    payload = {"method": method, "anonymous": anonymous}
    sheet = act(fac, "workshop.add_activity", payload)["result"]["activity"]
    set_phase(fac, sheet, "scoring")
    number = 0
    for role, count, values in groups:
        for _n in range(count):
            number += 1
            person = builders.make_participant(
                workshop, display_name=f"{role} {number}", role=role
            )
            for item, value in values.items():
                score = {"activity": sheet, "item": item, "value": value}
                act(participant_actor(person), "checklist.score", score)
    if reveal:
        set_phase(fac, sheet, "reveal")
    return workshop


def reworded_copy(team, item="element-2", text=REWORDED):
    """The team's copy of the CCPS checklist with one item reworded; the
    method ref an activity is made from ("team:<public id>")."""
    content = {**get_builtin("ccps-checklist").as_content(), "version": 1}
    for section in content["content"]["sections"]:
        for found in section["items"]:
            if found["key"] == item:
                found["text"] = text
    method = TeamMethod(
        team_id=team.id,
        kind="checklist",
        title="Our CCPS checklist",
        content=content,
        copied_from="ccps-checklist",
        copied_from_version=1,
    )
    db.session.add(method)
    db.session.commit()
    return f"team:{method.public_id}"


def quarterly_forum(team):
    """Three quarters of the forum: element-2 reworded from the third on
    (the team's own copy); commissioners and providers three or more each
    in the first two, an anonymous checklist in the third."""
    series = make_series(team)
    spring = checklist_workshop(
        series,
        "Spring forum",
        DATES[0],
        [
            ("commissioner", 3, {"element-1": 2, "element-2": 2}),
            ("provider", 3, {"element-1": 0, "element-2": 1}),
            ("lived_experience", 1, {"element-1": 1}),
            ("carer", 2, {"element-1": 0}),
        ],
    )
    summer = checklist_workshop(
        series,
        "Summer forum",
        DATES[1],
        [
            ("commissioner", 3, {"element-1": 2, "element-2": 1}),
            ("provider", 4, {"element-1": 1, "element-2": 1}),
        ],
    )
    autumn = checklist_workshop(
        series,
        "Autumn forum",
        DATES[2],
        [
            ("commissioner", 3, {"element-1": 2, "element-2": 2}),
            ("provider", 3, {"element-1": 2, "element-2": 0}),
        ],
        method=reworded_copy(team),
        anonymous=True,
    )
    return series, (spring, summer, autumn)


def add_spectrum(workshop, marks, dimension="identification-of-need"):
    """A revealed CCPS spectrum in `workshop`, where each (now, aspiration)
    of `marks` is one new participant's marks on `dimension`."""
    fac = facilitator_actor(workshop)
    added = act(fac, "workshop.add_activity", {"method": "ccps-spectrum"})
    spectrum = added["result"]["activity"]
    set_phase(fac, spectrum, "mark")
    for number, (now, aspiration) in enumerate(marks, start=1):
        person = builders.make_participant(workshop, display_name=f"Marker {number}")
        payload = {
            "activity": spectrum,
            "dimension": dimension,
            "now": now,
            "aspiration": aspiration,
        }
        act(participant_actor(person), "spectrum.mark", payload)
    set_phase(fac, spectrum, "reveal")
    return spectrum
