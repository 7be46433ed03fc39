"""A pathway's (yellow brick road) part of the report and its raw data: each
road as the projector sees it (app/kinds/pathway_view.py), its steps in
order with the resources, brick walls and ways over each wall, and how
progress would be measured. Cards never carry an author: the road is the
room's, made together."""

from flask_babel import gettext as _

from app.kinds.content import method_content
from app.kinds.pathway_view import snapshot
from app.kinds.report_parts import nothing_shown, projected, record_for, remark
from app.methods.texts import display
from app.report.document import Entries, Entry, Heading, Paragraph


def lane_labels(activity):
    """Each lane's name in the reader's language, by lane key."""
    lanes = method_content(activity).get("lanes", [])
    return {lane["key"]: display(lane["label"]) for lane in lanes}


def roads(activity, names):
    """The roads with anything on them, as the projector sees them, less
    what publishing withholds (app/report/redaction.py)."""
    found = names.withheld.roads(activity, projected(snapshot, activity)["roads"])
    return [road for road in found if road["steps"] or road["measures"]]


def report(activity, names):
    """Each road: its service, its steps as a road, and its measures."""
    mapped = roads(activity, names)
    if not mapped:
        return [nothing_shown(activity, _("No steps were mapped."))]
    labels = lane_labels(activity)
    named = len(mapped) > 1 or mapped[0]["group"] is not None
    blocks = []
    for road in mapped:
        if named:
            blocks.append(Heading(_road_name(road)))
        blocks += _road(road, labels)
    return blocks


def _road_name(road):
    return road["group"]["name"] if road["group"] else _("The whole room's road")


def _road(road, labels):
    blocks = []
    if road["service"]:
        blocks.append(Paragraph(_("Service: %(name)s", name=road["service"])))
    if road["steps"]:
        steps = tuple(_step(step, labels) for step in road["steps"])
        blocks.append(Entries(steps, ordered=True, style="road"))
    else:
        blocks.append(remark(_("No steps were mapped.")))
    if road["measures"]:
        blocks.append(Heading(labels["measures"], 4))
        blocks.append(Entries(tuple(Entry(card["text"]) for card in road["measures"])))
    return blocks


def _step(step, labels):
    """A step, with what it needs and the walls met on it (each wall with
    the ways over it)."""
    walls = tuple(
        Entry(
            wall["text"],
            "",
            tuple(Entry(way["text"], labels["overcome"]) for way in wall["overcome"]),
        )
        for wall in step["walls"]
    )
    resources = tuple(Entry(card["text"]) for card in step["resources"])
    children = (
        Entry(labels["resources"], "", resources) if resources else None,
        Entry(labels["walls"], "", walls) if walls else None,
    )
    return Entry(step["text"], "", tuple(child for child in children if child))


def records(activity, names):
    """One row per card and per named service; cards carry no author."""
    row, labels = record_for(activity), lane_labels(activity)
    return [
        record
        for road in roads(activity, names)
        for record in _road_records(row, labels, road)
    ]


def _road_records(row, labels, road):
    """A road's rows: each card with its lane and the number of its step (a
    step's own, or the one a resource, wall or way over a wall is on)."""
    group = road["group"]["name"] if road["group"] else ""
    rows = []
    if road["service"]:
        rows.append(row(type="service", text=road["service"], group=group))
    for number, step in enumerate(road["steps"], start=1):
        for lane, card in [("steps", step), *_hanging(step)]:
            rows.append(
                row(
                    type="card",
                    item=labels[lane],
                    text=card["text"],
                    value=str(number),
                    group=group,
                )
            )
    for card in road["measures"]:
        rows.append(
            row(type="card", item=labels["measures"], text=card["text"], group=group)
        )
    return rows


def _hanging(step):
    """(lane, card) for everything on a step, in the road's order."""
    cards = [("resources", card) for card in step["resources"]]
    for wall in step["walls"]:
        cards.append(("walls", wall))
        cards += [("overcome", way) for way in wall["overcome"]]
    return cards
